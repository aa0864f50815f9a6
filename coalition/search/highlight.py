"""Highlighted snippets: the databases mark matches with private characters, we escape the rest."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

# Characters from Unicode's private use area: no text we index contains them (plain_text
# removes them), so they survive escaping and become <mark> elements only at the end.
MARK_START = "\ue000"
MARK_STOP = "\ue001"
SNIPPET_WORDS = 32
# A summary is shown whole, with its matches marked, up to this many words.
SUMMARY_WORDS = 60


def is_marked(text):
    return bool(text) and MARK_START in text


def render_marked(text):
    """Escape `text` and turn its markers into <mark> elements: safe HTML."""
    if text.count(MARK_START) > text.count(MARK_STOP):
        text += MARK_STOP  # A cut through a marked phrase leaves it open.
    escaped = escape(text).replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
    return mark_safe(escaped)  # noqa: S308 - escaped above; only our own tags are added


def terms_pattern(terms):
    return re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)


def mark_all(text, terms):
    """Mark each case-insensitive occurrence of `terms` in the whole of `text`."""
    if not terms:
        return text
    return terms_pattern(terms).sub(lambda match: f"{MARK_START}{match.group(0)}{MARK_STOP}", text)


def mark_terms(text, terms, words=SNIPPET_WORDS):
    """Mark each case-insensitive occurrence of `terms` in a window of `text` around the first."""
    if not terms:
        return ""
    pattern = terms_pattern(terms)
    first = pattern.search(text)
    if first is None:
        return ""
    word_start = text.rfind(" ", 0, first.start()) + 1
    before = text[:word_start].split()
    lead = words // 3
    window = Truncator(" ".join([*before[-lead:], text[word_start:]])).words(words)
    if len(before) > lead:
        window = "…" + window
    return mark_all(window, terms)
