"""The addresses pages give an image and its variants: public copies or the checked view."""

import functools
from collections.abc import Callable
from typing import NamedTuple

from coalition import image_copies
from coalition.storage import public_storage

from .variants import CROPS_KEY, FORMATS, by_width, usable_variants, variants_for


def srcset(variants, extension, url):
    """'url 480w, url 960w' for the variants of one format, smallest first; `url(name)` gives
    each file's address."""
    return ", ".join(f"{url(name)} {width}w" for width, name in by_width(variants, extension))


def largest_variant_url(variants, extension, url):
    """The URL of the widest variant in `extension`, or None when there is none."""
    widths = by_width(variants, extension)
    return url(widths[-1][1]) if widths else None


class Addresses(NamedTuple):
    url: Callable  # url(name): the address of the image or of one of its variants
    variants: dict  # the variants the page may use
    public: bool  # whether these are public copies, which anyone may fetch


def addresses(image, variants, query=None):
    """How a page links to `image` and its variants (see Addresses).

    The public copies when the owner is public and they are made; else the permission-checked
    view, `query` added (such as a shared preview's token). Reads nothing from the database
    or the storages, so lists of images stay within their queries.
    """
    registration = variants_for(type(image.instance), image.field.name)
    usable = usable_variants(image, variants)
    if registration.has_public_copy(image, variants or {}):
        copied = set(image_copies.made(variants))
        shown = {
            extension: {width: name for width, name in widths.items() if name in copied}
            for extension, widths in usable.items()
            if extension in FORMATS
        }
        crops = {
            key: name for key, name in (usable.get(CROPS_KEY) or {}).items() if name in copied
        }
        if crops:
            shown[CROPS_KEY] = crops
        return Addresses(public_storage().url, shown, public=True)
    return Addresses(functools.partial(registration.view_url, image, query=query), usable, False)
