"""The two places uploaded files live: public media and private files.

Code reaches files only through these storages (never through paths under MEDIA_ROOT), so the
same code runs on one machine's disk and on object storage shared by several app servers.
`settings.STORAGES` chooses the backends: "default" for public media, "private" for documents
and every uploaded image (public ones are copied out, see coalition.image_copies).
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, cached_property, empty

PRIVATE = "private"


def public_storage():
    """The public copies of public objects' images and variants: anyone may fetch them."""
    return default_storage


def private_storage():
    """Case documents and uploaded images: never under a public URL, served only by
    permission-checking views.

    Model fields name this function as their `storage`, so migrations record a callable.
    """
    return _private_storage


class PrivateStorageProxy(LazyObject):
    """The "private" storage of settings.STORAGES, looked up again when the setting changes."""

    def _setup(self):
        self._wrapped = storages[PRIVATE]


_private_storage = PrivateStorageProxy()


@receiver(setting_changed)
def _forget_private_storage(*, setting, **kwargs):
    if setting == "STORAGES":
        _private_storage._wrapped = empty


class NoPublicURLMixin:
    def url(self, name, *args, **kwargs):
        raise ValueError("Private files have no public URL; link to the download view.")


class PrivateFileSystemStorage(NoPublicURLMixin, FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, outside MEDIA_URL and every other public address."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)
