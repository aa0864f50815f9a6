"""`{% responsive_image %}`: an uploaded image with its resized variants, in a <picture>."""

from django import template

from coalition.images import addresses, largest_variant_url, srcset

register = template.Library()


@register.inclusion_tag("includes/responsive_image.html", takes_context=True)
def responsive_image(
    context,
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

    Public copies when the image's owner is public and they are made, else the addresses of
    the permission-checked view (only previews, the portal and the admin show those).
    `display_width` caps the width and height attributes (keeping the proportions) for
    images shown smaller than their original, such as logos. `eager` is for images above the
    fold: loaded at once and with high priority; the others wait until they are scrolled to.
    """
    # A shared preview puts its link's token in the context: the draft's images, served by
    # the checked view, let that reader in too.
    token = context.get("preview_token")
    url, variants, _public = addresses(
        image, variants, query={"preview": token} if token else None
    )
    if display_width and width and height and width > display_width:
        width, height = display_width, max(1, round(height * display_width / width))
    return {
        "src": largest_variant_url(variants, "jpeg", url) or url(image.name),
        "webp_srcset": srcset(variants, "webp", url),
        "jpeg_srcset": srcset(variants, "jpeg", url),
        "sizes": sizes,
        "alt": alt,
        "width": width,
        "height": height,
        "eager": eager,
    }
