"""Markdown to safe HTML: the one place source text becomes markup."""

import html
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import markdown
import nh3
from django.conf import settings

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "figcaption",
    "figure", "h2", "h3", "h4", "h5", "h6", "hr", "img", "li", "ol", "p", "pre", "strong",
    "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
EXTENSIONS = ["extra", "sane_lists", "smarty"]


# An <img> element as nh3 writes it: every attribute value double-quoted, with `"`, `<` and
# `>` escaped inside, so no value can end the element early.
IMG_ELEMENT = re.compile(r"<img((?:\s+[a-z]+=\"[^\"]*\")*)\s*/?>")
ATTRIBUTE = re.compile(r'([a-z]+)="([^"]*)"')


@dataclass(frozen=True)
class Rendering:
    """HTML rendered from Markdown, and what a writer should hear about it (in a preview)."""

    html: str
    warnings: tuple = ()


@dataclass(frozen=True)
class Resolver:
    """Turns the sanitised elements whose address has one of `schemes` ("image:42") into
    markup: `resolve(markup, language, preview, available)` returns a Rendering."""

    schemes: frozenset
    resolve: object


_resolvers = []


def register_resolver(schemes, resolve):
    """Let an app above this module turn references to its records into markup; the media
    library registers its images and documents (coalition.library.rendering)."""
    _resolvers[:] = [found for found in _resolvers if found.resolve is not resolve]
    _resolvers.append(Resolver(frozenset(schemes), resolve))


def reference_schemes():
    return frozenset().union(*(resolver.schemes for resolver in _resolvers))


def render_markdown(source, language=None):
    """Return sanitised HTML for Markdown `source`, written in `language` (the site's source
    language by default); scripts and unsafe URLs never survive, and images load only from
    the site's own media (see `media_image_or_link`)."""
    return render(source, language=language).html


def render(source, language=None, preview=False, available=None):
    """The Rendering of Markdown `source`. A `preview` shows writers what the public will not
    see, such as a reference to an image no longer in the library, and says so.

    `available` ({scheme: queryset}) limits what references may show, such as a partner's own
    uploads in the portal: a reference to anything else shows as missing."""
    if not source:
        return Rendering("")
    markup = markdown.markdown(source, extensions=EXTENSIONS, output_format="html")
    markup = IMG_ELEMENT.sub(media_image_or_link, clean(markup))
    # Again, so the links made from images get the same treatment as every other link.
    markup = clean(markup)
    warnings = []
    # After the sanitiser: what resolvers add is built by them, with every value escaped.
    for resolver in _resolvers:
        resolved = resolver.resolve(
            markup,
            language=language or settings.LANGUAGE_CODE,
            preview=preview,
            available=available,
        )
        markup = resolved.html
        warnings += resolved.warnings
    return Rendering(markup, tuple(warnings))


def clean(markup):
    return nh3.clean(
        markup,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        # References ("image:42") stay for their resolver, which replaces every one of them.
        url_schemes=ALLOWED_URL_SCHEMES | reference_schemes(),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def media_image_or_link(match):
    """The <img> element as it is when its source is our media; otherwise a link to the
    image, its alt text the link text: an image from elsewhere would tell that site the
    address of every reader and editor who opens the page."""
    attributes = {name: html.unescape(value) for name, value in ATTRIBUTE.findall(match[1])}
    source = attributes.get("src", "")
    if is_media_url(source) or urlsplit(source).scheme in reference_schemes():
        return match[0]
    text = attributes.get("alt") or attributes.get("title") or source
    if not source or inside_link(match.string, match.start()):
        # A link cannot hold another: the image's text stays in the link the author made.
        return html.escape(attributes.get("alt") or attributes.get("title") or "")
    return f'<a href="{html.escape(source)}">{html.escape(text)}</a>'


def inside_link(markup, position):
    before = markup[:position]
    return before.count("<a ") + before.count("<a>") > before.count("</a>")


def is_media_url(url):
    """Whether `url` is under MEDIA_URL: a path under it when MEDIA_URL is a path, or on the
    media host, under its path, when media live elsewhere."""
    media = urlsplit(settings.MEDIA_URL)
    if "\\" in url or any(ord(character) < 32 for character in url):
        return False
    parts = urlsplit(url)
    if ".." in parts.path.split("/"):
        return False
    if media.netloc:
        return (parts.scheme, parts.netloc) == (media.scheme, media.netloc) and (
            parts.path.startswith(media.path or "/")
        )
    media_path = "/" + media.path.lstrip("/")
    return not parts.scheme and not parts.netloc and parts.path.startswith(media_path)


# Words a minute an adult reads on screen: a common estimate, rounded for a friendly number.
WORDS_PER_MINUTE = 200
WORD = re.compile(r"\w+(?:['’-]\w+)*")


def reading_statistics(rendered):
    """(words, minutes to read) of HTML from `render_markdown`: the text a reader sees."""
    text = html.unescape(nh3.clean(rendered, tags=set()))
    words = len(WORD.findall(text))
    return words, -(-words // WORDS_PER_MINUTE)
