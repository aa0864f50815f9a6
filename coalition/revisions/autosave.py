"""Autosave for an object's admin change page: what someone types is kept every half minute.

An autosave is a revision marked `is_autosave`, one per person and object, that no history,
comparison or conflict check counts, and that the next save of the object deletes. Opening
the change page again offers to put the text back into the form; saving it then goes through
the usual conflict check, from the version the text was typed on.
"""

from django import forms
from django.conf import settings
from django.contrib.admin.utils import flatten_fieldsets, unquote
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

# ?restore_autosave=1 on a change page fills its form with the person's autosaved text.
RESTORE_AUTOSAVE = "restore_autosave"
# Far longer than any text field; an autosave of more is refused.
AUTOSAVE_MAX_CHARS = 200_000


class AutosaveAdminMixin:
    """Put it before RevisionAdminMixin in a ModelAdmin's bases."""

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_autosave"
        view = self.admin_site.admin_view(self.autosave_view)
        return [path("<path:object_id>/autosave/", view, name=name), *super().get_urls()]

    def autosave_offer(self, request, obj):
        """This person's autosaved text of `obj` when newer than its last save; else None."""
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
            context = {**self.autosave_context(request, obj), **context}
        return super().render_change_form(request, context, add, change, form_url, obj)

    def autosave_context(self, request, obj):
        offered = self.autosave_offer(request, obj)
        restored = offered is not None and bool(request.GET.get(RESTORE_AUTOSAVE))
        return {
            "autosave": {
                "url": self.admin_url("autosave", obj),
                "interval": settings.EDITOR_AUTOSAVE_SECONDS,
                "fields": ",".join(self.autosave_fields(request, obj)),
                "offer": None if restored else offered,
                "restored": offered if restored else None,
                "restore_url": f"?{RESTORE_AUTOSAVE}=1",
            }
        }

    def autosave_fields(self, request, obj):
        """The text fields this person's form has: what autosaves keep."""
        form_fields = flatten_fieldsets(self.get_fieldsets(request, obj))
        readonly = set(self.get_readonly_fields(request, obj))
        names = []
        for name in revisions.spec_for(obj).fields:
            if name not in form_fields or name in readonly:
                continue
            model_field = obj._meta.get_field(name)
            is_text = isinstance(model_field, models.CharField | models.TextField)
            if is_text and not model_field.choices:
                names.append(name)
        return names

    def autosave_form(self, request, obj):
        fields = {
            name: forms.CharField(
                required=False,
                strip=False,
                max_length=obj._meta.get_field(name).max_length or AUTOSAVE_MAX_CHARS,
            )
            for name in self.autosave_fields(request, obj)
        }
        fields["opened_version"] = IdField()
        return type("AutosaveForm", (forms.Form,), fields)(request.POST)

    def autosave_view(self, request, object_id):
        return require_POST(self._autosave)(request, object_id)

    def _autosave(self, request, object_id):
        """Keep the text typed so far, for this person only; the object is left alone.

        Someone who may not edit the object learns nothing of it here: 404.
        """
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_change_permission(request, obj):
            raise Http404(_("No such record."))
        form = self.autosave_form(request, obj)
        texts = [name for name in request.POST if name in form.fields and name != "opened_version"]
        if not form.is_valid() or not texts:
            return JsonResponse({"errors": form.errors}, status=400)
        data = {
            **revisions.current_data(obj),
            **{name: form.cleaned_data[name] for name in texts},
            revisions.VERSION_KEY: form.cleaned_data["opened_version"],
        }
        saved = revisions.keep_autosave(obj, request.user, data)
        when = date_format(timezone.localtime(saved.created_at), "TIME_FORMAT")
        message = gettext("Autosaved at %(time)s.") % {"time": when}
        return JsonResponse({"saved_at": saved.created_at.isoformat(), "message": message})
