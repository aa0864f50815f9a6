"""Uploads built to exhaust the server: archives and images that unpack to far more than they
weigh are refused with a clear form error, in bounded memory."""

import io
import tracemalloc
import zipfile

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse
from PIL import EpsImagePlugin, Image, ImageFile

from coalition.cases.models import CaseDocument
from coalition.images import (
    HERO_WIDTHS,
    UploadImageField,
    UploadImageFormField,
    make_variants,
)
from tests import factories
from tests.admin_helpers import admin_url, change_form_data, open_change_form

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


# Images


def png_bytes(size, mode="1"):
    """A PNG of `size` pixels of one colour; one bit a pixel keeps making it cheap."""
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def pixel_bomb():
    """A 12000×12000 PNG (144 megapixels) in a small file: decoding it for resizing would
    take hundreds of megabytes."""
    return png_bytes((12_000, 12_000))


EPS = (
    b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 100 100\n%%EndComments\n"
    b"newpath 0 0 moveto 100 100 lineto stroke\nshowpage\n%%EOF\n"
)


def assert_image_refused(errors, reason):
    assert reason in str(errors)


@pytest.fixture
def never_decoded(monkeypatch):
    """Fail the test if Pillow decodes any pixels. Pillow allocates pixels outside Python's
    allocator, where tracemalloc cannot see them, so this is how a test knows memory stays
    bounded."""

    def load(image):
        pytest.fail(f"{image.format} image of {image.size} decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)


def post_logo_in_portal(client, partner, logo):
    admin = factories.MembershipFactory(
        partner=partner, role="admin", user__groups=["Partner staff"]
    ).user
    client.force_login(admin)
    data = {
        "summary": "Lawyers against torture.",
        "description": "",
        "website": "",
        "public_email": "",
        "countries": [],
        "topics": [],
        "version": partner.version,
        "logo": logo,
        "logo_alt": "The organisation's logo",
    }
    return client.post(reverse("portal:partner-edit", args=[partner.slug]), data)


def post_in_admin(client, obj, field, upload):
    response = open_change_form(client, obj)
    data = change_form_data(response, **{field: upload})
    return client.post(admin_url(obj, "change"), data)


def test_a_pixel_bomb_logo_is_refused_in_the_portal_without_decoding_it(
    client, pixel_bomb, never_decoded
):
    assert len(pixel_bomb) < 200_000
    partner = factories.PartnerFactory()
    response = post_logo_in_portal(client, partner, SimpleUploadedFile("logo.png", pixel_bomb))
    assert response.status_code == 400
    assert_image_refused(response.context["form"].errors["logo"], "40 megapixels")
    partner.refresh_from_db()
    assert not partner.logo


def test_a_pixel_bomb_is_refused_in_the_library_where_heroes_and_logos_are_uploaded(
    client, editor, pixel_bomb, never_decoded
):
    image = factories.ImageFactory()
    before = image.file.name
    client.force_login(editor)
    response = post_in_admin(client, image, "file", SimpleUploadedFile("hero.png", pixel_bomb))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["file"]
    assert_image_refused(errors, "40 megapixels")
    image.refresh_from_db()
    assert image.file.name == before


def test_a_pixel_bomb_among_case_documents_is_refused(
    client, staff_and_case, pixel_bomb, never_decoded
):
    response, peak = upload_document(client, staff_and_case, "scan.png", pixel_bomb)
    assert response.status_code == 400
    assert "megapixels" in str(response.context["upload_form"].errors["file"])
    assert peak < MEMORY_BUDGET


@pytest.mark.parametrize("name", ["logo.eps", "logo.png"])
def test_an_eps_image_is_refused_whatever_its_name(client, editor, name):
    image = factories.ImageFactory()
    before = image.file.name
    client.force_login(editor)
    response = post_in_admin(client, image, "file", SimpleUploadedFile(name, EPS))
    assert response.status_code == 200
    assert_image_refused(
        response.context["adminform"].form.errors["file"], "Upload a JPEG, PNG or WebP image"
    )
    image.refresh_from_db()
    assert image.file.name == before


def test_an_eps_logo_is_refused_in_the_portal(client):
    partner = factories.PartnerFactory()
    response = post_logo_in_portal(client, partner, SimpleUploadedFile("logo.eps", EPS))
    assert response.status_code == 400
    assert_image_refused(response.context["form"].errors["logo"], "JPEG, PNG or WebP")


def test_an_image_just_over_the_limit_is_refused_with_its_size(client, settings):
    """Below twice the limit Pillow only warns: our own check refuses, saying why."""
    settings.IMAGE_MAX_PIXELS = 200 * 100
    partner = factories.PartnerFactory()
    response = post_logo_in_portal(
        client, partner, SimpleUploadedFile("logo.png", png_bytes((201, 100), "RGB"))
    )
    assert response.status_code == 400
    assert "201×100 pixels" in str(response.context["form"].errors["logo"])


def test_pillows_own_bomb_error_is_a_clear_refusal_too(client, editor, settings, monkeypatch):
    """Far beyond the limit Pillow itself refuses to open the image: its error is caught."""
    image = factories.ImageFactory()
    settings.IMAGE_MAX_PIXELS = 10**12
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    client.force_login(editor)
    upload = factories.image_upload("logo.png", size=(100, 100))
    response = post_in_admin(client, image, "file", upload)
    assert response.status_code == 200
    assert "more pixels than" in str(response.context["adminform"].form.errors["file"])


@pytest.mark.parametrize(
    ("image_format", "extension"), [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp")]
)
def test_a_real_image_of_each_format_is_accepted_with_its_variants(
    client, editor, image_format, extension, django_capture_on_commit_callbacks
):
    image = factories.ImageFactory(alt="A courthouse")
    client.force_login(editor)
    upload = factories.image_upload(f"hero.{extension}", size=(1000, 500), format=image_format)
    # The variants are made by a task that runs once the save commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = post_in_admin(client, image, "file", upload)
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.width, image.height) == (1000, 500)
    assert image.variants["webp"]


def test_an_image_at_the_pixel_limit_is_accepted(client, settings):
    settings.IMAGE_MAX_PIXELS = 200 * 100
    partner = factories.PartnerFactory()
    response = post_logo_in_portal(
        client, partner, SimpleUploadedFile("logo.png", png_bytes((200, 100), "RGB"))
    )
    assert response.status_code == 303
    partner.refresh_from_db()
    assert (partner.logo.width, partner.logo.height) == (200, 100)


def test_variants_are_not_made_of_a_stored_bomb_or_eps(pixel_bomb, monkeypatch, never_decoded):
    """Files that reached storage some other way (older uploads, scripts) are never decoded."""
    monkeypatch.setattr(
        EpsImagePlugin, "Ghostscript", lambda *args, **kwargs: pytest.fail("Ghostscript ran")
    )
    image = factories.ImageFactory.build()
    for name, content in [("bomb.png", pixel_bomb), ("logo.eps", EPS)]:
        image.file.save(name, ContentFile(content), save=False)
        assert make_variants(image.file, HERO_WIDTHS) == {"source": image.file.name}


def test_every_image_field_refuses_bombs():
    """A new ImageField must be an UploadImageField, or its forms would accept bombs."""
    image_fields = [
        field
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.ImageField)
    ]
    assert image_fields
    assert all(isinstance(field, UploadImageField) for field in image_fields)
    for field in image_fields:
        assert isinstance(field.formfield(), UploadImageFormField)
