"""Media in object storage, proved against a real S3-compatible server (SeaweedFS)."""

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coalition.cases.models import CaseDocument
from coalition.object_storage import PrivateS3Storage, PublicS3Storage
from coalition.storage import private_storage, public_storage
from partners.models import Partner
from tests import factories
from tests.servers import anonymous_get

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<< /Title (Observations) >>\nendobj\n"


def image_urls(html):
    """Every media address in the page's <img src> and <source srcset>."""
    urls = set(re.findall(r'<img[^>]* src="([^"]+)"', html))
    for srcset in re.findall(r'srcset="([^"]+)"', html):
        urls.update(part.split()[0] for part in srcset.split(","))
    return {url for url in urls if "/static/" not in url}


def test_a_logo_uploaded_in_the_portal_lands_in_the_private_bucket_with_public_copies(
    client, s3_media, django_capture_on_commit_callbacks
):
    partner = factories.PartnerFactory()
    membership = factories.MembershipFactory(
        partner=partner, role="admin", user__groups=["Partner staff"]
    )
    client.force_login(membership.user)
    logo = factories.image_upload("logo.png", size=(400, 200))
    data = {
        "summary": "Lawyers against torture.",
        "version": partner.version,
        "logo": logo,
        "logo_alt": "The bureau's logo",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("portal:partner-edit", args=[partner.slug]), data)
    assert response.status_code == 303

    partner = Partner.objects.select_related("logo").get(pk=partner.pk)
    variants = partner.logo.variants
    variant_names = [
        name
        for widths in (variants["webp"], variants["jpeg"], variants["crops"])
        for name in widths.values()
    ]
    assert len(variant_names) == 4
    names = (partner.logo.file.name, *variant_names)
    expected = {f"{s3_media.prefix}/{name}" for name in names}
    assert set(s3_media.private_keys()) == expected
    # A library image: anyone may fetch it, from copies in the public bucket.
    assert set(s3_media.public_keys()) == expected
    assert (partner.logo.width, partner.logo.height) == (400, 200)


