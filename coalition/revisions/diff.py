"""Differences between two revisions, written for editors rather than as field dumps.

Text changes are shown word by word with <ins> and <del>; relations and links as sentences
("Topic 'Fair trial' added"); other fields as "Status: lodged → decided".
"""

import difflib
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.timezone import is_aware, localtime
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from coalition.models import Revision

from .registry import is_registered, spec_for

WORD_OR_SPACE = re.compile(r"\s+|[^\s]+")
# Short values read better as "old → new" than as a word diff.
WORDS_FOR_TEXT_DIFF = 4
# Fields whose values are identifiers, never prose.
IDENTIFIER_FIELDS = (models.SlugField, models.URLField, models.EmailField, models.FileField)


@dataclass
class Change:
    """One changed field: a word-level diff (safe HTML) and/or sentences in words."""

    name: str
    label: str
    text_diff: str = ""
    sentences: list = field(default_factory=list)


def word_diff(old, new):
    """Safe HTML of `new` with the words removed from `old` in <del> and added in <ins>."""
    old_words = WORD_OR_SPACE.findall(old or "")
    new_words = WORD_OR_SPACE.findall(new or "")
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    pieces = []  # [is_change, old text, new text]
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        removed = "".join(old_words[old_start:old_end])
        added = "".join(new_words[new_start:new_end])
        if operation == "equal":
            pieces.append([False, removed, added])
            continue
        # A lone space between two changes reads better inside one longer change.
        if len(pieces) > 1 and not pieces[-1][0] and not pieces[-1][1].strip():
            space = pieces.pop()
            pieces[-1][1] += space[1]
            pieces[-1][2] += space[2]
        if pieces and pieces[-1][0]:
            pieces[-1][1] += removed
            pieces[-1][2] += added
        else:
            pieces.append([True, removed, added])
    parts = []
    for is_change, removed, added in pieces:
        if not is_change:
            parts.append(escape(added))
            continue
        if removed:
            parts.append(f"<del>{escape(removed)}</del>")
        if added:
            parts.append(f"<ins>{escape(added)}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped


def _model_of(*sides):
    for side in sides:
        if isinstance(side, Revision):
            return side.content_type.model_class()
    return None


def _data_of(side):
    data = side.data if isinstance(side, Revision) else side
    return {key: value for key, value in (data or {}).items() if not key.startswith("_")}


def _model_field(model, name):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _label(model_field, name):
    if model_field is not None and hasattr(model_field, "verbose_name"):
        return capfirst(model_field.verbose_name)
    return capfirst(name.replace("_", " "))


def _noun(model_field, name):
    """What one item of a relation is called: 'Topic', 'Litigation case'."""
    if model_field is not None and model_field.related_model is not None:
        return capfirst(model_field.related_model._meta.verbose_name)
    return capfirst(name.replace("_", " ").rstrip("s"))


def _is_record(model_field):
    # Records with their own pages (cases, partners) are linked; vocabulary is added.
    return model_field is not None and is_registered(model_field.related_model)


def _readable(model_field, value):
    """A stored value as an editor reads it."""
    if value is None or value == "":
        return _("(empty)")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dict) and "name" in value:
        return value["name"]
    if model_field is not None and model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, str):
        moment = parse_datetime(value) if "T" in value else None
        if moment is not None:
            return localize(localtime(moment) if is_aware(moment) else moment)
        day = parse_date(value) if len(value) == 10 else None
        if day is not None:
            return localize(day)
    return str(value)


def _is_prose(model_field, old, new):
    if model_field is not None and (
        model_field.choices or isinstance(model_field, IDENTIFIER_FIELDS)
    ):
        return False
    if not isinstance(old or "", str) or not isinstance(new or "", str):
        return False
    if isinstance(model_field, models.TextField):
        return True
    return max(len((old or "").split()), len((new or "").split())) >= WORDS_FOR_TEXT_DIFF


def _related_sentences(model_field, name, old, new):
    noun = _noun(model_field, name)
    if _is_record(model_field):
        added_text, removed_text = (
            _("%(noun)s '%(name)s' linked"),
            _("%(noun)s '%(name)s' unlinked"),
        )
    else:
        added_text, removed_text = _("%(noun)s '%(name)s' added"), _("%(noun)s '%(name)s' removed")
    old_by_pk = {item["pk"]: item["name"] for item in old}
    new_by_pk = {item["pk"]: item["name"] for item in new}
    sentences = [
        removed_text % {"noun": noun, "name": label}
        for pk, label in old_by_pk.items()
        if pk not in new_by_pk
    ]
    sentences += [
        added_text % {"noun": noun, "name": label}
        for pk, label in new_by_pk.items()
        if pk not in old_by_pk
    ]
    return sentences


