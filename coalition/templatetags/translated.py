"""Marking text that is not in the reader's language, so that screen readers say it right.

``<h1{{ name|lang_attr }}>{{ name }}</h1>``, or inline
``{{ partner.translated.name|with_lang }}``.
"""

from django import template
from django.utils.html import conditional_escape, format_html

from coalition.translation import TranslatedHTML, is_active_language
from coalition.translation.collation import in_reader_order

register = template.Library()


def _foreign_language(text):
    lang = getattr(text, "lang", "")
    return lang if lang and not is_active_language(lang) else ""


@register.filter
def lang_attr(text):
    """` lang="en"` when `text` is a fallback in another language than the page's; else ""."""
    lang = _foreign_language(text)
    return format_html(' lang="{}"', lang) if lang else ""


@register.filter(is_safe=True)
def with_lang(text):
    """`text`, wrapped in a <span> (a <div> for HTML) with `lang` when it is a fallback."""
    lang = _foreign_language(text)
    if not lang:
        return conditional_escape(text)
    tag = "div" if isinstance(text, TranslatedHTML) else "span"
    return format_html('<{} lang="{}">{}</{}>', tag, lang, conditional_escape(text), tag)


@register.filter
def alphabetical(objects):
    """Topics, countries or partners in the reader's alphabetical order (the database sorts
    them by their English names)."""
    objects = list(objects)
    return in_reader_order(objects, type(objects[0])) if objects else objects
