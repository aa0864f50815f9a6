"""What a form that chose a library image shows of it: a thumbnail, its alt text, its credit."""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _


def image_preview(image, language=None):
    """A thumbnail of `image` with its alt text and credit, linked to its library page."""
    if image is None:
        return "–"
    alt = image.alt_text(language)
    if image.decorative:
        described = _("Decorative: no alt text.")
    elif alt:
        described = format_html("{}: {}", _("Alt text"), alt)
    else:
        described = _("No alt text yet: describe the image in the library.")
    return format_html(
        '<a href="{}"><img src="{}" alt="" width="96" height="96" loading="lazy"></a><br>{}<br>{}',
        reverse("admin:library_image_change", args=[image.pk]),
        image.thumbnail_url(),
        described,
        format_html("{}: {}", _("Credit"), image.credit) if image.credit else _("No credit."),
    )
