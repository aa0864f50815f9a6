"""Public media served by the site itself (SERVE_MEDIA), and the checks on where media lives."""

import importlib

import pytest
from django.core.files.base import ContentFile
from django.urls import clear_url_caches
from django.utils.http import http_date

from coalition import checks
from coalition.storage import private_storage, public_storage

PNG = b"\x89PNG\r\n\x1a\n-not-really-but-enough"


@pytest.fixture
def site_urls(settings):
    """Reload the site's URLs after changing the settings they are built from."""

    def reload(**changes):
        for name, value in changes.items():
            setattr(settings, name, value)
        importlib.reload(importlib.import_module(settings.ROOT_URLCONF))
        clear_url_caches()

    yield reload
    reload(SERVE_MEDIA=False, MEDIA_STORAGE="filesystem")


@pytest.fixture
def serving(site_urls):
    site_urls(SERVE_MEDIA=True, DEBUG=False)


def test_serve_media_serves_public_files_with_debug_off(client, serving):
    name = public_storage().save("partners/logos/logo.png", ContentFile(PNG))

    response = client.get(f"/media/{name}")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "max-age=86400" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PNG


def test_serve_media_answers_not_modified_to_a_browser_that_has_the_file(client, serving):
    name = public_storage().save("logo.png", ContentFile(PNG))
    modified = public_storage().get_modified_time(name).timestamp()

    response = client.get(f"/media/{name}", HTTP_IF_MODIFIED_SINCE=http_date(modified + 1))

    assert response.status_code == 304


@pytest.mark.parametrize(
    "path",
    [
        "/media/missing.png",
        "/media/partners/",
        "/media/../private/cases/1/secret.pdf",
        "/media/%2e%2e/private/cases/1/secret.pdf",
        "/media/..%2fprivate%2fcases%2f1%2fsecret.pdf",
        "/media//etc/passwd",
    ],
)
def test_serve_media_answers_404_for_anything_but_a_stored_public_file(client, serving, path):
    public_storage().save("partners/logo.png", ContentFile(PNG))
    private_storage().save("cases/1/secret.pdf", ContentFile(b"%PDF-secret"))

    response = client.get(path)

    assert response.status_code == 404
    assert b"%PDF-secret" not in response.content


def test_serve_media_never_reaches_private_documents(client, serving):
    name = private_storage().save("cases/1/secret.pdf", ContentFile(b"%PDF-secret"))

    assert client.get(f"/media/{name}").status_code == 404


def test_serve_media_only_reads(client, serving):
    name = public_storage().save("logo.png", ContentFile(PNG))

    assert client.post(f"/media/{name}").status_code == 405
    assert client.head(f"/media/{name}").status_code == 200


def test_media_is_not_served_by_the_site_when_serve_media_is_off(client, site_urls):
    site_urls(SERVE_MEDIA=False)
    name = public_storage().save("logo.png", ContentFile(PNG))

    assert client.get(f"/media/{name}").status_code == 404


def test_media_is_not_served_by_the_site_from_object_storage(client, site_urls):
    site_urls(SERVE_MEDIA=True, MEDIA_STORAGE="s3")
    name = public_storage().save("logo.png", ContentFile(PNG))

    assert client.get(f"/media/{name}").status_code == 404


def test_deploy_check_refuses_media_on_one_machines_disk(settings):
    settings.ALLOW_SINGLE_MACHINE = False

    errors = checks.check_shared_media(None)

    assert [error.id for error in errors] == ["coalition.E022"]
    assert "default, private" in errors[0].msg


def test_deploy_check_accepts_local_media_on_an_install_declared_single_machine(settings):
    settings.ALLOW_SINGLE_MACHINE = True

    assert checks.check_shared_media(None) == []


def test_deploy_check_accepts_media_in_object_storage(settings):
    settings.ALLOW_SINGLE_MACHINE = False
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "coalition.object_storage.PublicS3Storage"},
        "private": {"BACKEND": "coalition.object_storage.PrivateS3Storage"},
    }

    assert checks.check_shared_media(None) == []


def test_deploy_check_names_a_private_storage_left_on_disk(settings):
    settings.ALLOW_SINGLE_MACHINE = False
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "coalition.object_storage.PublicS3Storage"},
    }

    errors = checks.check_shared_media(None)

    assert [error.id for error in errors] == ["coalition.E022"]
    assert "(storage private)" in errors[0].msg


@pytest.mark.parametrize(
    ("public", "private", "error"),
    [
        ("", "documents", "coalition.E020"),
        ("media", "", "coalition.E020"),
        ("media", "media", "coalition.E021"),
    ],
)
def test_object_storage_needs_two_distinct_buckets(settings, public, private, error):
    settings.MEDIA_STORAGE = "s3"
    settings.PUBLIC_MEDIA_BUCKET, settings.PRIVATE_MEDIA_BUCKET = public, private

    assert [found.id for found in checks.check_media_buckets(None)] == [error]


def test_two_named_buckets_pass_and_the_filesystem_needs_none(settings):
    settings.MEDIA_STORAGE = "s3"
    settings.PUBLIC_MEDIA_BUCKET, settings.PRIVATE_MEDIA_BUCKET = "media", "documents"
    assert checks.check_media_buckets(None) == []

    settings.MEDIA_STORAGE = "filesystem"
    settings.PUBLIC_MEDIA_BUCKET = settings.PRIVATE_MEDIA_BUCKET = ""
    assert checks.check_media_buckets(None) == []
