"""Uploaded images (hero images, logos): what is accepted, where they are kept, who may see
them, and resized copies for light, responsive pages.

Uploads and their variants live in the private storage under unguessable names; while their
owner is public they also have public copies (`coalition.image_copies`). Pages link to the
public copy when there is one, else to the permission-checked view (`coalition.media`).
"""

from .addresses import addresses, largest_variant_url, srcset
from .fields import (
    AdminImageInput,
    ImageInput,
    UnguessableUploadTo,
    UploadImageField,
    UploadImageFormField,
)
from .uploads import UPLOAD_FORMATS, UPLOAD_FORMATS_LABEL, open_image, too_many_pixels
from .variants import (
    CROPS_KEY,
    FORMATS,
    HERO_WIDTHS,
    VARIANTS_FOLDER,
    ImageVariants,
    by_width,
    crop_name,
    find_moved,
    keep_variants,
    make_variants,
    moved_images,
    registered,
    usable_variants,
    variants_by_key,
    variants_for,
)

__all__ = [
    "CROPS_KEY",
    "FORMATS",
    "HERO_WIDTHS",
    "UPLOAD_FORMATS",
    "UPLOAD_FORMATS_LABEL",
    "VARIANTS_FOLDER",
    "AdminImageInput",
    "ImageInput",
    "ImageVariants",
    "UnguessableUploadTo",
    "UploadImageField",
    "UploadImageFormField",
    "addresses",
    "by_width",
    "crop_name",
    "find_moved",
    "keep_variants",
    "largest_variant_url",
    "make_variants",
    "moved_images",
    "open_image",
    "registered",
    "srcset",
    "too_many_pixels",
    "usable_variants",
    "variants_by_key",
    "variants_for",
]
