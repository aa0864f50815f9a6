import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.test import TestCase

from coalition.library.models import Document, Image
from coalition.storage import private_storage, public_storage
from coalition.uploads import DOCX, DOCX_MAIN_PART
from tests import factories

pytestmark = pytest.mark.django_db


def committed():
    """Variants and public copies are made once the save commits: at the end of the block."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def test_alt_text_is_required_unless_the_image_is_decorative():
    image = factories.ImageFactory.build(alt="  ")

    with pytest.raises(ValidationError) as refused:
        image.full_clean()
    assert "alt" in refused.value.message_dict

    image.decorative = True
    image.full_clean()
    assert image.alt_text() == ""


def test_a_translated_caption_needs_a_translated_alt_text():
    image = factories.ImageFactory.build(alt="A court")
    image.set_translations("ru", {"caption": "Суд"})

    with pytest.raises(ValidationError) as refused:
        image.full_clean()
    assert "translate the alt text too" in " ".join(refused.value.message_dict["alt"])

    image.set_translations("ru", {"alt": "Здание суда"})
    image.full_clean()
    assert image.alt_text("ru") == "Здание суда"
    assert image.alt_text("kk") == "A court"


@pytest.mark.parametrize(("x", "y"), [(-0.1, 0.5), (0.5, 1.01), (2, 2)])
def test_a_focal_point_outside_the_image_is_refused(x, y):
    image = factories.ImageFactory.build(focal_x=x, focal_y=y)

    with pytest.raises(ValidationError) as refused:
        image.full_clean()
    assert set(refused.value.message_dict) & {"focal_x", "focal_y"}


def test_no_focal_point_means_the_centre():
    image = factories.ImageFactory.build()

    assert image.focal_point == (0.5, 0.5)
    image.focal_x, image.focal_y = 0.25, 1.0
    assert image.focal_point == (0.25, 1.0)


def test_an_image_is_public_with_its_variants_once_saved():
    with committed():
        image = factories.ImageFactory(file=factories.image_upload("cell.png", size=(1000, 500)))
    image.refresh_from_db()

    assert (image.width, image.height) == (1000, 500)
    assert image.file.name.startswith("library/images/")
    assert private_storage().exists(image.file.name)
    assert sorted(image.variants["webp"], key=int) == ["480", "960", "1000"]
    assert public_storage().exists(image.file.name)
    found = image.addresses()
    assert found.public
    assert image.url == public_storage().url(image.file.name)
    assert image.srcset().count("w, ") == 2


def test_a_document_records_its_size_checksum_and_type():
    content = b"%PDF-1.7 an annual report\n" * 10
    document = factories.DocumentFactory(file=ContentFile(content, name="annual.pdf"))

    assert document.size == len(content)
    assert document.checksum == hashlib.sha256(content).hexdigest()
    assert document.file_type == "PDF"
    assert document.file.name.startswith("library/documents/")


def test_a_document_gets_a_public_copy_once_saved_and_loses_it_when_deleted():
    with committed():
        document = factories.DocumentFactory()
    assert document.url == f"/library/documents/{document.pk}/"

    document.refresh_from_db()
    assert document.public_copy == document.file.name
    assert public_storage().exists(document.file.name)
    assert document.url == public_storage().url(document.file.name)

    with committed():
        document.delete()
    assert not public_storage().exists(document.public_copy)
    assert private_storage().exists(document.file.name)


def test_a_replaced_document_file_replaces_its_public_copy():
    with committed():
        document = factories.DocumentFactory()
    document.refresh_from_db()
    old = document.public_copy

    with committed():
        document.file = ContentFile(b"%PDF-1.7 corrected\n", name="corrected.pdf")
        document.save()
    document.refresh_from_db()

    assert document.public_copy == document.file.name != old
    assert public_storage().exists(document.public_copy)
    assert not public_storage().exists(old)
    assert document.checksum == hashlib.sha256(b"%PDF-1.7 corrected\n").hexdigest()


def test_the_document_view_serves_the_file_to_anyone(client):
    document = factories.DocumentFactory()

    response = client.get(f"/library/documents/{document.pk}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert client.get(f"/library/documents/{document.pk + 1}/").status_code == 404
    assert client.post(f"/library/documents/{document.pk}/").status_code == 405


def test_search_finds_items_by_title_alt_text_and_tag():
    court = factories.ImageFactory(title="Court", alt="Judges on the bench")
    street = factories.ImageFactory(title="Street", alt="A march")
    street.tags.add(factories.TagFactory(name="protest"))
    report = factories.DocumentFactory(title="Bench report")

    assert set(Image.objects.search("bench")) == {court}
    assert set(Image.objects.search("PROTEST")) == {street}
    assert set(Image.objects.search("")) == {court, street}
    assert set(Document.objects.search("bench")) == {report}


def test_a_document_whose_file_is_lost_answers_404(client):
    document = factories.DocumentFactory()
    private_storage().delete(document.file.name)

    assert client.get(f"/library/documents/{document.pk}/").status_code == 404


def test_a_word_document_is_served_as_one(client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", DOCX_MAIN_PART)
        archive.writestr("word/document.xml", "<w:document/>")
    document = factories.DocumentFactory(file=ContentFile(buffer.getvalue(), name="brief.docx"))

    response = client.get(f"/library/documents/{document.pk}/")

    assert document.file_type == "DOCX"
    assert response["Content-Type"] == DOCX.content_type
    assert 'filename="brief.docx"' in response["Content-Disposition"]
