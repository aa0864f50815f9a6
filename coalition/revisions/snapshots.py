"""A registered object's content as JSON, and back: snapshots, form values, previews.

A snapshot keeps plain fields, many-to-many relations (as `{"pk", "name"}` pairs, so that
diffs read well after a rename or deletion) and ordered child rows such as an article's links.
"""

import copy
import datetime

from django.conf import settings
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import translation

from coalition.markdown import render_markdown

from .registry import model_fields_edited, spec_for


def _label(related):
    # Stored names are for reading diffs later; store them in the site's own language.
    with translation.override(settings.LANGUAGE_CODE):
        return str(related)


def serialise_value(model_field, value):
    """A field's Python value as JSON: dates as ISO strings, files as their names."""
    if isinstance(model_field, models.FileField):
        return value.name if value else ""
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value


def serialise_related(objects):
    return [{"pk": related.pk, "name": _label(related)} for related in objects]


def _field_value(obj, name):
    model_field = obj._meta.get_field(name)
    if model_field.many_to_one:
        related = getattr(obj, name)
        return None if related is None else {"pk": related.pk, "name": _label(related)}
    return serialise_value(model_field, getattr(obj, name))


def _child_rows(rows, children):
    return [{name: getattr(row, name) for name in children.fields} for row in rows]


def snapshot(obj):
    """The content of `obj` as JSON-serialisable data: fields, relations and child rows."""
    spec = spec_for(obj)
    data = {name: _field_value(obj, name) for name in spec.fields}
    for name in spec.many:
        data[name] = serialise_related(getattr(obj, name).all())
    for name, children in spec.children.items():
        data[name] = _child_rows(getattr(obj, name).all(), children)
    return data


def snapshot_from_form(obj, form, formsets, base):
    """The content a submitted admin form describes, without saving anything.

    `obj` is the form's instance with the cleaned fields applied; fields the form does not
    offer keep their value in `base`, the content the form was opened on.
    """
    spec = spec_for(obj)
    data = dict(base)
    edited = set(model_fields_edited(form, form.fields))
    for name in spec.fields:
        if name not in edited:
            continue
        model_field = obj._meta.get_field(name)
        if isinstance(model_field, models.FileField):
            # Store a new upload now, as saving the object would: the draft refers to it.
            model_field.pre_save(obj, add=False)
        data[name] = _field_value(obj, name)
    for name in spec.many:
        if name in form.fields:
            data[name] = serialise_related(form.cleaned_data.get(name) or [])
    for formset in formsets:
        name = formset.fk.remote_field.get_accessor_name() if hasattr(formset, "fk") else None
        children = spec.children.get(name)
        if children is None:
            continue
        kept = [
            child_form.cleaned_data
            for child_form in formset.forms
            if child_form.cleaned_data and not child_form.cleaned_data.get("DELETE")
        ]
        kept.sort(key=lambda row: row.get("order") or 0)
        data[name] = [{key: row.get(key) for key in children.fields} for row in kept]
    return data


def form_initial(obj, data):
    """A form's initial values for stored revision `data`, for the fields it keeps."""
    spec = spec_for(obj)
    initial = {}
    for name in spec.fields:
        if name not in data:
            continue
        model_field = obj._meta.get_field(name)
        value = data[name]
        if model_field.many_to_one:
            initial[name] = value["pk"] if value else None
        elif isinstance(model_field, models.FileField):
            initial[name] = FieldFile(obj, model_field, value or None)
        else:
            initial[name] = model_field.to_python(value)
    for name in spec.many:
        initial[name] = [item["pk"] for item in data.get(name, [])]
    return initial


def _deserialise(model_field, value):
    if isinstance(model_field, models.FileField):
        return value or ""
    return model_field.to_python(value)


def _apply_fields(target, spec, data):
    for name in spec.fields:
        if name not in data:
            continue
        model_field = target._meta.get_field(name)
        value = data[name]
        if model_field.many_to_one:
            related_pk = value["pk"] if value else None
            exists = model_field.related_model._default_manager.filter(pk=related_pk).exists()
            setattr(target, model_field.attname, related_pk if exists else None)
        elif isinstance(model_field, models.FileField):
            if getattr(target, name).name != (value or ""):
                setattr(target, name, value or "")
        else:
            setattr(target, name, _deserialise(model_field, value))


def _related_objects(model, name, data):
    related_model = model._meta.get_field(name).related_model
    pks = [item["pk"] for item in data.get(name, [])]
    found = related_model._default_manager.in_bulk(pks)
    return [found[pk] for pk in pks if pk in found]


def _child_values(row, children):
    return {name: row[name] for name in children.fields if name in row}


def write_data(obj, data):
    """Write `data` into the object's row, relations and child rows."""
    spec = spec_for(obj)
    _apply_fields(obj, spec, data)
    obj.save()
    for name in spec.many:
        if name in data:
            getattr(obj, name).set(_related_objects(type(obj), name, data))
    for name, children in spec.children.items():
        if name not in data:
            continue
        manager = getattr(obj, name)
        manager.all().delete()
        manager.model._default_manager.bulk_create(
            manager.model(**{manager.field.name: obj}, **_child_values(row, children))
            for row in data[name]
        )


def materialise(obj, revision):
    """An unsaved copy of `obj` showing `revision`, and its relations by name.

    For previews: nothing touches the database but the reads of the related objects.
    """
    spec = spec_for(obj)
    draft = copy.copy(obj)
    draft._state = copy.copy(obj._state)
    draft._state.fields_cache = {}
    draft._prefetched_objects_cache = {}
    _apply_fields(draft, spec, revision.data)
    for name in spec.fields:
        if hasattr(draft, f"{name}_html"):
            language = getattr(draft, "language", None)
            setattr(draft, f"{name}_html", render_markdown(getattr(draft, name), language))
    relations = {name: _related_objects(type(obj), name, revision.data) for name in spec.many}
    for name, children in spec.children.items():
        child_model = obj._meta.get_field(name).related_model
        fk_name = obj._meta.get_field(name).field.name
        relations[name] = [
            child_model(**{fk_name: draft}, **_child_values(row, children))
            for row in revision.data.get(name, [])
        ]
    return draft, relations
