"""Revisions in an object's admin: a revision per save, conflict protection, the status panel.

The extra pages (history, comparison, restore, presence) are in `views`.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.options import csrf_protect_m
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.db import models
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from coalition import revisions
from coalition.forms import IdField

from .diff import compare
from .views import RevisionPagesMixin, with_saver_name

REVISION_FORM_FIELDS = ("revision_message", "opened_version")


class EditConflict(Exception):
    """Someone else saved the object after the form being submitted was opened."""

    def __init__(self, obj, opened_version, form):
        super().__init__(f"{obj._meta.label} {obj.pk} changed since version {opened_version}")
        self.obj = obj
        self.opened_version = opened_version
        self.form = form


class RevisionFormMixin:
    """Carries the version the form was opened on and shows a live article's pending draft."""

    draft_initial = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and "opened_version" in self.fields:
            self.fields["opened_version"].initial = self.instance.version
        edited = set(revisions.model_fields_edited(self, self.fields))
        self.initial.update(
            {name: value for name, value in self.draft_initial.items() if name in edited}
        )


class RevisionAdminMixin(RevisionPagesMixin):
    """Keep a revision of every save, refuse saves over someone else's, show who is editing.

    A live article's changes are kept as a pending draft: the public page is left alone.
    """

    revision_conflict_template = "admin/revisions/conflict.html"
    revision_not_editable_template = "admin/revisions/not_editable.html"

    # Form

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        may_save = (
            self.has_add_permission(request)
            if obj is None
            else (self.has_change_permission(request, obj))
        )
        if may_save:
            fieldsets.append((_("About this save"), {"fields": list(REVISION_FORM_FIELDS)}))
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        if "fields" not in kwargs:
            kwargs["fields"] = flatten_fieldsets(self.get_fieldsets(request, obj))
        if kwargs["fields"] is not None:
            kwargs["fields"] = [f for f in kwargs["fields"] if f not in REVISION_FORM_FIELDS]
        form = super().get_form(request, obj, change, **kwargs)
        attrs = {
            "revision_message": forms.CharField(
                label=_("What did you change? (optional)"), max_length=255, required=False
            ),
            "opened_version": IdField(
                label=_("Version you opened"), widget=forms.HiddenInput, required=False
            ),
            "draft_initial": self._draft_initial(request, obj),
        }
        return type(form.__name__, (RevisionFormMixin, form), attrs)

    def _draft_initial(self, request, obj):
        pending = revisions.pending_revision(obj) if obj is not None else None
        return revisions.form_initial(obj, pending.data) if pending else {}

    def _draft_children(self, request, obj, inline):
        """A live article's pending child rows for `inline`, when the form shows them."""
        if obj is None or request.method != "GET":
            return None
        children = revisions.spec_for(obj).children
        name = next(
            (name for name in children if obj._meta.get_field(name).related_model is inline.model),
            None,
        )
        pending = revisions.pending_revision(obj) if name else None
        return pending.data.get(name, []) if pending else None

    def get_formsets_with_inlines(self, request, obj=None):
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            rows = self._draft_children(request, obj, inline)
            if rows is not None:
                formset = type(formset.__name__, (formset,), {"extra": len(rows) + formset.extra})
            yield formset, inline

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        rows = self._draft_children(request, obj, inline)
        if rows is not None:
            kwargs["queryset"] = inline.model._default_manager.none()
            kwargs["initial"] = rows
        return kwargs

    # Saving

    @csrf_protect_m
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id is not None:
            obj = self.get_object(request, unquote(object_id))
            if self.may_view_but_not_change(request, obj):
                return self.not_editable_response(request, obj)
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except EditConflict as conflict:
            return self.conflict_response(request, conflict)

    def may_view_but_not_change(self, request, obj):
        """True when `obj` became read-only for this person, e.g. submitted while they typed."""
        return (
            obj is not None
            and self.has_view_permission(request, obj)
            and not self.has_change_permission(request, obj)
        )

    def edit_refusal_reason(self, request, obj):
        """Why this person may no longer change `obj`, in words; "" when nobody says.

        Mixins after this one in the admin's bases (the article workflow) give the reason.
        """
        more = getattr(super(), "edit_refusal_reason", None)
        return more(request, obj) if more else ""

    def not_editable_response(self, request, obj):
        """A save of something this person can no longer change: nothing is saved, and
        they get back what they typed (409 Conflict) instead of a bare 403."""
        model_fields = {model_field.name: model_field for model_field in obj._meta.fields}
        submitted = [
            (capfirst(model_fields[name].verbose_name), request.POST[name])
            for name in revisions.spec_for(obj).fields
            if name in request.POST
            and isinstance(model_fields[name], models.CharField | models.TextField)
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("You can no longer edit this"),
            "opts": self.opts,
            "original": obj,
            "reason": self.edit_refusal_reason(request, obj),
            "submitted": submitted,
            "change_url": self.admin_url("change", obj),
        }
        return TemplateResponse(request, self.revision_not_editable_template, context, status=409)

    def save_model(self, request, obj, form, change):
        # A change is saved in save_related, with its related rows, once its version is claimed.
        if not change:
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        obj = form.instance
        message = form.cleaned_data.get("revision_message", "")
        if not change:
            super().save_related(request, form, formsets, change)
            revisions.save_revision(obj, request.user, message)
            return
        parent = super()
        opened_version = form.cleaned_data.get("opened_version") or obj.version

        def save():
            parent.save_model(request, obj, form, change)
            parent.save_related(request, form, formsets, change)

        def draft_data():
            base = revisions.current_data(obj)
            return revisions.snapshot_from_form(obj, form, formsets, base)

        revision = revisions.save_edit(
            obj, request.user, message, opened_version, save=save, draft_data=draft_data
        )
        if revision is None:
            raise EditConflict(obj, opened_version, form)
        if revision.is_pending:
            for formset in formsets:
                # Nothing was saved; the admin's change message reads these.
                formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            self.message_user(
                request,
                _(
                    "Your changes are saved as a draft. The public page shows the live "
                    "version until the draft is published."
                ),
                messages.INFO,
            )

    def conflict_response(self, request, conflict):
        obj = type(conflict.obj)._default_manager.get(pk=conflict.obj.pk)
        opened = (
            revisions.revisions_of(obj)
            .filter(**{f"data__{revisions.VERSION_KEY}": conflict.opened_version})
            .first()
        )
        form = conflict.form
        kept = set(revisions.spec_for(obj).fields)
        # Texts typed into fields kept in another (translations) are shown too.
        stored_in = getattr(form, "stored_in", {})
        submitted = [
            (field.label or name, form.data.get(form.add_prefix(name), ""))
            for name, field in form.fields.items()
            if stored_in.get(name, name) in kept and isinstance(field, forms.CharField)
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Someone else saved this while you were editing"),
            "opts": self.opts,
            "original": obj,
            "latest": with_saver_name(revisions.latest_revision(obj)),
            "changes": compare(opened, revisions.current_data(obj), model=type(obj))
            if opened
            else None,
            "submitted": submitted,
            "change_url": self.admin_url("change", obj),
        }
        return TemplateResponse(request, self.revision_conflict_template, context, status=409)

    # Change page

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            if request.method == "GET":
                revisions.record_presence(obj, request.user)
            context = {**self.revision_status(request, obj), **context}
        return super().render_change_form(request, context, add, change, form_url, obj)

    def revision_status(self, request, obj):
        """What the status panel says: live or draft, who saved last, who else is here."""
        is_live = revisions.edits_are_pending(obj)
        return {
            "revision_status": {
                "is_live": is_live,
                "pending": with_saver_name(revisions.pending_revision(obj)),
                "latest": with_saver_name(revisions.latest_revision(obj)),
                "others": list(revisions.others_present(obj, request.user)),
                "presence_url": self.admin_url("presence", obj),
                "history_url": self.admin_url("revisions", obj),
            }
        }
