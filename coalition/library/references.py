"""How Markdown bodies refer to library items, and which items a text refers to.

The syntax is Markdown's own image and link, with the item's kind and id as the address:

    ![alt text](image:42 "caption")    the image 42; alt text and caption optional
    [label](document:7)                a link to the document 7

One pattern (`REFERENCE`) serves everything that reads references: where an item is used,
and the renderer that turns them into figures and links.
"""

import re

IMAGE = "image"
DOCUMENT = "document"
KINDS = (IMAGE, DOCUMENT)

# Groups: `bang` ("!" before an image), `text` (alt text or label, backslash escapes kept),
# `kind`, `id`, `title` (the caption, between double quotes, escapes kept).
REFERENCE = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:\\.|[^\]\\\n])*)\]"
    r"\(\s*(?P<kind>image|document):(?P<id>[0-9]{1,18})"
    r"(?:\s+\"(?P<title>(?:\\.|[^\"\\\n])*)\")?\s*\)"
)
_ESCAPED = re.compile(r"\\(.)")
_TO_ESCAPE = re.compile(r"([\\\[\]\"])")


def references(text):
    """The set of (kind, id) pairs `text` refers to: ("image", 42), ("document", 7)."""
    return {(match["kind"], int(match["id"])) for match in REFERENCE.finditer(text or "")}


def unescape(text):
    """A reference's alt text, label or caption as written, its backslash escapes undone."""
    return _ESCAPED.sub(r"\1", text or "")


def escape(text):
    """`text` made safe to put between a reference's brackets or quotes."""
    return _TO_ESCAPE.sub(r"\\\1", " ".join((text or "").split()))


def reference_for(item, text=None, caption=None):
    """The Markdown that shows `item` (a library Image or Document) at a place in a text."""
    kind = item.reference_kind
    if kind == IMAGE:
        alt = escape(item.alt if text is None and not item.decorative else text or "")
        title = f' "{escape(caption)}"' if caption else ""
        return f"![{alt}]({IMAGE}:{item.pk}{title})"
    return f"[{escape(item.title if text is None else text)}]({DOCUMENT}:{item.pk})"


def address(kind, pk):
    """The part all references to one item share, for a first, coarse database filter:
    "image:4" is also in "image:42", so the matches are then read with `references()`."""
    return f"{kind}:{pk}"
