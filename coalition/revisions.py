"""Revisions of articles, cases and partners: save, compare, restore, and pending edits.

A revision keeps what an editor can change: plain fields, many-to-many relations (as
`{"pk", "name"}` pairs, so that diffs read well after a rename or deletion) and ordered child
rows such as an article's links. Keys starting with an underscore are bookkeeping.
"""

import copy
import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import F, Max
from django.db.models.fields.files import FieldFile
from django.utils import timezone, translation

from coalition.markdown import render_markdown
from coalition.models import EditPresence, Revision

PRESENCE_TIMEOUT = datetime.timedelta(minutes=2)
VERSION_KEY = "_version"
# Where pending_revision() keeps its answer on the object, with the version it was read at:
# any change of the draft moves the version on, and the functions here also forget it.
PENDING_CACHE = "_pending_revision"


@dataclass(frozen=True)
class Children:
    """Rows that belong to the object (an article's links), kept in their order."""

    fields: tuple
    key: str


@dataclass(frozen=True)
class Tracked:
    """What a model's revisions keep."""

    fields: tuple
    many: tuple = ()
    children: dict = field(default_factory=dict)


# Models are named, not imported, so that this app never imports the apps built on it.
TRACKED = {
    "articles.Article": Tracked(
        fields=(
            "title",
            "slug",
            "kind",
            "standfirst",
            "body",
            "hero_image",
            "hero_alt",
            "hero_credit",
            "byline",
            "author",
            "cta_enabled",
            "cta_prompt",
            "seo_description",
            "publish_at",
            "unpublish_at",
            "is_featured",
        ),
        many=("topics", "countries", "partners", "cases"),
        children={"links": Children(fields=("label", "url", "order"), key="label")},
    ),
    "cases.LitigationCase": Tracked(
        fields=(
            "title",
            "short_title",
            "slug",
            "summary",
            "facts",
            "strategic_aim",
            "rights_at_issue",
            "status",
            "implementation_status",
            "status_changed_on",
            "is_public",
        ),
        many=("respondent_states", "topics"),
    ),
    "partners.Partner": Tracked(
        fields=(
            "name",
            "short_name",
            "slug",
            "summary",
            "description",
            "logo",
            "website",
            "public_email",
            "member_since",
            "is_active",
        ),
        many=("countries", "topics"),
    ),
}


def tracked_models():
    """The models that keep revisions."""
    return [apps.get_model(label) for label in TRACKED]


def spec_for(model_or_obj):
    """What revisions of this model keep, or None when it keeps none."""
    return TRACKED.get(model_or_obj._meta.label)


def edits_are_pending(obj):
    """Whether a save must leave the public content alone: true for a live article."""
    return bool(getattr(obj, "live", False))


def revisions_of(obj):
    return Revision.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=obj.pk,
    )


def pending_revision(obj):
    """The unpublished changes saved on top of live content, or None; read once per version."""
    version = getattr(obj, "version", None)
    cached = obj.__dict__.get(PENDING_CACHE)
    if cached is None or cached[0] != version:
        cached = obj.__dict__[PENDING_CACHE] = (
            version,
            revisions_of(obj).filter(is_pending=True).first(),
        )
    return cached[1]


def _forget_pending(obj):
    obj.__dict__.pop(PENDING_CACHE, None)


def latest_revision(obj):
    return revisions_of(obj).select_related("created_by").first()


def current_data(obj):
    """The content an editor works on: the pending draft when there is one, else the row."""
    pending = pending_revision(obj) if edits_are_pending(obj) else None
    return pending.data if pending else snapshot(obj)


# Snapshots


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
    for name in spec.fields:
        if name not in form.fields:
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


# Saving and restoring


def _next_number(obj):
    highest = revisions_of(obj).aggregate(highest=Max("number"))["highest"]
    return (highest or 0) + 1


def _locked_row(obj):
    return type(obj)._default_manager.select_for_update().get(pk=obj.pk)


def save_revision(obj, user, message="", pending=False, data=None, restored_from=None):
    """Record a revision of `obj`: its stored content, or `data` when given."""
    _forget_pending(obj)
    with transaction.atomic():
        row = _locked_row(obj)
        data = dict(snapshot(row) if data is None else data)
        data[VERSION_KEY] = getattr(row, "version", None)
        if pending:
            # One draft at a time: the newest pending revision holds all of it.
            revisions_of(obj).filter(is_pending=True).update(is_pending=False)
        return Revision.objects.create(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=obj.pk,
            number=_next_number(obj),
            data=data,
            message=message[:255],
            is_pending=pending,
            restored_from=restored_from,
            created_by=user if user is not None and user.is_authenticated else None,
        )


