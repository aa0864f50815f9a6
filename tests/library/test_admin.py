import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from coalition.library.models import Document, Image
from tests import factories
from tests.admin_helpers import admin_url, admin_view_url, change_form_data, open_change_form

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model_name", ["image", "document"])
@pytest.mark.parametrize("view", ["changelist", "add"])
def test_editors_and_authors_open_the_library(client, editor, author, model_name, view):
    url = admin_view_url("library", model_name, view)

    assert client.get(url).status_code == 302
    for user in (editor, author):
        client.force_login(user)
        assert client.get(url).status_code == 200


def test_an_editor_uploads_an_image_and_is_its_uploader(client, editor):
    client.force_login(editor)

    response = client.post(
        admin_view_url("library", "image", "add"),
        {
            "file": factories.image_upload("court.png", size=(80, 60)),
            "title": "Court",
            "alt": "The court building",
            "licence": "cc-by-4.0",
            "caption_ru": "Суд",
            "alt_ru": "Здание суда",
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    image = Image.objects.get()
    assert image.uploaded_by == editor
    assert (image.width, image.height) == (80, 60)
    assert image.alt_text("ru") == "Здание суда"


def test_an_image_without_alt_text_is_refused_with_the_reason(client, editor):
    client.force_login(editor)

    response = client.post(
        admin_view_url("library", "image", "add"),
        {"file": factories.image_upload(), "title": "Court", "licence": "cc0"},
    )

    assert response.status_code == 200
    assert "alt" in response.context["adminform"].form.errors
    assert not Image.objects.exists()


def test_a_document_upload_is_checked_as_the_portal_checks_it(client, editor):
    client.force_login(editor)
    url = admin_view_url("library", "document", "add")
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")

    refused = client.post(url, {"file": fake, "title": "Report", "language": "en"})

    assert refused.status_code == 200
    assert "not one of the accepted types" in str(refused.context["adminform"].form.errors)
    assert not Document.objects.exists()

    pdf = SimpleUploadedFile("Annual Report.PDF", b"%PDF-1.7 report\n", "application/pdf")
    accepted = client.post(url, {"file": pdf, "title": "Report", "language": "ru"})

    assert accepted.status_code == 302
    document = Document.objects.get()
    assert document.file_type == "PDF"
    assert document.file.name.endswith(".pdf")
    assert "annual-report" in document.file.name
    assert document.uploaded_by == editor


def test_an_image_edit_keeps_a_revision(client, editor):
    image = factories.ImageFactory(title="Court")
    client.force_login(editor)

    response = client.post(
        admin_url(image, "change"),
        change_form_data(open_change_form(client, image), title="The court"),
    )

    assert response.status_code == 302
    image.refresh_from_db()
    assert image.title == "The court"
    assert image.version == 2
