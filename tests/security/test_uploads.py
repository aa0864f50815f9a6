"""Attacks through uploads that hold today: isolation, forged fields, size, names, privacy.

Decompression bombs (zip and image) are in test_upload_bombs.py.
"""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coalition.cases.models import CaseDocument
from tests import factories

PDF = b"%PDF-1.7\n1 0 obj\n"


def upload(name="filing.pdf", content=PDF, **changes):
    return {
        "title": "Our filing",
        "kind": CaseDocument.Kind.OBSERVATIONS,
        "date": "2024-05-03",
        "language": "en",
        "visibility": CaseDocument.Visibility.PARTNERS,
        "file": SimpleUploadedFile(name, content),
        **changes,
    }


def stored_files(settings):
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_uploading_to_another_organisations_case_is_404_and_stores_nothing(
    client, our_member, their_case, settings
):
    client.force_login(our_member)
    response = client.post(reverse("portal:case", args=[their_case.pk]), upload())
    assert response.status_code == 404
    assert not CaseDocument.objects.exists()
    assert stored_files(settings) == []


def test_an_upload_cannot_choose_its_case_partner_or_uploader(
    client, our_member, our_case, their_case, other_partner, partner
):
    client.force_login(our_member)
    response = client.post(
        reverse("portal:case", args=[our_case.pk]),
        upload(
            case=their_case.pk,
            partner=other_partner.pk,
            uploaded_by="1",
            checksum="0" * 64,
            size="1",
        ),
    )
    assert response.status_code == 303
    document = CaseDocument.objects.get()
    assert (document.case, document.partner, document.uploaded_by) == (
        our_case,
        partner,
        our_member,
    )
    assert document.size == len(PDF)
    assert document.checksum != "0" * 64


def test_an_oversized_document_is_refused_and_nothing_is_stored(
    client, our_member, our_case, settings
):
    settings.DOCUMENT_MAX_UPLOAD_MB = 1
    client.force_login(our_member)
    response = client.post(
        reverse("portal:case", args=[our_case.pk]),
        upload(content=PDF + b"0" * (1024 * 1024)),
    )
    assert response.status_code == 400
    assert not CaseDocument.objects.exists()
    assert stored_files(settings) == []


def test_an_oversized_logo_is_refused(client, our_admin, partner, settings):
    settings.IMAGE_MAX_UPLOAD_MB = 1
    logo = factories.image_upload("logo.png", size=(1200, 1200), mode="RGB")
    logo = SimpleUploadedFile("logo.png", logo.read() + b"\0" * (1024 * 1024))
    client.force_login(our_admin)
    response = client.post(
        reverse("portal:partner-edit", args=[partner.slug]),
        {"summary": "Fine.", "logo": logo, "version": partner.version},
    )
    assert response.status_code == 400
    partner.refresh_from_db()
    assert not partner.logo


@pytest.mark.parametrize("name", ["../../../etc/passwd.pdf", "..\\..\\x.pdf", "a\0b.pdf"])
def test_a_hostile_file_name_never_leaves_the_cases_folder(
    client, our_member, our_case, settings, name
):
    client.force_login(our_member)
    response = client.post(reverse("portal:case", args=[our_case.pk]), upload(name=name))
    assert response.status_code in (303, 400)
    for document in CaseDocument.objects.all():
        assert ".." not in document.file.name
        assert Path(document.file.name).parent == Path(f"cases/{our_case.pk}")
    root = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    assert all(root in path.resolve().parents for path in stored_files(settings))


def test_a_partners_document_is_never_downloadable_from_the_public_site(
    client, our_case, shared_document, editors_document
):
    our_case.is_public = True
    our_case.save()
    for document in (shared_document, editors_document):
        url = reverse("cases:document", args=[our_case.pk, document.pk])
        assert client.get(url).status_code == 404
        assert url not in client.get(our_case.get_absolute_url()).text


def test_an_editors_only_document_is_not_downloadable_in_the_portal(
    client, our_member, our_case, editors_document
):
    client.force_login(our_member)
    url = reverse("portal:document", args=[our_case.pk, editors_document.pk])
    assert client.get(url).status_code == 404
