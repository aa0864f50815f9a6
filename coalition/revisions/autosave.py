"""Autosave of an object being edited: what someone types and chooses is kept every half minute.

An autosave is a revision marked `is_autosave`, one per person and object, that no history,
comparison or conflict check counts, and that the next save of the object deletes. Opening
the form again offers to put it back; saving it then goes through the usual conflict check,
from the version it was typed on.

It keeps what a form's fields hold that the revisions keep too: texts (translations
included), choices, foreign keys and many-to-many choices. Files, dates, tick boxes and
inline rows wait for a real save.
"""

import copy

from django import forms
from django.conf import settings
from django.contrib.admin.utils import unquote
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


def keep_autosave(obj, user, form):
    """Keep what the valid `form` carries as `user`'s autosave of `obj`; the JSON answer."""
    saved = revisions.keep_autosave(obj, user, form.revision_data(obj))
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
        """This person's autosave of `obj` when newer than its last save; else None."""
        if not self.has_change_permission(request, obj):
            return None
        return revisions.autosave_to_offer(obj, request.user)

    def _draft_initial(self, request, obj):
        if obj is not None and request.method == "GET" and request.GET.get(RESTORE_AUTOSAVE):
            offered = self.autosave_offer(request, obj)
            if offered is not None:
                # The version it was typed on: a save over someone's newer one is a conflict.
                version = offered.data.get(revisions.VERSION_KEY)
                return {**revisions.form_initial(obj, offered.data), "opened_version": version}
        return super()._draft_initial(request, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and self.has_change_permission(request, obj):
            context = {**self.autosave_context(request, obj, context["adminform"].form), **context}
        return super().render_change_form(request, context, add, change, form_url, obj)

    def autosave_context(self, request, obj, form):
        offered = self.autosave_offer(request, obj)
        restored = offered is not None and bool(request.GET.get(RESTORE_AUTOSAVE))
        return {
            "autosave": {
                "url": self.admin_url("autosave", obj),
                "interval": settings.EDITOR_AUTOSAVE_SECONDS,
                "fields": ",".join(self.autosave_form_class(obj, type(form)).kept),
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
        if not form.is_valid() or not form.sent:
            return refused(form)
        return keep_autosave(obj, request.user, form)