def _child_sentences(noun, label, key, old, new):
    """Sentences for ordered child rows (links), matched by their key, then by URL."""
    unmatched_old = list(old)
    pairs = []
    unmatched_new = []
    for row in new:
        match = next((o for o in unmatched_old if o.get(key) == row.get(key)), None)
        if match is None:
            match = next((o for o in unmatched_old if o.get("url") == row.get("url")), None)
        if match is None:
            unmatched_new.append(row)
        else:
            unmatched_old.remove(match)
            pairs.append((match, row))
    sentences = []
    for before, after in pairs:
        name = after.get(key)
        if before.get(key) != after.get(key):
            sentences.append(
                _("%(noun)s '%(old)s' renamed to '%(new)s'")
                % {"noun": noun, "old": before.get(key), "new": name}
            )
        for part, value in after.items():
            if part in (key, "order") or before.get(part) == value:
                continue
            sentences.append(
                _("%(noun)s '%(name)s': %(part)s changed from %(old)s to %(new)s")
                % {
                    "noun": noun,
                    "name": name,
                    "part": _("URL") if part == "url" else part,
                    "old": _readable(None, before.get(part)),
                    "new": _readable(None, value),
                }
            )
    sentences += [
        _("%(noun)s '%(name)s' removed") % {"noun": noun, "name": row.get(key)}
        for row in unmatched_old
    ]
    sentences += [
        _("%(noun)s '%(name)s' added (%(url)s)")
        % {"noun": noun, "name": row.get(key), "url": row.get("url", "")}
        for row in unmatched_new
    ]
    if not sentences and [r.get(key) for r in old] != [r.get(key) for r in new]:
        sentences.append(_("%(label)s put in a new order") % {"label": label})
    return sentences


def _children_of(model):
    spec = spec_for(model) if model is not None else None
    return spec.children if spec else {}


def _translation_changes(model, old, new):
    """One change per translated field and language: "Summary (Русский)", word by word."""
    languages = [code for code, _name in settings.LANGUAGES]
    position = {code: n for n, code in enumerate(languages)}
    changes = []
    for language in sorted({*old, *new}, key=lambda code: (position.get(code, 99), code)):
        before, after = old.get(language) or {}, new.get(language) or {}
        try:
            local_name = get_language_info(language)["name_local"]
        except KeyError:
            local_name = language
        for name in model.translated_fields:
            if before.get(name, "") == after.get(name, ""):
                continue
            model_field = _model_field(model, name)
            change = Change(
                name=f"translations.{language}.{name}",
                label=f"{_label(model_field, name)} ({local_name})",
            )
            if _is_prose(model_field, before.get(name), after.get(name)):
                change.text_diff = word_diff(before.get(name), after.get(name))
            else:
                change.sentences = [
                    _("%(label)s: %(old)s → %(new)s")
                    % {
                        "label": change.label,
                        "old": _readable(model_field, before.get(name)),
                        "new": _readable(model_field, after.get(name)),
                    }
                ]
            changes.append(change)
    return changes


def compare(old, new, model=None):
    """The changes from `old` to `new`, each a revision or a revision's data."""
    model = model or _model_of(old, new)
    old_data, new_data = _data_of(old), _data_of(new)
    children = _children_of(model)
    changes = []
    for name in dict.fromkeys([*old_data, *new_data]):
        before, after = old_data.get(name), new_data.get(name)
        if before == after:
            continue
        model_field = _model_field(model, name)
        if name == "translations" and getattr(model, "translated_fields", None):
            changes += _translation_changes(model, before or {}, after or {})
            continue
        change = Change(name=name, label=_label(model_field, name))
        is_list = isinstance(before or after, list)
        sample = next(iter(before or after or []), {}) if is_list else None
        if is_list and (name in children or "pk" not in sample):
            key = children[name].key if name in children else "label"
            change.sentences = _child_sentences(
                _noun(None, name), change.label, key, before or [], after or []
            )
        elif is_list:
            change.sentences = _related_sentences(model_field, name, before or [], after or [])
        elif _is_prose(model_field, before, after):
            change.text_diff = word_diff(before, after)
        else:
            change.sentences = [
                _("%(label)s: %(old)s → %(new)s")
                % {
                    "label": change.label,
                    "old": _readable(model_field, before),
                    "new": _readable(model_field, after),
                }
            ]
        if change.text_diff or change.sentences:
            changes.append(change)
    return changes
