"""What an editor should check before publishing an article: warnings, never a refusal."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coalition import revisions
from coalition.library.models import Image
from coalition.library.references import REFERENCE
from coalition.library.rendering import undescribed_images

from .models import TEASER_STANDFIRST_CHARS

# A Markdown image with nothing between its brackets: ![](…) or ![][reference].
IMAGE_WITHOUT_ALT = re.compile(r"!\[\s*\]\s*[(\[]")


def publish_warnings(data):
    """What is missing or too long in `data`, the article's content as `revisions` keeps it."""
    warnings = []
    hero = hero_image(data)
    if (
        hero is not None
        and not hero.decorative
        and not hero.alt_text(data.get("language")).strip()
    ):
        warnings.append(_("The hero image has no alt text."))
    body = data.get("body") or ""
    # A library image referred to without alt text has the library's, in the text's language.
    bare = len(IMAGE_WITHOUT_ALT.findall(REFERENCE.sub("", body))) + undescribed_images(
        body, data.get("language")
    )
    if bare:
        warnings.append(
            ngettext(
                "%(count)d image in the body has no alt text.",
                "%(count)d images in the body have no alt text.",
                bare,
            )
            % {"count": bare}
        )
    standfirst = (data.get("standfirst") or "").strip()
    if len(standfirst) > TEASER_STANDFIRST_CHARS:
        warnings.append(
            _("The standfirst has %(length)d characters; article lists show the first %(limit)d.")
            % {"length": len(standfirst), "limit": TEASER_STANDFIRST_CHARS}
        )
    if not (data.get("seo_description") or "").strip():
        warnings.append(_("There is no search engine description."))
    return warnings


def hero_image(data):
    """The library image `data` names as its hero, or None."""
    chosen = data.get("hero")
    if not chosen:
        return None
    return Image.objects.filter(pk=chosen["pk"]).first()


def article_warnings(article):
    """`publish_warnings` for what publishing `article` would make public now."""
    pending = revisions.pending_revision(article)
    if pending is not None:
        return publish_warnings(pending.data)
    fields = ("language", "body", "standfirst", "seo_description")
    data = {name: getattr(article, name) for name in fields}
    data["hero"] = {"pk": article.hero_id} if article.hero_id else None
    return publish_warnings(data)
