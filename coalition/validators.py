from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _


@deconstructible
class MaxUploadSizeValidator:
    """Refuse an uploaded file larger than `megabytes`; used by every upload form."""

    def __init__(self, megabytes):
        self.limit = megabytes * 1024 * 1024

    def __call__(self, upload):
        if upload.size > self.limit:
            raise ValidationError(
                _("This file is %(size)s; the largest accepted is %(limit)s."),
                code="file_too_large",
                params={"size": filesizeformat(upload.size), "limit": filesizeformat(self.limit)},
            )
