"""Autosave of an object being edited: what someone types and chooses is kept every half minute.

An autosave is a revision marked `is_autosave`, one per person and object, that no history,
comparison or conflict check counts, and that the next save of the object deletes. Opening
the form again offers to put it back; saving it then goes through the usual conflict check,
from the version it was typed on.

It keeps what a form's fields hold that the revisions keep too: texts (translations
included), choices, foreign keys, many-to-many choices, and in the admin the inline rows
kept with the object (an article's "Learn more" links). Files, dates and tick boxes wait for
a real save.
"""

import copy

from django import forms
from django.conf import settings
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, JsonResponse
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from coalition import revisions
from coalition.forms import IdField

# ?restore_autosave=1 on a change page fills its form with the person's autosave.
RESTORE_AUTOSAVE = "restore_autosave"
# Far longer than any text field; an autosave of more is refused.
AUTOSAVE_MAX_CHARS = 200_000
MULTIPLE_CHOICES = (forms.MultipleChoiceField, forms.ModelMultipleChoiceField)
# As many inline rows as the admin's formsets take.
MAX_CHILD_ROWS = 1000


def _kept_field(spec, model_name, form_field):
    """The field validating an autosave of `form_field`, or None when autosaves skip it."""
    opts = spec.model._meta
    if model_name in spec.many:
        kept = copy.deepcopy(form_field)
    elif model_name not in spec.fields:
        return None
    elif opts.get_field(model_name).many_to_one or isinstance(form_field, forms.ChoiceField):
        kept = copy.deepcopy(form_field)
    elif isinstance(form_field, forms.CharField):
        # Text half typed is kept as it is: a web address need not be whole yet.
        max_length = getattr(form_field, "max_length", None)
        return forms.CharField(
            required=False, strip=False, max_length=max_length or AUTOSAVE_MAX_CHARS
        )
    else:
        return None
    kept.required = False
    return kept


class AutosaveForm(forms.Form):
    """Checks an autosave against the fields of the form being edited.

    Build one with `for_form`; only the fields sent are kept, the rest stay as stored.
    """

    spec = None
    # Form field name -> the model field keeping it ("summary_ru" -> "translations").
    kept = {}
    translation_fields = {}
    version_field = "opened_version"

    @classmethod
    def for_form(
        cls,
        form_fields,
        spec,
        *,
        stored_in=None,
        translation_fields=None,
        version_field="opened_version",
    ):
        """An AutosaveForm class for a form with `form_fields` editing a model of `spec`."""
        stored_in = stored_in or {}
        fields, kept = {}, {}
        for name, form_field in form_fields.items():
            model_name = stored_in.get(name, name)
            field = _kept_field(spec, model_name, form_field)
            if field is not None:
                fields[name], kept[name] = field, model_name
        fields[version_field] = IdField()
        attrs = {
            **fields,
            "spec": spec,
            "kept": kept,
            "translation_fields": dict(translation_fields or {}),
            "version_field": version_field,
        }
        return type("AutosaveForm", (cls,), attrs)

    def __init__(self, data=None, **kwargs):
        if data is not None:
            data = data.copy()
            for name in self.kept:
                if name in data and isinstance(self.base_fields[name], MULTIPLE_CHOICES):
                    # Nothing chosen is sent as one empty value: the choice is cleared.
                    data.setlist(name, [value for value in data.getlist(name) if value])
        super().__init__(data, **kwargs)

    @property
    def sent(self):
        """The kept fields this autosave carries."""
        return [name for name in self.kept if name in self.data]

    def revision_data(self, obj):
        """What to keep: the content being edited with the fields sent put in."""
        data = dict(revisions.current_data(obj))
        for name in self.sent:
            model_name, value = self.kept[name], self.cleaned_data[name]
            if name in self.translation_fields:
                language, field_name = self.translation_fields[name]
                stored = copy.deepcopy(data.get(model_name) or {})
                texts = stored.setdefault(language, {})
                if value.strip():
                    texts[field_name] = value
                else:
                    texts.pop(field_name, None)
                data[model_name] = {code: texts for code, texts in stored.items() if texts}
            elif model_name in self.spec.many:
                data[model_name] = revisions.serialise_related(value)
            elif self.spec.model._meta.get_field(model_name).many_to_one:
                data[model_name] = (
                    None if value is None else revisions.serialise_related([value])[0]
                )
            else:
                data[model_name] = value
        data[revisions.VERSION_KEY] = self.cleaned_data[self.version_field]
        return data


