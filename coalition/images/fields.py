"""The model field of every uploaded image, its form field and its widgets."""

import io
import secrets
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible
from PIL import Image

from coalition.storage import private_storage
from coalition.validators import MaxUploadSizeValidator

from .uploads import open_image
from .variants import variants_for


@deconstructible
class UnguessableUploadTo:
    """`folder/<random token>/<file name>`: nobody finds an upload by guessing its address,
    and two uploads of one name never meet."""

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        return f"{self.folder}/{secrets.token_urlsafe(16)}/{PurePosixPath(filename).name}"

    def __eq__(self, other):
        return isinstance(other, UnguessableUploadTo) and other.folder == self.folder


class LinksToImageView:
    """A file input whose "Currently:" link leads to the permission-checked view, never to
    an address the public could guess (the file may not have a public copy)."""

    def is_initial(self, value):
        return bool(value and getattr(value, "instance", None) is not None)

    def format_value(self, value):
        if not self.is_initial(value):
            return None
        registration = variants_for(type(value.instance), value.field.name)
        return StoredImage(value.name, registration.view_url(value, value.name))


class StoredImage(str):
    """A stored file's name, with the `url` a widget's template links it to."""

    def __new__(cls, name, url):
        stored = super().__new__(cls, name)
        stored.url = url
        return stored


class ImageInput(LinksToImageView, forms.ClearableFileInput):
    pass


class AdminImageInput(LinksToImageView, AdminFileWidget):
    pass


class UploadImageFormField(forms.ImageField):
    """An image upload refused, with the reason, unless it is within IMAGE_MAX_UPLOAD_MB and
    is a JPEG, PNG or WebP image of at most IMAGE_MAX_PIXELS (see open_image)."""

    widget = ImageInput

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        MaxUploadSizeValidator(settings.IMAGE_MAX_UPLOAD_MB)(upload)
        if hasattr(data, "temporary_file_path"):
            file = data.temporary_file_path()
        elif hasattr(data, "read"):
            file = io.BytesIO(data.read())
        else:
            file = io.BytesIO(data["content"])
        image = open_image(file)
        try:
            # As Django's ImageField: verify() reads the file's structure, never its pixels.
            image.verify()
        except Exception as error:
            message = self.error_messages["invalid_image"]
            raise ValidationError(message, code="invalid_image") from error
        finally:
            image.close()
        upload.image = image
        upload.content_type = Image.MIME.get(image.format)
        if callable(getattr(upload, "seek", None)):
            upload.seek(0)
        return upload


class UploadImageField(models.ImageField):
    """The ImageField of every model: its form field is UploadImageFormField, in the admin,
    the portal and any form to come (a test checks no model uses another). Files go to the
    private storage; `coalition.image_copies` copies those of public objects out."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("storage", private_storage)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        admin_widget = kwargs.get("widget")
        if isinstance(admin_widget, type) and issubclass(admin_widget, AdminFileWidget):
            kwargs["widget"] = AdminImageInput
        return super().formfield(**{"form_class": UploadImageFormField, **kwargs})
