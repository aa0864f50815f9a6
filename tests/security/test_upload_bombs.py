"""Uploads built to exhaust the server: archives and images that unpack to far more than they
weigh are refused with a clear form error, in bounded memory."""

import io
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coalition.cases.models import CaseDocument
from tests import factories

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
# What a request may allocate while refusing a bomb: the upload, the form and the page.
MEMORY_BUDGET = 16 * MB
DOCX_CONTENT_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def zip_archive(members):
    """A ZIP archive of `members`: {name: bytes, or (bytes, megabytes of spaces after them)}."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            if isinstance(content, tuple):
                start, megabytes = content
                # Written a megabyte at a time, so making the bomb costs no memory either.
                with archive.open(name, "w") as member:
                    member.write(start)
                    for _ in range(megabytes):
                        member.write(b" " * MB)
            else:
                archive.writestr(name, content)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def odt_bomb():
    """A 100 KB OpenDocument whose `mimetype` member, the right type followed by spaces,
    unpacks to 100 MB."""
    return zip_archive(
        {"mimetype": (b"application/vnd.oasis.opendocument.text", 100), "content.xml": "<x/>"}
    )


@pytest.fixture
def staff_and_case(db):
    partner = factories.PartnerFactory()
    staff = factories.MembershipFactory(partner=partner, user__groups=["Partner staff"]).user
    case = factories.LitigationCaseFactory(is_public=False)
    factories.CasePartnerFactory(case=case, partner=partner, is_public=False)
    return staff, case


def upload_document(client, staff_and_case, name, content):
    """Post `content` to the case workspace's upload form; return the response and the peak
    memory the request allocated."""
    staff, case = staff_and_case
    client.force_login(staff)
    data = {
        "title": "Observations",
        "kind": CaseDocument.Kind.OBSERVATIONS,
        "date": "2024-05-03",
        "language": "en",
        "visibility": CaseDocument.Visibility.PARTNERS,
        "file": SimpleUploadedFile(name, content),
    }
    url = reverse("portal:case", args=[case.pk])
    tracemalloc.start()
    try:
        response = client.post(url, data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return response, peak


def assert_refused_as_bomb(response):
    assert response.status_code == 400
    errors = response.context["upload_form"].errors["file"]
    assert "unpacks to far more than its size" in str(errors)
    assert not CaseDocument.objects.exists()


def test_an_opendocument_bomb_is_refused_in_bounded_memory(client, staff_and_case, odt_bomb):
    assert len(odt_bomb) < 200_000
    response, peak = upload_document(client, staff_and_case, "statement.odt", odt_bomb)
    assert_refused_as_bomb(response)
    assert peak < MEMORY_BUDGET


def test_a_word_document_whose_content_types_part_is_a_bomb_is_refused(client, staff_and_case):
    bomb = zip_archive({"[Content_Types].xml": (b"", 100), "word/document.xml": "<w:document/>"})
    response, peak = upload_document(client, staff_and_case, "statement.docx", bomb)
    assert_refused_as_bomb(response)
    assert peak < MEMORY_BUDGET


def test_a_word_document_carrying_a_bomb_we_never_read_is_refused(client, staff_and_case):
    """Stored, it would explode on the computer of the partner who downloads it."""
    bomb = zip_archive(
        {
            "[Content_Types].xml": DOCX_CONTENT_TYPES,
            "word/document.xml": (b"", 50),
            "word/x.xml": "x",
        }
    )
    response, peak = upload_document(client, staff_and_case, "statement.docx", bomb)
    assert_refused_as_bomb(response)
    assert peak < MEMORY_BUDGET


def test_an_archive_of_countless_members_is_refused_before_its_directory_is_read(
    client, staff_and_case
):
    members = {"[Content_Types].xml": DOCX_CONTENT_TYPES, "word/document.xml": "<w:document/>"}
    members.update({f"word/{number}": b"" for number in range(3000)})
    response, _ = upload_document(client, staff_and_case, "many.docx", zip_archive(members))
    assert_refused_as_bomb(response)


def test_a_real_word_document_with_well_packed_xml_is_accepted(client, staff_and_case):
    """Megabytes of XML that pack 20 times are ordinary; only members far beyond that are
    refused."""
    body = "".join(
        f'<w:p w:rsidR="00{number % 97:02d}A1"><w:r><w:t>Paragraph {number}: the applicant '
        f"was held for {number % 7 + 1} days.</w:t></w:r></w:p>"
        for number in range(40_000)
    ).encode()
    document = zip_archive({"[Content_Types].xml": DOCX_CONTENT_TYPES, "word/document.xml": body})
    response, _ = upload_document(client, staff_and_case, "statement.docx", document)
    assert response.status_code == 303
    assert CaseDocument.objects.get().file.name.endswith(".docx")


def test_a_real_opendocument_is_accepted(client, staff_and_case):
    document = zip_archive(
        {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}
    )
    response, _ = upload_document(client, staff_and_case, "statement.odt", document)
    assert response.status_code == 303
    assert CaseDocument.objects.get().file.name.endswith(".odt")
