import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from coalition.cases.models import CaseDocument
from tests import factories

pytestmark = pytest.mark.django_db

WORKSPACE_QUERIES = 16


def zip_bytes(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def image_bytes(image_format):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, image_format)
    return buffer.getvalue()


CONTENT_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/word/document.xml" ContentType="application/'
    '{}.main+xml"/></Types>'
)
DOCX = zip_bytes(
    {
        "[Content_Types].xml": CONTENT_TYPES.format(
            "vnd.openxmlformats-officedocument.wordprocessingml.document"
        ),
        "word/document.xml": "<w:document/>",
    }
)
ODT = zip_bytes({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"})
ACCEPTED = {
    "pdf": (b"%PDF-1.7\n1 0 obj\n", "application/pdf"),
    "docx": (
        DOCX,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "odt": (ODT, "application/vnd.oasis.opendocument.text"),
    "rtf": (b"{\\rtf1\\ansi Hello}", "application/rtf"),
    "txt": ("Показания заявителя, 3 мая.\n".encode(), "text/plain"),
    "jpg": (image_bytes("JPEG"), "image/jpeg"),
    "png": (image_bytes("PNG"), "image/png"),
}
REFUSED = {
    "a program named .pdf": ("statement.pdf", b"MZ\x90\x00\x03\x00\x00\x00"),
    "a zip named .docx": ("statement.docx", zip_bytes({"evil.exe": "MZ"})),
    "a macro-enabled word document": (
        "statement.docx",
        zip_bytes(
            {
                "[Content_Types].xml": CONTENT_TYPES.format("vnd.ms-word.document.macroEnabled"),
                "word/document.xml": "<w:document/>",
                "word/vbaProject.bin": "macros",
            }
        ),
    ),
    "a spreadsheet zip named .odt": (
        "sheet.odt",
        zip_bytes({"mimetype": "application/vnd.oasis.opendocument.spreadsheet"}),
    ),
    "html named .txt": ("page.txt", b"\xff\xfe<\x00h\x00t\x00m\x00l\x00>"),
    "text with NUL bytes": ("notes.txt", b"hello\x00world"),
    "a broken png": ("photo.png", image_bytes("PNG")[:30]),
    "a gif named .png": ("photo.png", image_bytes("GIF")),
}


def upload_data(upload, **changes):
    data = {
        "title": "Observations of the Government",
        "kind": CaseDocument.Kind.OBSERVATIONS,
        "date": "2024-05-03",
        "language": "ru",
        "visibility": CaseDocument.Visibility.PARTNERS,
        "file": upload,
    }
    data.update(changes)
    return data


def stored_files(settings):
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_the_workspace_shows_the_whole_timeline_and_shared_documents_only(
    client, our_member, our_case, shared_document, editors_document
):
    factories.CaseEventFactory(case=our_case, title="Confidential meeting", is_public=False)
    factories.CaseEventFactory(case=our_case, title="Application lodged", is_public=True)
    public_document = factories.CaseDocumentFactory(case=our_case, title="Public judgment")
    client.force_login(our_member)
    response = client.get(reverse("portal:case", args=[our_case.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Confidential meeting" in content
    assert "Application lodged" in content
    assert shared_document.title in content
    assert public_document.title in content
    assert editors_document.title not in content
    assert f'href="/portal/cases/{our_case.pk}/documents/{shared_document.pk}/"' in content


def test_an_event_linking_an_editors_only_document_does_not_show_it(
    client, our_member, our_case, editors_document
):
    factories.CaseEventFactory(case=our_case, title="Strategy", document=editors_document)
    client.force_login(our_member)
    response = client.get(reverse("portal:case", args=[our_case.pk]))
    assert b"Strategy" in response.content
    assert editors_document.title.encode() not in response.content


@pytest.mark.parametrize("count", [3, 30])
def test_the_workspace_runs_a_fixed_number_of_queries(
    client, our_member, our_case, partner, count, django_assert_max_num_queries
):
    for number in range(count):
        document = factories.CaseDocumentFactory(
            case=our_case, visibility="partners", partner=partner
        )
        factories.CaseEventFactory(case=our_case, title=f"Event {number}", document=document)
        factories.ProceedingFactory(case=our_case)
    client.force_login(our_member)
    with django_assert_max_num_queries(WORKSPACE_QUERIES):
        response = client.get(reverse("portal:case", args=[our_case.pk]))
    assert len(response.context["case"].shared_documents) == count


@pytest.mark.parametrize("extension", ACCEPTED)
def test_each_accepted_type_is_stored_privately_under_a_safe_name(
    client, our_member, our_case, partner, settings, extension
):
    content, content_type = ACCEPTED[extension]
    # The name lies: the stored extension comes from the content.
    upload = SimpleUploadedFile("../../Наш файл.exe", content)
    client.force_login(our_member)
    response = client.post(reverse("portal:case", args=[our_case.pk]), upload_data(upload))
    assert response.status_code == 303
    document = CaseDocument.objects.get()
    assert document.partner == partner
    assert document.uploaded_by == our_member
    assert document.visibility == CaseDocument.Visibility.PARTNERS
    assert document.size == len(content)
    assert len(document.checksum) == 64
    name = Path(document.file.name)
    assert name.parent == Path(f"cases/{our_case.pk}")
    assert name.suffix == f".{extension}"
    assert ".." not in document.file.name
    assert [path.name for path in stored_files(settings)] == [name.name]
    assert not Path(settings.MEDIA_ROOT).exists() or not any(
        Path(settings.MEDIA_ROOT).rglob("*.*")
    )

    download = client.get(reverse("portal:document", args=[our_case.pk, document.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == content_type
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == content


@pytest.mark.parametrize("case_name", REFUSED)
def test_a_file_disguised_by_its_name_is_refused_and_nothing_is_stored(
    client, our_member, our_case, settings, case_name
):
    name, content = REFUSED[case_name]
    client.force_login(our_member)
    response = client.post(
        reverse("portal:case", args=[our_case.pk]),
        upload_data(SimpleUploadedFile(name, content)),
    )
    assert response.status_code == 400
    assert "not one of the accepted types" in str(response.context["upload_form"].errors)
    assert not CaseDocument.objects.exists()
    assert stored_files(settings) == []


def test_a_file_over_the_size_limit_is_refused(client, our_member, our_case, settings):
    settings.DOCUMENT_MAX_UPLOAD_MB = 1
    content = b"%PDF-1.7\n" + b"0" * (1024 * 1024)
    client.force_login(our_member)
    response = client.post(
        reverse("portal:case", args=[our_case.pk]),
        upload_data(SimpleUploadedFile("big.pdf", content)),
    )
    assert response.status_code == 400
    assert "the largest accepted is 1.0\xa0MB" in str(response.context["upload_form"].errors)
    assert stored_files(settings) == []


def test_an_empty_file_is_refused(client, our_member, our_case, settings):
    client.force_login(our_member)
    response = client.post(
        reverse("portal:case", args=[our_case.pk]),
        upload_data(SimpleUploadedFile("empty.pdf", b"")),
    )
    assert response.status_code == 400
    assert "empty" in str(response.context["upload_form"].errors["file"])


@pytest.mark.parametrize(
    ("name", "content"),
    [("big.pdf", b"%PDF-1.4" + b"x" * 1_100_000), ("a.pdf", b"MZ\x90\x00"), ("e.pdf", b"")],
)
def test_a_refused_upload_gives_only_the_real_reason(
    client, our_member, our_case, settings, name, content
):
    settings.DOCUMENT_MAX_UPLOAD_MB = 1
    client.force_login(our_member)
    response = client.post(
        reverse("portal:case", args=[our_case.pk]),
        upload_data(SimpleUploadedFile(name, content)),
    )
    assert response.status_code == 400
    form = response.context["upload_form"]
    assert list(form.errors) == ["file"]
    assert "Upload a file or give an external URL." not in response.text
    assert stored_files(settings) == []


def test_a_missing_file_or_title_is_refused(client, our_member, our_case):
    client.force_login(our_member)
    response = client.post(
        reverse("portal:case", args=[our_case.pk]),
        upload_data(SimpleUploadedFile("a.pdf", b"%PDF-1.4"), title="", file=""),
    )
    assert response.status_code == 400
    assert {"title", "file"} <= set(response.context["upload_form"].errors)


@pytest.mark.parametrize("visibility", ["public", "bogus"])
def test_partners_cannot_make_a_document_public(
    client, our_member, our_case, settings, visibility
):
    client.force_login(our_member)
    response = client.post(
        reverse("portal:case", args=[our_case.pk]),
        upload_data(SimpleUploadedFile("a.pdf", b"%PDF-1.4"), visibility=visibility),
    )
    assert response.status_code == 400
    assert "visibility" in response.context["upload_form"].errors
    assert stored_files(settings) == []


def test_a_document_for_editors_only_is_stored_but_not_shown_back(client, our_admin, our_case):
    client.force_login(our_admin)
    response = client.post(
        reverse("portal:case", args=[our_case.pk]),
        upload_data(SimpleUploadedFile("note.pdf", b"%PDF-1.4"), visibility="editors"),
    )
    assert response.status_code == 303
    document = CaseDocument.objects.get()
    assert document.visibility == CaseDocument.Visibility.EDITORS
    url = reverse("portal:document", args=[our_case.pk, document.pk])
    assert client.get(url).status_code == 404


def test_a_public_case_document_uploaded_in_the_portal_stays_off_the_public_page(
    client, our_member, partner
):
    case = factories.LitigationCaseFactory(is_public=True)
    factories.CasePartnerFactory(case=case, partner=partner)
    client.force_login(our_member)
    client.post(
        reverse("portal:case", args=[case.pk]),
        upload_data(SimpleUploadedFile("note.pdf", b"%PDF-1.4")),
    )
    assert CaseDocument.objects.filter(case=case).count() == 1
    assert not CaseDocument.objects.published().exists()


def test_a_document_with_only_an_external_link_has_no_download(client, our_member, our_case):
    document = factories.CaseDocumentFactory(
        case=our_case, file="", external_url="https://hudoc.example.org/1", visibility="partners"
    )
    client.force_login(our_member)
    url = reverse("portal:document", args=[our_case.pk, document.pk])
    assert client.get(url).status_code == 404
    page = client.get(reverse("portal:case", args=[our_case.pk]))
    assert b"https://hudoc.example.org/1" in page.content


def test_a_stored_file_that_went_missing_is_404_not_500(
    client, our_member, our_case, shared_document
):
    shared_document.file.storage.delete(shared_document.file.name)
    client.force_login(our_member)
    url = reverse("portal:document", args=[our_case.pk, shared_document.pk])
    assert client.get(url).status_code == 404


def test_losing_the_role_on_the_case_closes_the_download_at_once(
    client, our_member, our_case, shared_document
):
    client.force_login(our_member)
    url = reverse("portal:document", args=[our_case.pk, shared_document.pk])
    assert client.get(url).status_code == 200
    our_case.case_partners.all().delete()
    assert client.get(url).status_code == 404


def test_the_dashboard_lists_recent_documents_of_our_cases_only(
    client, our_member, shared_document, editors_document, their_document
):
    client.force_login(our_member)
    response = client.get(reverse("portal:dashboard"))
    assert response.status_code == 200
    assert shared_document.title.encode() in response.content
    assert editors_document.title.encode() not in response.content
    assert their_document.title.encode() not in response.content