def claim_version(obj, opened_version, **changes):
    """Raise the stored version by one if it is still `opened_version`; False if it moved on.

    A single conditional UPDATE, so two saves racing each other cannot both win.
    """
    claimed = (
        type(obj)
        ._default_manager.filter(pk=obj.pk, version=opened_version)
        .update(version=F("version") + 1, **changes)
    )
    if claimed:
        obj.version = opened_version + 1
        for name, value in changes.items():
            setattr(obj, name, value)
    return bool(claimed)


def mark_pending(obj, opened_version=None):
    """Flag a live article as having unpublished changes; False on a version conflict."""
    _forget_pending(obj)
    changes = {"has_unpublished_changes": True}
    if obj.status == "published":
        changes["status"] = "draft"
    if opened_version is None:
        opened_version = _locked_row(obj).version
    return claim_version(obj, opened_version, **changes)


def save_edit(obj, user, message, opened_version, *, save, draft_data=None, baseline=True):
    """Save an edit of `obj` from a form opened at `opened_version`, and record its revision.

    A live article keeps its public content: `draft_data()` becomes its pending revision.
    Anything else is written by `save()`. None on a version conflict: the edit is not saved.
    With `baseline`, the content found before the first recorded save is kept first.
    """
    if baseline and not revisions_of(obj).exists():
        save_revision(obj, None, translation.gettext("As found before the first recorded save"))
    if edits_are_pending(obj):
        if not mark_pending(obj, opened_version):
            return None
        return save_revision(obj, user, message, pending=True, data=draft_data())
    if not claim_version(obj, opened_version):
        return None
    save()
    return save_revision(obj, user, message)


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


def _child_values(row, children):
    return {name: row[name] for name in children.fields if name in row}


def restore(obj, revision, user):
    """Bring back `revision` as a new revision; a live article gets it as a pending draft."""
    with transaction.atomic():
        row = _locked_row(obj)
        data = {key: value for key, value in revision.data.items() if not key.startswith("_")}
        message = translation.gettext("Restored revision %(number)s") % {"number": revision.number}
        if edits_are_pending(row):
            mark_pending(row, row.version)
            obj.version, obj.has_unpublished_changes = row.version, True
            obj.status = row.status
            return save_revision(
                obj, user, message, pending=True, data=data, restored_from=revision
            )
        _bump_version(obj, row)
        write_data(obj, data)
        return save_revision(obj, user, message, restored_from=revision)


def _bump_version(obj, row):
    if hasattr(row, "version"):
        obj.version = row.version + 1


def apply_pending(obj, user):
    """Publish the pending draft into the row and relations; None when there is no draft."""
    with transaction.atomic():
        pending = pending_revision(obj)
        _forget_pending(obj)
        if pending is None:
            return None
        _bump_version(obj, _locked_row(obj))
        obj.has_unpublished_changes = False
        write_data(obj, pending.data)
        pending.is_pending = False
        pending.save(update_fields=["is_pending"])
        return pending


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
            setattr(draft, f"{name}_html", render_markdown(getattr(draft, name)))
    relations = {name: _related_objects(type(obj), name, revision.data) for name in spec.many}
    for name, children in spec.children.items():
        child_model = obj._meta.get_field(name).related_model
        fk_name = obj._meta.get_field(name).field.name
        relations[name] = [
            child_model(**{fk_name: draft}, **_child_values(row, children))
            for row in revision.data.get(name, [])
        ]
    return draft, relations


# Who has a page open


def record_presence(obj, user, now=None):
    """Note that `user` has the object's admin page open now."""
    EditPresence.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=obj.pk,
        user=user,
        defaults={"last_seen": now or timezone.now()},
    )


def open_editors(model=None, since=PRESENCE_TIMEOUT, now=None):
    """Who has which page open now (seen within `since`), optionally for one model only."""
    now = now or timezone.now()
    presences = EditPresence.objects.filter(last_seen__gte=now - since)
    if model is not None:
        presences = presences.filter(content_type=ContentType.objects.get_for_model(model))
    return presences.select_related("user", "content_type").order_by("-last_seen", "pk")


def others_present(obj, user, now=None):
    """The people other than `user` who have the object's page open now."""
    return open_editors(type(obj), now=now).filter(object_id=obj.pk).exclude(user=user)
