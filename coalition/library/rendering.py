"""Library references in rendered Markdown: images become figures, documents links.

`coalition.markdown` sanitises the author's text and leaves the references it met as elements
with the item's address (`<img src="image:42" alt="…" title="caption">`,
`<a href="document:7">label</a>`); `resolve` replaces each one with markup built here, every
value escaped, after reading all the items a text names in one query per kind. An item that
is not in the library shows nothing; in a preview, a warning in its place.

Rendered HTML is stored (`body_html`…), so it is rendered again, without a new version,
wherever an item is used once the item changes (`rerender_uses`, run as a task).
"""

import html
import logging
import re

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from coalition import markdown, pagecache
from coalition.images import by_width, largest_variant_url, srcset
from coalition.images.variants import variants_saved
from coalition.translation import base_language

from . import documents, references
from .models import Document, Image, Licence
from .usage import markdown_sources

logger = logging.getLogger(__name__)

SCHEMES = references.KINDS
# Bodies are at most the prose measure wide (site.css: --measure, 42rem).
SIZES = "(min-width: 44rem) 42rem, 100vw"
ATTRIBUTES = r'(?:\s+[a-z-]+="[^"]*")*'
ADDRESS = r'"(?:image|document):[0-9]+"'
# The elements `coalition.markdown` leaves for references, as nh3 writes them (every value
# double-quoted, quotes and angle brackets escaped). An image alone in its paragraph becomes
# a figure in place of the paragraph; anywhere else (in a sentence, in a link) just a picture.
ELEMENT = re.compile(
    r"(?P<alone><p>\s*)?"
    rf"(?:<img(?P<image>(?=[^>]*\ssrc={ADDRESS}){ATTRIBUTES})\s*/?>"
    rf"|<a(?P<link>(?=[^>]*\shref={ADDRESS}){ATTRIBUTES})>(?P<label>(?:(?!</a>).)*)</a>)"
    r"(?(alone)\s*</p>)",
    re.DOTALL,
)
ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')
ITEM_ADDRESS = re.compile(r"^(image|document):([0-9]{1,18})$")


def resolve(markup, language, preview=False, available=None):
    """`markup` with its library references replaced (see the module's docstring); with
    `available` ({kind: queryset}), only those items show, as in the partner portal."""
    found = [(match, reference(match)) for match in ELEMENT.finditer(markup)]
    if not any(address for _match, address in found):
        return markdown.Rendering(markup)
    items = items_named({address for _match, address in found if address}, available)
    warnings = []
    parts = []
    position = 0
    with translation.override(language):
        for match, address in found:
            parts.append(markup[position : match.start()])
            position = match.end()
            if address is None:
                parts.append(match[0])
                continue
            item = items.get(address)
            if item is None:
                warning = missing_warning(*address)
                warnings.append(warning)
                parts.append(missing_markup(warning, match) if preview else "")
                parts.append(words_kept(match))
            elif isinstance(item, Image):
                parts.append(image_markup(item, match, language))
            else:
                parts.append(document_markup(item, match, language))
    parts.append(markup[position:])
    return markdown.Rendering("".join(parts), tuple(warnings))


def attributes_of(match):
    text = match["image"] if match["image"] is not None else match["link"]
    return {name: html.unescape(value) for name, value in ATTRIBUTE.findall(text or "")}


def reference(match):
    """The (kind, id) a matched element refers to, or None."""
    attributes = attributes_of(match)
    address = ITEM_ADDRESS.match(attributes.get("src") or attributes.get("href") or "")
    return (address[1], int(address[2])) if address else None


def items_named(addresses, available=None):
    """{(kind, id): item} for the items `addresses` name, among `available` ({kind: queryset})
    when given: one query per kind named."""
    models = {references.IMAGE: Image, references.DOCUMENT: Document}
    found = {}
    for kind, model in models.items():
        ids = {pk for named, pk in addresses if named == kind}
        if not ids:
            continue
        among = model.objects.all() if available is None else available.get(kind)
        if among is None:
            continue
        found.update({(kind, item.pk): item for item in among.filter(pk__in=ids)})
    return found


