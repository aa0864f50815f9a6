"""`{% responsive_image %}`: an uploaded image with its resized variants, in a <picture>."""

from django import template

from coalition.images import largest_variant_url, srcset, usable_variants

register = template.Library()


@register.inclusion_tag("includes/responsive_image.html")
def responsive_image(
    image,
    variants,
    *,
    alt,
    width=None,
    height=None,
    sizes="100vw",
    display_width=None,
    eager=False,
):
    """Render `image` with WebP and JPEG srcsets from `variants` (see coalition.images).

    `display_width` caps the width and height attributes (keeping the proportions) for
    images shown smaller than their original, such as logos. `eager` is for images above the
    fold: loaded at once and with high priority; the others wait until they are scrolled to.
    """
    variants = usable_variants(image, variants)
    storage = image.storage
    if display_width and width and height and width > display_width:
        width, height = display_width, max(1, round(height * display_width / width))
    return {
        "src": largest_variant_url(variants, "jpeg", storage) or image.url,
        "webp_srcset": srcset(variants, "webp", storage),
        "jpeg_srcset": srcset(variants, "jpeg", storage),
        "sizes": sizes,
        "alt": alt,
        "width": width,
        "height": height,
        "eager": eager,
    }
