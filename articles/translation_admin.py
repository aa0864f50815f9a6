"""Translating an article from its admin page, and keeping translations up to date."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import translations, workflow


class TranslationAdminMixin:
    """Adds "Translate into …" to an article's change page, the source beside a
    translation's form with what changed in it since, and "Mark as up to date".

    Needs RevisionAdminMixin among the admin's bases, for `viewable_object` and `admin_url`.
    """

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/translate/<str:language>/",
                wrap(require_POST(self.translate_view)),
                name="{}_{}_translate".format(*info),
            ),
            path(
                "<path:object_id>/translation-up-to-date/",
                wrap(require_POST(self.translation_up_to_date_view)),
                name="{}_{}_translation_up_to_date".format(*info),
            ),
            *super().get_urls(),
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly_fields = super().get_readonly_fields(request, obj)
        # One article per language in a group: once linked, the language stays.
        if obj is not None and translations.group_of(obj):
            return [*readonly_fields, "language"]
        return readonly_fields

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["translation"] = self.translation_context(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def translation_context(self, request, article):
        """What the change page says about the article's languages."""
        source = translations.source_of(article)
        group = translations.group_of(article)
        context = {
            "language_name": translations.language_name(article.language),
            "others": [
                {
                    "article": other,
                    "language_name": translations.language_name(other.language),
                    "url": self.admin_url("change", other)
                    if workflow.can_view_draft(request.user, other)
                    else "",
                    "source_changed": translations.source_changed(other),
                }
                for other in group
            ],
            "may_translate": workflow.may_translate(request.user, source),
            "missing": translations.missing_languages(article, group),
            "source": None,
        }
        if article.translation_of_id:
            changed = translations.source_changed(article)
            context.update(
                source=source,
                source_language_name=translations.language_name(source.language),
                source_data=translations.source_text(source),
                source_url=self.admin_url("change", source)
                if workflow.can_view_draft(request.user, source)
                else "",
                source_changed=changed,
                source_changes=translations.changes_in_source(article) if changed else None,
                may_mark_up_to_date=changed and self.has_change_permission(request, article),
            )
        return context

    def translate_view(self, request, object_id, language):
        """Make the new draft translation, then open it; an existing one is never doubled."""
        article = self.viewable_object(request, object_id)
        if not workflow.may_translate(request.user, article):
            raise PermissionDenied
        try:
            draft = translations.create_translation(article, language, request.user)
        except ValidationError as refusal:
            self.message_user(request, " ".join(refusal.messages), messages.ERROR)
            return HttpResponseRedirect(self.admin_url("change", article), status=303)
        self.message_user(
            request,
            _(
                "A draft translation into %(language)s is made from the source. Translate "
                "the text beside the source, then take it through the workflow."
            )
            % {"language": translations.language_name(language)},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(self.admin_url("change", draft), status=303)

    def translation_up_to_date_view(self, request, object_id):
        article = self.viewable_object(request, object_id)
        if not article.translation_of_id:
            self.message_user(request, _("This article is not a translation."), messages.ERROR)
            return HttpResponseRedirect(self.admin_url("change", article), status=303)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        translations.mark_up_to_date(article)
        self.message_user(
            request,
            _("Marked as up to date with the source as it is now."),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(self.admin_url("change", article), status=303)