def missing_warning(kind, pk):
    if kind == references.IMAGE:
        return gettext("Image %(id)d is not in the library.") % {"id": pk}
    return gettext("Document %(id)d is not in the library.") % {"id": pk}


def missing_markup(warning, match):
    tag = "p" if match["alone"] is not None else "span"
    return format_html('<{} class="md-missing" role="note">{}</{}>', tag, warning, tag)


def words_kept(match):
    """The words of a link to a missing item, so the sentence around it still reads ("See
    the judgment." rather than "See ."); an image leaves nothing."""
    if match["link"] is None or not match["label"].strip():
        return ""
    label = mark_safe(match["label"])  # noqa: S308 - the sanitiser's output, left as it was.
    return format_html("<p>{}</p>", label) if match["alone"] is not None else label


def image_markup(image, match, language):
    """A figure with its caption and credit for an image alone in its paragraph, else the
    picture alone; a reference written as a link (`[text](image:42)`) links to the image."""
    attributes = attributes_of(match)
    if match["link"] is not None:
        link = format_html('<a href="{}">{}</a>', image.url, text_or(match, image.title))
        return in_paragraph(link, match)
    picture = picture_markup(image, attributes.get("alt") or image.alt_text(language))
    if match["alone"] is None:
        return picture
    caption = attributes.get("title") or image.translation("caption", language)
    details = [image.credit.strip()]
    if image.licence != Licence.ALL_RIGHTS_RESERVED:
        details.append(str(image.get_licence_display()))
    credit = " · ".join(detail for detail in details if detail)
    if not (caption or credit):
        return format_html('<figure class="md-figure">{}</figure>', picture)
    return format_html(
        '<figure class="md-figure">{}<figcaption>{}{}</figcaption></figure>',
        picture,
        caption,
        format_html(' <small class="md-figure__credit">{}</small>', credit) if credit else "",
    )


def picture_markup(image, alt):
    """A <picture> with WebP and JPEG srcsets (once the variants are made) in a sized <img>."""
    found = image.addresses()
    url = found.url
    sources = ""
    if by_width(found.variants, "webp"):
        sources = format_html(
            '<source type="image/webp" srcset="{}" sizes="{}">',
            srcset(found.variants, "webp", url),
            SIZES,
        )
    jpeg = ""
    if by_width(found.variants, "jpeg"):
        jpeg = format_html(' srcset="{}" sizes="{}"', srcset(found.variants, "jpeg", url), SIZES)
    size = ""
    if image.width and image.height:
        size = format_html(' width="{}" height="{}"', image.width, image.height)
    return format_html(
        '<picture>{}<img src="{}"{}{} alt="{}" loading="lazy" decoding="async"></picture>',
        sources,
        largest_variant_url(found.variants, "jpeg", url) or url(image.file.name),
        jpeg,
        size,
        alt,
    )


def document_markup(document, match, language):
    """A link to the document, then what it is: “Annual report (Report, PDF, 2.1 MB)”."""
    attributes = attributes_of(match)
    label = text_or(match, document.title)
    different = base_language(document.language) != base_language(language)
    hreflang = format_html(' hreflang="{}"', document.language) if different else ""
    facts = [document.get_kind_display(), document.file_type, filesizeformat(document.size)]
    if different:
        # Written in another language than the text: readers are told before they click.
        facts.insert(1, str(dict(settings.LANGUAGES).get(document.language, "")))
    title = attributes.get("title")
    link = format_html(
        '<a href="{}"{}{}>{}</a> <span class="md-document">({})</span>',
        document.url,
        hreflang,
        format_html(' title="{}"', title) if title else "",
        label,
        ", ".join(fact for fact in facts if fact),
    )
    return in_paragraph(link, match)


def in_paragraph(markup, match):
    """`markup` in the paragraph the element was alone in, if it was."""
    return format_html("<p>{}</p>", markup) if match["alone"] is not None else markup


def text_or(match, default):
    """The link's text as sanitised (it may hold emphasis), else `default`, escaped."""
    if match["link"] is not None:
        label = match["label"]
    else:
        label = html.escape(attributes_of(match).get("alt", ""))
    # Sanitised by coalition.markdown; an image's alt text was escaped just above.
    return mark_safe(label) if label.strip() else default  # noqa: S308


