"""Uploaded images (hero images, logos): what is accepted, and resized copies for light,
responsive pages.

Each app registers its image fields with `keep_variants()` in its AppConfig.ready(), so that
this module, at the bottom of the dependency chain, never imports the apps above it. The
variants are made by a task (`coalition.tasks.make_image_variants`) after the save commits:
an upload never waits on resizing or on object storage, and pages show the original meanwhile.
"""

import io
import logging
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from coalition import pagecache
from coalition.validators import MaxUploadSizeValidator

logger = logging.getLogger(__name__)

# The only formats Pillow may open for us, with the extension each is stored under. Every
# other decoder stays out of reach: EPS (which Pillow hands to Ghostscript), PSD, TIFF...
UPLOAD_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
UPLOAD_FORMATS_LABEL = "JPEG, PNG, WebP"

VARIANTS_FOLDER = "variants"
# Pillow's format name and save options for each format we serve, in order of preference.
FORMATS = {
    "webp": ("WEBP", {"quality": 80, "method": 4}),
    "jpeg": ("JPEG", {"quality": 82, "optimize": True, "progressive": True}),
}
HERO_WIDTHS = (480, 960, 1600)
LOGO_WIDTHS = (160, 320)

registered = []


class ImageVariants:
    """The variants of one model's image field, recorded as JSON in another of its fields."""

    def __init__(self, model, image_field, variants_field, widths):
        self.model = model
        self.image_field = image_field
        self.variants_field = variants_field
        self.widths = tuple(sorted(widths))

    def __str__(self):
        return f"{self.model._meta.label}.{self.image_field}"

    def on_save(self, sender, instance, raw=False, **kwargs):
        if not raw and self.is_stale(instance):
            transaction.on_commit(lambda: self.update_later(instance.pk), robust=True)

    def is_stale(self, instance):
        """Whether the recorded variants were made from another original (or none is left)."""
        image = getattr(instance, self.image_field)
        recorded = getattr(instance, self.variants_field) or {}
        if image:
            return recorded.get("source") != image.name
        return bool(recorded)

    def update_later(self, pk):
        from coalition.tasks import make_image_variants

        make_image_variants.delay(self.model._meta.label, self.image_field, pk)

    def update(self, instance, force=False):
        """Make the variants of `instance`'s image unless they were made from this original."""
        image = getattr(instance, self.image_field)
        recorded = getattr(instance, self.variants_field) or {}
        if image and recorded.get("source") == image.name and not force:
            return recorded
        if not image and not recorded:
            return recorded
        delete_variant_files(recorded, storage=image.storage)
        variants = make_variants(image, self.widths) if image else {}
        setattr(instance, self.variants_field, variants)
        # update(): no save() signals again, and no new version or modification date.
        self.model._default_manager.filter(pk=instance.pk).update(
            **{self.variants_field: variants}
        )
        # Pages show the variants; update() sends no signal to invalidate them.
        pagecache.invalidate_on_commit()
        return variants

    def rebuild_all(self, force=False):
        """Update every object's variants; yield each object with its variants."""
        objects = self.model._default_manager.exclude(**{self.image_field: ""}).order_by("pk")
        for instance in objects.iterator(chunk_size=200):
            yield instance, self.update(instance, force=force)


def keep_variants(model, image_field, variants_field, widths):
    """Make `model`'s image variants whenever it is saved with a new original."""
    variants = ImageVariants(model, image_field, variants_field, widths)
    registered.append(variants)
    post_save.connect(
        variants.on_save,
        sender=model,
        weak=False,
        dispatch_uid=f"image-variants-{variants}",
    )
    return variants


def variants_for(model, image_field):
    """The registered variants of `model`'s `image_field`."""
    for variants in registered:
        if variants.model is model and variants.image_field == image_field:
            return variants
    raise LookupError(f"No image variants are kept for {model._meta.label}.{image_field}.")


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


class UploadImageFormField(forms.ImageField):
    """An image upload refused, with the reason, unless it is within IMAGE_MAX_UPLOAD_MB and
    is a JPEG, PNG or WebP image of at most IMAGE_MAX_PIXELS (see open_image)."""

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
    the portal and any form to come (a test checks no model uses another)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": UploadImageFormField, **kwargs})


def make_variants(image, widths):
    """Save resized WebP and JPEG copies of `image`; return their paths by format and width.

    An image Pillow cannot read, or one open_image() refuses, gets no variants and is never
    decoded: pages then show the original as it is.
    """
    variants = {"source": image.name}
    try:
        with image.open("rb"), open_image(image) as original:
            original.load()
            picture = ImageOps.exif_transpose(original)
    except ValidationError as error:
        logger.warning("Cannot make variants of %s: %s", image.name, " ".join(error.messages))
        return variants
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        logger.warning("Cannot make variants of %s: %s", image.name, error)
        return variants
    stem = PurePosixPath(VARIANTS_FOLDER, image.name).with_suffix("")
    for width in variant_widths(picture.width, widths):
        height = max(1, round(picture.height * width / picture.width))
        resized = picture.resize((width, height), Image.Resampling.LANCZOS)
        for extension, (pillow_format, options) in FORMATS.items():
            buffer = io.BytesIO()
            converted(resized, pillow_format).save(buffer, format=pillow_format, **options)
            name = f"{stem}-{width}.{extension}"
            if image.storage.exists(name):
                image.storage.delete(name)
            saved = image.storage.save(name, ContentFile(buffer.getvalue()))
            variants.setdefault(extension, {})[str(width)] = saved
    return variants


def variant_widths(original_width, widths):
    """The widths to make: those below the original's, and the original's own if it is smaller
    than the largest, so that no variant is ever scaled up."""
    chosen = [width for width in widths if width < original_width]
    if original_width <= max(widths):
        chosen.append(original_width)
    return chosen


def converted(picture, pillow_format):
    """`picture` in a mode the format can store; JPEG has no transparency, so white shows."""
    has_alpha = picture.mode in ("RGBA", "LA") or "transparency" in picture.info
    if pillow_format == "JPEG":
        if has_alpha:
            background = Image.new("RGB", picture.size, "white")
            background.paste(picture.convert("RGBA"), mask=picture.convert("RGBA").getchannel("A"))
            return background
        return picture.convert("RGB")
    return picture.convert("RGBA" if has_alpha else "RGB")


def delete_variant_files(variants, storage):
    for extension in FORMATS:
        for name in (variants.get(extension) or {}).values():
            storage.delete(name)


def usable_variants(image, variants):
    """`variants` if they were made from `image` as it is now, else none (such as when a
    preview shows a new, unsaved original)."""
    variants = variants or {}
    return variants if image and variants.get("source") == image.name else {}


def by_width(variants, extension):
    """The (width, name) pairs of one format's variants, narrowest first."""
    return sorted((int(width), name) for width, name in (variants.get(extension) or {}).items())


def srcset(variants, extension, storage):
    """'url 480w, url 960w' for the variants of one format, smallest first."""
    return ", ".join(
        f"{storage.url(name)} {width}w" for width, name in by_width(variants, extension)
    )


def largest_variant_url(variants, extension, storage):
    """The URL of the widest variant in `extension`, or None when there is none."""
    widths = by_width(variants, extension)
    return storage.url(widths[-1][1]) if widths else None