def _child_value(model_field, value):
    """A child row's field as typed, checked as leniently as a text half typed deserves."""
    if isinstance(model_field, models.CharField | models.TextField):
        if model_field.max_length and len(value) > model_field.max_length:
            raise ValidationError(_("A row's text is too long."), code="max_length")
        return value
    if value == "":
        return None
    try:
        return model_field.to_python(value)
    except ValidationError as error:
        raise ValidationError(_("A row's value is not valid."), code="invalid") from error


def child_rows(data, prefix, children, model, existing):
    """The inline rows posted under `prefix` as an autosave keeps them, in their order;
    None when none were sent. `existing` are the ids of the object's rows: a row keeps its
    id only if it is one of them. Raises ValidationError on bad input."""
    total = data.get(f"{prefix}-TOTAL_FORMS")
    if total is None:
        return None
    if not total.isdigit() or int(total) > MAX_CHILD_ROWS:
        raise ValidationError(_("The number of rows is not valid."), code="total")
    rows = []
    for index in range(int(total)):
        key = f"{prefix}-{index}-"
        if data.get(f"{key}DELETE"):
            continue
        row = {
            name: _child_value(model._meta.get_field(name), data.get(key + name, ""))
            for name in children.fields
        }
        if not any(isinstance(value, str) and value.strip() for value in row.values()):
            # An empty extra row: nothing typed in it.
            continue
        row_id = data.get(f"{key}id", "")
        row["id"] = int(row_id) if row_id.isdigit() and int(row_id) in existing else None
        rows.append(row)
    rows.sort(key=lambda row: row.get("order") or 0)
    return rows


def keep_autosave(obj, user, form, children=None):
    """Keep what the valid `form` (and any inline `children` rows) carries as `user`'s
    autosave of `obj`; the JSON answer."""
    data = {**form.revision_data(obj), **(children or {})}
    saved = revisions.keep_autosave(obj, user, data)
    when = date_format(timezone.localtime(saved.created_at), "TIME_FORMAT")
    message = gettext("Autosaved at %(time)s.") % {"time": when}
    return JsonResponse({"saved_at": saved.created_at.isoformat(), "message": message})


def refused(form):
    return JsonResponse({"errors": form.errors}, status=400)