def undescribed_images(text, language=None):
    """How many library images `text` shows without alt text in `language`: referred to with
    none of its own, neither decorative nor described in the library. One query at most."""
    wanted = {
        int(match["id"])
        for match in references.REFERENCE.finditer(text or "")
        if match["bang"] and match["kind"] == references.IMAGE and not match["text"].strip()
    }
    if not wanted:
        return 0
    language = language or settings.LANGUAGE_CODE
    return sum(
        1
        for image in Image.objects.filter(pk__in=wanted)
        if not image.alt_text(language).strip() and not image.decorative
    )


# Keeping stored HTML right ---------------------------------------------------------------


def content_language(obj):
    """The language an object's own Markdown fields are written in."""
    return getattr(obj, "language", None) or settings.LANGUAGE_CODE


def rendered_fields(obj, fields, translated=False):
    """{field: value} of `obj`'s rendered HTML fields for its Markdown `fields`, as a save
    would render them; with `translated`, those kept in its `translations` too."""
    values = {}
    for name in fields:
        if hasattr(obj, f"{name}_html"):
            values[f"{name}_html"] = markdown.render_markdown(
                getattr(obj, name), language=content_language(obj)
            )
    translations = obj.translations if translated else None
    if translations:
        rendered = {language: dict(texts) for language, texts in translations.items()}
        for language, texts in rendered.items():
            for name in fields:
                if texts.get(name) and hasattr(obj, f"{name}_html"):
                    texts[f"{name}_html"] = markdown.render_markdown(
                        texts[name], language=language
                    )
        values["translations"] = rendered
    return values


def refers_to(obj, source, wanted):
    """Whether `obj` refers to `wanted` (kind, id): "image:4" is in "image:42" too."""
    texts = [getattr(obj, name) for name in source.fields]
    if source.translated:
        texts += [
            translated.get(name)
            for translated in (obj.translations or {}).values()
            for name in source.fields
        ]
    return any(wanted in references.references(text) for text in texts)


def rerender_uses(kind, pk):
    """Render again the stored HTML of every object whose Markdown refers to item `pk` of
    `kind`, with update(): no signals, no new version or revision. Return how many changed."""
    changed = 0
    for source in markdown_sources():
        manager = source.model._default_manager
        candidates = source.candidates(kind, pk).values_list("pk", flat=True)
        for object_pk in candidates.iterator():
            with transaction.atomic():
                # Locked: an editor's save meanwhile renders its own text, and wins.
                obj = manager.select_for_update().filter(pk=object_pk).first()
                if obj is None or not refers_to(obj, source, (kind, pk)):
                    continue
                values = rendered_fields(obj, source.fields, source.translated)
                stale = {
                    name: value for name, value in values.items() if getattr(obj, name) != value
                }
                if stale:
                    manager.filter(pk=object_pk).update(**stale)
                    changed += 1
    if changed:
        pagecache.invalidate_on_commit()
    return changed


def rerender_later(kind, pk):
    def enqueue():
        from .tasks import rerender_uses as task

        task.delay(kind, pk)

    transaction.on_commit(enqueue, robust=True)


def _image_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        rerender_later(references.IMAGE, instance.pk)


def _document_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        rerender_later(references.DOCUMENT, instance.pk)


def _variants_saved(sender, pk, **kwargs):
    # New variants or public copies: new addresses, and a srcset once they exist.
    rerender_later(references.IMAGE, pk)


def _document_published(sender, pk, **kwargs):
    rerender_later(references.DOCUMENT, pk)


def connect():
    """Resolve references in every rendering, and render again when an item changes."""
    markdown.register_resolver(SCHEMES, resolve)
    for model, changed in ((Image, _image_changed), (Document, _document_changed)):
        uid = f"library-rerender-{model._meta.model_name}"
        post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-delete")
    variants_saved.connect(
        _variants_saved, sender=Image, weak=False, dispatch_uid="library-rerender-variants"
    )
    documents.published.connect(
        _document_published, weak=False, dispatch_uid="library-rerender-document-copy"
    )
