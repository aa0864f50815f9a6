"""System checks: registrations name real fields and keep everything their forms edit.

An edit the revisions do not keep is missing from history, and it is silently dropped when it
is made to live content, since only the pending revision is written then. The forms checked
are the admin's and those of the site's pages (the partner portal's, for example).
"""

from django import forms
from django.contrib.admin.sites import all_sites
from django.core.checks import Error, Tags, register
from django.core.exceptions import FieldDoesNotExist, FieldError, ImproperlyConfigured
from django.http import HttpRequest
from django.urls import URLResolver, get_resolver

from coalition.models import VersionedModel

from .admin import RevisionAdminMixin
from .registry import registrations, spec_for, untracked_form_fields


class MayDoAnything:
    """Stands in for a superuser, so that an admin builds its fullest form; never saved."""

    pk = id = None
    is_active = is_staff = is_superuser = is_authenticated = True
    is_anonymous = False

    def has_perm(self, perm, obj=None):
        return True

    def has_perms(self, perm_list, obj=None):
        return True

    def has_module_perms(self, app_label):
        return True

    def get_username(self):
        return ""


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _registration_problems(spec):
    """What is wrong with one registration, in words."""
    problems = []
    if not issubclass(spec.model, VersionedModel):
        problems.append("it is not a coalition.models.VersionedModel, which revisions need")
    for name in spec.fields:
        model_field = _field(spec.model, name)
        if model_field is None or not model_field.concrete or model_field.many_to_many:
            problems.append(f"'{name}' in fields is not one of its fields or foreign keys")
    for name in spec.many:
        model_field = _field(spec.model, name)
        if model_field is None or not model_field.many_to_many:
            problems.append(f"'{name}' in many is not one of its many-to-many fields")
    for name, children in {**dict.fromkeys(spec.unrevisioned), **spec.children}.items():
        relation = _field(spec.model, name)
        if relation is None or not relation.one_to_many:
            problems.append(f"'{name}' is not the name of its rows in another model")
            continue
        for part in children.fields if children else ():
            if _field(relation.related_model, part) is None:
                problems.append(f"the rows '{name}' have no field '{part}'")
    for name, reason in spec.not_revisioned.items():
        model_field = _field(spec.model, name)
        if model_field is None or not model_field.concrete:
            problems.append(f"'{name}' in not_revisioned is not one of its fields")
        elif name in spec.fields or name in spec.many:
            problems.append(f"'{name}' is both kept and not_revisioned")
        elif not str(reason).strip():
            problems.append(f"'{name}' in not_revisioned does not say why")
    if spec.drafts is not None:
        for name in (spec.drafts.live, spec.drafts.flag):
            if _field(spec.model, name) is None:
                problems.append(f"its drafts flag '{name}' is not one of its fields")
        if spec.unrevisioned:
            problems.append(
                "it has drafts and unrevisioned rows: edits to live content wait as a draft, "
                "so rows saved outside the draft would be lost"
            )
    return problems


def _admin_request():
    request = HttpRequest()
    request.method = "GET"
    request.user = MayDoAnything()
    return request


def _admin_form_errors(model_admin, spec):
    """Fields of the admin's change form and inlines that the registration does not keep."""
    label = spec.model._meta.label
    request = _admin_request()
    try:
        form = model_admin.get_form(request, None)
        inlines = model_admin.get_inline_instances(request, None)
    except (FieldError, ImproperlyConfigured):
        return []  # The admin's own checks report a broken form.
    errors = [
        Error(
            f"The admin form of {label} edits '{name}', which its revisions do not keep.",
            hint=f"Add '{name}' to the fields or many of its revisions.register() call.",
            obj=type(model_admin),
            id="revisions.E003",
        )
        for name in untracked_form_fields(form, spec)
    ]
    for inline in inlines:
        formset = inline.get_formset(request, None)
        name = formset.fk.remote_field.get_accessor_name()
        if name in spec.unrevisioned:
            continue
        children = spec.children.get(name)
        if children is None:
            errors.append(
                Error(
                    f"The admin form of {label} edits its rows '{name}' inline, which its "
                    "revisions do not keep.",
                    hint=f"Name '{name}' in the children (or unrevisioned) of its "
                    "revisions.register() call.",
                    obj=type(inline),
                    id="revisions.E004",
                )
            )
            continue
        errors += [
            Error(
                f"The admin form of {label} edits '{part}' of its rows '{name}', which its "
                "revisions do not keep.",
                hint=f"Add '{part}' to the fields of its Children('{name}').",
                obj=type(inline),
                id="revisions.E005",
            )
            for part in formset.form.base_fields
            if _field(formset.model, part) is not None
            and part != formset.fk.name
            and part not in children.fields
        ]
    return errors


@register(Tags.models)
def check_registrations(app_configs, **kwargs):
    """Every registration names fields, relations and rows its model really has."""
    return [
        Error(
            f"{spec.model._meta.label} is registered for revisions, but {problem}.",
            obj=spec.model,
            id="revisions.E001",
        )
        for spec in registrations()
        if app_configs is None or spec.model._meta.app_config in app_configs
        for problem in _registration_problems(spec)
    ]


@register(Tags.admin)
def check_admin_forms(app_configs, **kwargs):
    """Every field a registered model's admin form edits is kept by its revisions."""
    errors = []
    for site in all_sites:
        for model, model_admin in site._registry.items():
            if app_configs is not None and model._meta.app_config not in app_configs:
                continue
            spec = spec_for(model)
            if spec is None:
                if isinstance(model_admin, RevisionAdminMixin):
                    errors.append(
                        Error(
                            f"{type(model_admin).__name__} keeps revisions of "
                            f"{model._meta.label}, which is not registered for them.",
                            hint="Call coalition.revisions.register() in its app's ready().",
                            obj=type(model_admin),
                            id="revisions.E002",
                        )
                    )
                continue
            errors += _admin_form_errors(model_admin, spec)
    return errors


def page_forms(patterns):
    """(view, form) for each page among `patterns` (and their includes) editing with a
    ModelForm, as a class-based view's `form_class` says."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from page_forms(pattern.url_patterns)
            continue
        view = getattr(pattern.callback, "view_class", None)
        form = getattr(view, "form_class", None)
        if isinstance(form, type) and issubclass(form, forms.ModelForm):
            yield view, form


def _page_form_errors(patterns):
    errors, seen = [], set()
    for view, form in page_forms(patterns):
        spec = spec_for(form._meta.model) if form._meta.model else None
        if spec is None or form in seen:
            continue
        seen.add(form)
        label = spec.model._meta.label
        errors += [
            Error(
                f"{form.__module__}.{form.__name__} (the form of {view.__name__}) edits "
                f"'{name}' of {label}, which its revisions do not keep.",
                hint=f"Add '{name}' to the fields or many of its revisions.register() call, "
                "or to its not_revisioned with the reason.",
                obj=form,
                id="revisions.E006",
            )
            for name in untracked_form_fields(form, spec)
        ]
    return errors


@register(Tags.urls)
def check_page_forms(app_configs, **kwargs):
    """Every field a page's form edits of a registered model is kept by its revisions."""
    return _page_form_errors(get_resolver().url_patterns)
