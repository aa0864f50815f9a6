"""The file field of library documents: an upload is checked as the portal checks its own."""

from pathlib import PurePath

from django import forms
from django.db import models
from django.utils.text import slugify

from coalition.storage import private_storage
from coalition.uploads import check_document


class DocumentFormField(forms.FileField):
    """A document of an accepted type (read from its content) and size; it is stored under
    its name made safe, with the extension of the type found, whatever the name said."""

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        document_type = check_document(upload)
        stem = slugify(PurePath(upload.name or "").stem)[:80].strip("-") or "document"
        upload.name = f"{stem}.{document_type.extension}"
        upload.content_type = document_type.content_type
        return upload


class DocumentFileField(models.FileField):
    """Files in the private storage, checked by DocumentFormField in every form."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("storage", private_storage)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": DocumentFormField, **kwargs})
