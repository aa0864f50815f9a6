"""Which models keep revisions, and what of them: each app registers its own in `ready()`.

The revisions package names no model itself, so that it never imports the apps built on it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Children:
    """Rows that belong to the object (an article's links), kept in their order.

    `key` is the part that names a row in diffs ("Link 'Report' removed").
    """

    fields: tuple
    key: str


def _no_changes(obj):
    return {}


@dataclass(frozen=True)
class Drafts:
    """Edits to a live object wait as a pending revision until they are published.

    `live` names the flag saying the public sees the object, `flag` the one saying that
    changes wait; `changes(obj)` gives any other fields to write when edits start waiting.
    """

    live: str = "live"
    flag: str = "has_unpublished_changes"
    changes: Callable = _no_changes


@dataclass(frozen=True)
class Tracked:
    """What a model's revisions keep; see `register`."""

    model: type
    fields: tuple
    many: tuple = ()
    children: dict = field(default_factory=dict)
    unrevisioned: tuple = ()
    drafts: Drafts | None = None
    not_revisioned: dict = field(default_factory=dict)


_registry = {}


def register(
    model, *, fields, many=(), children=None, unrevisioned=(), drafts=None, not_revisioned=None
):
    """Keep revisions of `model`: call it from the model's app's `AppConfig.ready()`.

    `fields` are plain fields and foreign keys, `many` many-to-many relations, `children`
    maps a reverse relation (`"links"`) to the `Children` kept with the object. Rows an admin
    page edits inline but saves on their own, outside the revisions, are named in
    `unrevisioned`; fields a form edits that revisions leave alone on purpose (a restore
    never changes them) map to the reason in `not_revisioned`. With `drafts`, edits to a live
    object wait as a pending revision. The system checks `revisions.E003`-`E006` keep this
    in step with the admin's forms and the site's pages' forms.
    """
    if model._meta.label in _registry:
        raise ImproperlyConfigured(f"{model._meta.label} is already registered for revisions.")
    _registry[model._meta.label] = Tracked(
        model=model,
        fields=tuple(fields),
        many=tuple(many),
        children=dict(children or {}),
        unrevisioned=tuple(unrevisioned),
        drafts=drafts,
        not_revisioned=dict(not_revisioned or {}),
    )


def spec_for(model_or_obj):
    """What revisions of this model (or object) keep, or None when it keeps none."""
    return _registry.get(model_or_obj._meta.label)


def is_registered(model):
    return model._meta.label in _registry


def tracked_models():
    """The models that keep revisions."""
    return [spec.model for spec in _registry.values()]


def registrations():
    return list(_registry.values())


def untracked_form_fields(form_class, spec):
    """The model fields a form edits that the revisions of `spec.model` would not keep,
    leaving out those declared `not_revisioned`."""
    opts = spec.model._meta
    forward = {model_field.name for model_field in (*opts.fields, *opts.many_to_many)}
    # The version a form carries is bookkeeping: it guards the save, it is not content.
    kept = {*spec.fields, *spec.many, *spec.not_revisioned, "version"}
    edited = dict.fromkeys(model_fields_edited(form_class, form_class.base_fields))
    return [name for name in edited if name in forward and name not in kept]


def model_fields_edited(form, form_field_names):
    """The model fields behind the named form fields.

    A form field is its model field's namesake, unless the form's `stored_in` maps it to the
    field that keeps its value (a translation is kept in `translations`).
    """
    stored_in = getattr(form, "stored_in", {})
    return [stored_in.get(name, name) for name in form_field_names]
