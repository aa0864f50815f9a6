"""What an image upload must be: one of a few formats, of a bounded number of pixels."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

# The only formats Pillow may open for us, with the extension each is stored under. Every
# other decoder stays out of reach: EPS (which Pillow hands to Ghostscript), PSD, TIFF...
UPLOAD_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
UPLOAD_FORMATS_LABEL = "JPEG, PNG, WebP"


def open_image(file):
    """`file` opened as one of UPLOAD_FORMATS, its pixels not yet decoded.

    Raises ValidationError for another format, or for more pixels than IMAGE_MAX_PIXELS: the
    size comes from the header, so a bomb (a small file of countless pixels) costs nothing.
    """
    try:
        image = Image.open(file, formats=list(UPLOAD_FORMATS))
    except Image.DecompressionBombError as error:
        raise too_many_pixels() from error
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        raise ValidationError(
            _("Upload a JPEG, PNG or WebP image; this file is not one, whatever its name says."),
            code="invalid_image",
        ) from error
    width, height = image.size
    if width * height > settings.IMAGE_MAX_PIXELS:
        image.close()
        raise too_many_pixels(width, height)
    return image


def too_many_pixels(width=None, height=None):
    limit = settings.IMAGE_MAX_PIXELS / 1_000_000
    if width and height:
        return ValidationError(
            _(
                "This image is %(width)s×%(height)s pixels; the most accepted is %(limit)s "
                "megapixels. Save a smaller copy and upload that."
            ),
            code="too_many_pixels",
            params={"width": width, "height": height, "limit": f"{limit:g}"},
        )
    return ValidationError(
        _("This image has more pixels than the %(limit)s megapixels accepted."),
        code="too_many_pixels",
        params={"limit": f"{limit:g}"},
    )