class AutosaveAdminMixin:
    """Put it before RevisionAdminMixin in a ModelAdmin's bases."""

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_autosave"
        view = self.admin_site.admin_view(self.autosave_view)
        return [path("<path:object_id>/autosave/", view, name=name), *super().get_urls()]

    def autosave_offer(self, request, obj):
        """This person's autosave of `obj` when newer than its last save; else None.

        Read once per request: the form, its inlines and the page all ask.
        """
        if not self.has_change_permission(request, obj):
            return None
        offers = request.__dict__.setdefault("_autosave_offers", {})
        key = (obj._meta.label, obj.pk)
        if key not in offers:
            offers[key] = revisions.autosave_to_offer(obj, request.user)
        return offers[key]

    def restored_autosave(self, request, obj):
        """The autosave being put back into the form (?restore_autosave=1), or None."""
        if obj is None or request.method != "GET" or not request.GET.get(RESTORE_AUTOSAVE):
            return None
        return self.autosave_offer(request, obj)

    def _draft_initial(self, request, obj):
        restored = self.restored_autosave(request, obj)
        if restored is not None:
            # The version it was typed on: a save over someone's newer one is a conflict.
            version = restored.data.get(revisions.VERSION_KEY)
            return {**revisions.form_initial(obj, restored.data), "opened_version": version}
        return super()._draft_initial(request, obj)

    # Inline rows kept with the object

    def autosave_children(self, request, obj):
        """{name: Children} of the inline rows this person may edit that revisions keep."""
        children = revisions.spec_for(obj).children
        models_shown = {
            inline.model
            for inline in self.get_inline_instances(request, obj)
            if inline.has_change_permission(request, obj)
        }
        return {
            name: kept
            for name, kept in children.items()
            if obj._meta.get_field(name).related_model in models_shown
        }

    def _child_name(self, request, obj, inline):
        return next(
            (
                name
                for name in self.autosave_children(request, obj)
                if obj._meta.get_field(name).related_model is inline.model
            ),
            None,
        )

    def _restored_rows(self, request, obj, inline):
        """The autosaved rows of `inline` being restored, or None."""
        restored = self.restored_autosave(request, obj)
        if restored is None:
            return None
        rows = restored.data.get(self._child_name(request, obj, inline))
        # Rows sent by the page carry their id (None for a new one); rows without were the
        # stored ones, copied when the page sent none: the form shows the stored rows then.
        if not isinstance(rows, list) or not all("id" in row for row in rows):
            return None
        return rows

    def _draft_children(self, request, obj, inline):
        rows = self._restored_rows(request, obj, inline)
        if rows is not None and revisions.edits_are_pending(obj):
            # A live object's rows are a draft's too: shown as rows of their own.
            return [{key: value for key, value in row.items() if key != "id"} for row in rows]
        return super()._draft_children(request, obj, inline)

    def get_formsets_with_inlines(self, request, obj=None):
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            rows = None
            if obj is not None and not revisions.edits_are_pending(obj):
                rows = self._restored_rows(request, obj, inline)
            if rows is not None:
                formset = restored_formset(formset, rows)
            yield formset, inline

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if obj is not None and not revisions.edits_are_pending(obj):
            rows = self._restored_rows(request, obj, inline)
            if rows is not None:
                kwargs["initial"] = [row for row in rows if row.get("id") is None]
        return kwargs

    # Page

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and self.has_change_permission(request, obj):
            context = {**self.autosave_context(request, obj, context["adminform"].form), **context}
        return super().render_change_form(request, context, add, change, form_url, obj)

    def autosave_context(self, request, obj, form):
        offered = self.autosave_offer(request, obj)
        restored = offered is not None and bool(request.GET.get(RESTORE_AUTOSAVE))
        children = self.autosave_children(request, obj)
        return {
            "autosave": {
                "url": self.admin_url("autosave", obj),
                "interval": settings.EDITOR_AUTOSAVE_SECONDS,
                "fields": ",".join(self.autosave_form_class(obj, type(form)).kept),
                # "links:label,url,order": the inline prefix and the fields of its rows.
                "children": ";".join(
                    f"{name}:{','.join(kept.fields)}" for name, kept in children.items()
                ),
                "offer": None if restored else offered,
                "restored": offered if restored else None,
                "restore_url": f"?{RESTORE_AUTOSAVE}=1",
            }
        }

    def autosave_form_class(self, obj, form_class):
        """The AutosaveForm for this person's change form of `obj`: the fields they may edit."""
        return AutosaveForm.for_form(
            form_class.base_fields,
            revisions.spec_for(obj),
            stored_in=getattr(form_class, "stored_in", {}),
            translation_fields=getattr(form_class, "translation_fields", {}),
        )

    def autosave_view(self, request, object_id):
        return require_POST(self._autosave)(request, object_id)

    def _autosave(self, request, object_id):
        """Keep what was typed and chosen so far, for this person only; the object is left
        alone. Someone who may not edit the object learns nothing of it here: 404.
        """
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_change_permission(request, obj):
            raise Http404(_("No such record."))
        form_class = self.get_form(request, obj, change=True)
        form = self.autosave_form_class(obj, form_class)(request.POST)
        children = {}
        for name, kept in self.autosave_children(request, obj).items():
            model = obj._meta.get_field(name).related_model
            existing = set(getattr(obj, name).values_list("pk", flat=True))
            try:
                rows = child_rows(request.POST, name, kept, model, existing)
            except ValidationError as error:
                return JsonResponse({"errors": {name: error.messages}}, status=400)
            if rows is not None:
                children[name] = rows
        if not form.is_valid() or not (form.sent or children):
            return refused(form)
        return keep_autosave(obj, request.user, form, children)


def restored_formset(formset, rows):
    """`formset` (an inline formset class) showing autosaved `rows`: a stored row with its
    autosaved values, one left out marked for deletion, a new one as an extra row."""
    by_id = {row["id"]: row for row in rows if row.get("id") is not None}
    added = len(rows) - len(by_id)

    class RestoredFormSet(formset):
        extra = formset.extra + added

        def get_form_kwargs(self, index):
            kwargs = super().get_form_kwargs(index)
            # None is the empty form the page copies for "Add another".
            if index is not None and index < self.initial_form_count():
                stored = self.get_queryset()[index]
                row = by_id.get(stored.pk)
                kwargs["initial"] = (
                    {"DELETE": True}
                    if row is None
                    else {key: value for key, value in row.items() if key != "id"}
                )
            return kwargs

    RestoredFormSet.__name__ = formset.__name__
    return RestoredFormSet
