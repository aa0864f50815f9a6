import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage, default_storage

from coalition.cases.models import CaseDocument
from coalition.storage import PrivateFileSystemStorage, private_storage, public_storage
from tests import factories


def test_public_storage_is_the_default_storage():
    assert public_storage() is default_storage


def test_private_storage_is_the_private_alias_under_private_media_root(settings):
    name = private_storage().save("cases/1/note.txt", ContentFile(b"confidential"))

    assert isinstance(private_storage()._wrapped, PrivateFileSystemStorage)
    assert (settings.PRIVATE_MEDIA_ROOT / name).read_bytes() == b"confidential"
    assert not (settings.MEDIA_ROOT / name).exists()
    with pytest.raises(ValueError, match="no public URL"):
        private_storage().url(name)


@pytest.mark.django_db
def test_documents_follow_a_change_of_the_private_storage(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": InMemoryStorage.__module__ + ".InMemoryStorage"},
    }
    document = factories.CaseDocumentFactory(file=ContentFile(b"in memory", name="a.txt"))

    assert isinstance(private_storage()._wrapped, InMemoryStorage)
    assert document.file.storage.open(document.file.name).read() == b"in memory"
    assert not (settings.PRIVATE_MEDIA_ROOT / document.file.name).exists()


def test_the_document_field_records_the_accessor_for_migrations():
    _, _, _, kwargs = CaseDocument._meta.get_field("file").deconstruct()

    assert kwargs["storage"] is private_storage