def test_a_private_logo_stays_in_the_private_bucket_until_its_partner_is_activated(
    client, s3_media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        logo = factories.ImageFactory(
            file=factories.image_upload("logo.png", size=(400, 200)), private_until_used=True
        )
        partner = factories.PartnerFactory(is_active=False, logo=logo)
    name = logo.file.name
    private_keys = set(s3_media.private_keys())
    assert f"{s3_media.prefix}/{name}" in private_keys
    assert len(private_keys) == 5
    assert s3_media.public_keys() == []
    status, body = anonymous_get(public_storage().url(name))
    assert status in (403, 404)
    assert not body.startswith(b"\x89PNG")

    partner.is_active = True
    with django_capture_on_commit_callbacks(execute=True):
        partner.save()
    assert set(s3_media.public_keys()) == private_keys
    status, body = anonymous_get(public_storage().url(name))
    assert (status, body[:4]) == (200, b"\x89PNG")

    # Public from then on, as every library image is.
    partner.is_active = False
    with django_capture_on_commit_callbacks(execute=True):
        partner.save()
    assert set(s3_media.public_keys()) == private_keys


def test_public_images_have_urls_that_anyone_can_fetch(
    client, s3_media, settings, django_capture_on_commit_callbacks
):
    # The variants are made by a task once the upload commits.
    with django_capture_on_commit_callbacks(execute=True):
        partner = factories.PartnerFactory(
            logo=factories.ImageFactory(file=factories.image_upload("logo.png", size=(400, 200)))
        )
    partner.refresh_from_db()

    page = client.get(reverse("partners:detail", args=[partner.slug]))
    assert page.status_code == 200
    urls = image_urls(page.text)
    # The largest JPEG as src, and every WebP and JPEG variant in the srcsets: one width.
    assert len(urls) == 2
    for url in urls:
        assert url.startswith(
            f"{s3_media.server.endpoint_url}/coalition-public/{s3_media.prefix}/"
        )
        status, body = anonymous_get(url)
        assert status == 200, url
        assert body[:4] in (b"RIFF", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xdb", b"\xff\xd8\xff\xe1")
    status, body = anonymous_get(public_storage().url(partner.logo.file.name))
    assert status == 200
    assert body.startswith(b"\x89PNG")


def test_a_document_uploaded_in_the_portal_is_private_and_downloads_only_for_its_partner(
    client, s3_media, partner, other_partner
):
    member = factories.MembershipFactory(
        partner=partner, role="member", user__groups=["Partner staff"]
    ).user
    outsider = factories.MembershipFactory(
        partner=other_partner, role="admin", user__groups=["Partner staff"]
    ).user
    case = factories.LitigationCaseFactory(title="Ours v. Kazakhstan", is_public=False)
    factories.CasePartnerFactory(case=case, partner=partner, is_public=False)
    client.force_login(member)

    response = client.post(
        reverse("portal:case", args=[case.pk]),
        {
            "title": "Observations of the Government",
            "kind": CaseDocument.Kind.OBSERVATIONS,
            "date": "2024-05-03",
            "language": "ru",
            "visibility": CaseDocument.Visibility.PARTNERS,
            "file": SimpleUploadedFile("observations.pdf", PDF),
        },
    )
    assert response.status_code == 303

    document = CaseDocument.objects.get()
    assert s3_media.private_keys() == [f"{s3_media.prefix}/{document.file.name}"]
    assert s3_media.public_keys() == []
    assert document.checksum == hashlib.sha256(PDF).hexdigest()
    # Nobody without the keys reads the object, even knowing its address.
    status, body = anonymous_get(s3_media.private_url(document.file.name))
    assert status == 403
    assert PDF not in body

    url = reverse("portal:document", args=[case.pk, document.pk])
    download = client.get(url)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == PDF

    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_a_public_document_streams_from_the_private_bucket_until_it_is_lost(
    client, s3_media, public_case
):
    document = factories.CaseDocumentFactory(
        case=public_case, file=ContentFile(PDF, name="judgment.pdf"), visibility="public"
    )
    url = document.get_download_url()
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF

    private_storage().delete(document.file.name)
    assert client.get(url).status_code == 404


def test_private_documents_have_no_url_and_the_buckets_use_their_own_backends(s3_media):
    name = private_storage().save("cases/1/note.txt", ContentFile(b"confidential"))

    assert isinstance(private_storage(), PrivateS3Storage)
    assert isinstance(public_storage(), PublicS3Storage)
    with pytest.raises(ValueError, match="no public URL"):
        private_storage().url(name)
    assert not public_storage().exists(name)


def test_two_uploads_with_one_name_keep_both_files(s3_media):
    first = public_storage().save("partners/logos/logo.png", ContentFile(b"first"))
    second = public_storage().save("partners/logos/logo.png", ContentFile(b"second"))

    assert first != second
    assert public_storage().open(first).read() == b"first"
    assert public_storage().open(second).read() == b"second"


def test_wrong_keys_are_refused(s3_media):
    client = s3_media.server.client(secret_key="not-the-secret")
    with pytest.raises(Exception, match="SignatureDoesNotMatch|AccessDenied|InvalidAccessKeyId"):
        client.get_object(Bucket="coalition-private", Key="anything")


def settings_in_a_new_process(**env):
    """The storages the settings module builds from `env`, as a fresh process reads them."""
    code = (
        "import django; django.setup()\n"
        "from django.conf import settings\n"
        "from django.core.files.storage import storages\n"
        "public, private = storages['default'], storages['private']\n"
        "print(type(public).__name__, public.bucket_name, public.file_overwrite)\n"
        "print(type(private).__name__, private.bucket_name, private.default_acl)\n"
        "print(public.url('partners/logos/a b.png'))\n"
    )
    clean = {key: value for key, value in os.environ.items() if not key.startswith("AWS_")}
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "coalition.settings", **env},
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        check=False,
    )
    return result


S3_ENV = {
    "MEDIA_STORAGE": "s3",
    "PUBLIC_MEDIA_BUCKET": "site-media",
    "PRIVATE_MEDIA_BUCKET": "site-documents",
    "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:1",
    "AWS_S3_ACCESS_KEY_ID": "key",
    "AWS_S3_SECRET_ACCESS_KEY": "secret",
    "AWS_S3_ADDRESSING_STYLE": "path",
}


def test_media_storage_s3_builds_both_buckets_from_the_environment():
    result = settings_in_a_new_process(**S3_ENV, MEDIA_URL="https://media.example.org/")
    assert result.returncode == 0, result.stderr
    public, private, url = result.stdout.splitlines()
    assert public == "PublicS3Storage site-media False"
    assert private == "PrivateS3Storage site-documents private"
    # A full MEDIA_URL is where readers fetch public media (a CDN or the bucket's domain).
    assert url == "https://media.example.org/partners/logos/a%20b.png"


def test_without_a_full_media_url_public_urls_are_the_endpoints_unsigned():
    result = settings_in_a_new_process(**S3_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[2] == (
        "http://127.0.0.1:1/site-media/partners/logos/a%20b.png"
    )


def test_an_unknown_media_storage_is_refused_at_start():
    result = settings_in_a_new_process(MEDIA_STORAGE="dropbox")
    assert result.returncode != 0
    assert "MEDIA_STORAGE is 'dropbox': use filesystem or s3." in result.stderr
