"""The pages a revisioned object's admin adds: its history, a comparison, restore, presence."""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from coalition import revisions
from coalition.forms import IdField

from .diff import compare


def with_saver_name(revision):
    """Give `revision` a `saved_by` name for templates; None stays None."""
    if revision is not None:
        user = revision.created_by
        revision.saved_by = (user.get_full_name() or user.get_username()) if user else ""
    return revision


class CompareForm(forms.Form):
    """Which two revisions to compare, by number."""

    a = IdField()
    b = IdField()


class RevisionPagesMixin:
    """A `ModelAdmin`'s extra pages for an object's revisions, and who else has it open.

    Each page shows only what the admin lets this person view, and restores only what they
    may change (`RevisionAdminMixin` includes it).
    """

    revision_history_template = "admin/revisions/history.html"
    revision_compare_template = "admin/revisions/compare.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/revisions/",
                wrap(self.revision_history_view),
                name="{}_{}_revisions".format(*info),
            ),
            path(
                "<path:object_id>/revisions/compare/",
                wrap(self.revision_compare_view),
                name="{}_{}_revisions_compare".format(*info),
            ),
            path(
                "<path:object_id>/revisions/<id:number>/restore/",
                wrap(self.revision_restore_view),
                name="{}_{}_revision_restore".format(*info),
            ),
            path(
                "<path:object_id>/presence/",
                wrap(self.presence_view),
                name="{}_{}_presence".format(*info),
            ),
            *super().get_urls(),
        ]

    def admin_url(self, name, obj, *args):
        """The address of this admin's page `name` ("change", "revisions"...) for `obj`."""
        info = self.opts.app_label, self.opts.model_name, name
        return reverse(
            "admin:{}_{}_{}".format(*info), args=[obj.pk, *args], current_app=self.admin_site.name
        )

    def viewable_object(self, request, object_id):
        """The object an extra page shows: Http404 when missing, PermissionDenied if not seen."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(_("No such record."))
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def _page_context(self, request, obj, title):
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": str(obj),
            "opts": self.opts,
            "original": obj,
            "change_url": self.admin_url("change", obj),
            "history_url": self.admin_url("revisions", obj),
            "compare_url": self.admin_url("revisions_compare", obj),
            "may_restore": self.has_change_permission(request, obj),
        }

    def revision_history_view(self, request, object_id):
        obj = self.viewable_object(request, object_id)
        history = list(revisions.revisions_of(obj).select_related("created_by", "restored_from"))
        for revision in history:
            with_saver_name(revision)
            revision.restore_url = self.admin_url("revision_restore", obj, revision.number)
        context = {
            **self._page_context(request, obj, _("History and changes")),
            "revisions": history,
            # Text kept while people typed, not saved: listed, never compared or restored.
            "autosaves": [
                with_saver_name(autosave)
                for autosave in revisions.autosaves_of(obj).select_related("created_by")
            ],
        }
        return TemplateResponse(request, self.revision_history_template, context)

    def revision_compare_view(self, request, object_id):
        obj = self.viewable_object(request, object_id)
        form = CompareForm(request.GET)
        if not form.is_valid():
            raise Http404(_("Choose two revisions to compare."))
        numbers = form.cleaned_data["a"], form.cleaned_data["b"]
        found = list(
            revisions.revisions_of(obj)
            .filter(number__in=numbers)
            .select_related("created_by")
            .order_by("number")
        )
        if len(found) != len(set(numbers)):
            raise Http404(_("No such revision."))
        older, newer = with_saver_name(found[0]), with_saver_name(found[-1])
        context = {
            **self._page_context(
                request,
                obj,
                gettext("Changes from revision %(old)s to %(new)s")
                % {"old": older.number, "new": newer.number},
            ),
            "older": older,
            "newer": newer,
            "changes": compare(older, newer, model=type(obj)),
        }
        return TemplateResponse(request, self.revision_compare_template, context)

    def revision_restore_view(self, request, object_id, number):
        return require_POST(self._restore)(request, object_id, number)

    def _restore(self, request, object_id, number):
        obj = self.viewable_object(request, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        revision = get_object_or_404(revisions.revisions_of(obj), number=number)
        restored = revisions.restore(obj, revision, request.user)
        if restored.is_pending:
            text = _(
                "Revision %(old)s is restored as a draft (revision %(new)s); the public page "
                "changes when it is published."
            )
        else:
            text = _("Revision %(old)s is restored as revision %(new)s.")
        self.message_user(
            request, text % {"old": revision.number, "new": restored.number}, messages.SUCCESS
        )
        return HttpResponseRedirect(self.admin_url("change", obj))

    def presence_view(self, request, object_id):
        return require_POST(self._presence)(request, object_id)

    def _presence(self, request, object_id):
        obj = self.viewable_object(request, object_id)
        revisions.record_presence(obj, request.user)
        others = [
            {
                "name": presence.user.get_full_name() or presence.user.get_username(),
                "last_seen": presence.last_seen.isoformat(),
            }
            for presence in revisions.others_present(obj, request.user)
        ]
        return JsonResponse({"others": others})
