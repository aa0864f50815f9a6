"""The editorial workflow in the admin: buttons, timeline, changelist actions, email settings.

Views here only translate HTTP to `articles.workflow` calls; the rules live there.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from . import notifications, readiness, workflow
from .models import NotificationPreference

LOCKED_BY_OTHER_STEP = _(
    "This article was moved to “%(status)s” by %(name)s at %(when)s; you can no longer edit it."
)
SCHEDULED_MESSAGE = _("Scheduled “%(title)s” to go live on %(when)s.")
SKIPPED_COUNT = ngettext_lazy(
    "%(count)d article skipped: %(reasons)s", "%(count)d articles skipped: %(reasons)s", "count"
)


def refusal(error):
    """The reason a workflow step was refused, in words for the person who tried."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("You may not do this.")


class ReviewerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return notifications.display_name(user)


class WorkflowStepForm(forms.Form):
    """What a workflow button may send along: a comment, and a reviewer and due date on submit."""

    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Required when you request changes; kept in the article's history."),
    )
    reviewer = ReviewerChoiceField(
        label=_("Reviewer"),
        queryset=None,
        required=False,
        empty_label=_("Any editor"),
        help_text=_("When you submit: the editor who should review it."),
    )
    due = forms.DateField(
        label=_("Review due"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("When you submit: the date by which you need the review."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="workflow", **kwargs)
        self.fields["reviewer"].queryset = notifications.reviewers()


def bulk_action_name(step):
    return f"{step.name}_articles"


def bulk_action(step):
    """A changelist action that takes `step` on each selected article."""

    def take_step(modeladmin, request, queryset):
        modeladmin.take_step_on_each(request, queryset, step)

    take_step.__name__ = bulk_action_name(step)
    return admin.action(take_step, description=step.bulk.label)


class WorkflowAdminMixin:
    """Adds the workflow to an article ModelAdmin; status changes only through these steps.

    Needs RevisionAdminMixin among the admin's bases, for `admin_url`.
    """

    actions = [bulk_action(step) for step in workflow.STEPS.values() if step.bulk]

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_workflow"
        view = self.admin_site.admin_view(self.workflow_view)
        return [
            path("<path:object_id>/workflow/<slug:action>/", view, name=name),
            *super().get_urls(),
        ]

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or workflow.edit_allowed(request.user, obj)

    def get_actions(self, request):
        # Each step's changelist action is offered to those who hold the permission it needs.
        actions = super().get_actions(request)
        for step in workflow.STEPS.values():
            if step.bulk and not request.user.has_perm(step.bulk.permission):
                actions.pop(bulk_action_name(step), None)
        return actions

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context.update(self.workflow_context(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def workflow_context(self, request, article):
        actions = workflow.available_actions(request.user, article)
        today = timezone.localdate()
        return {
            "publish_warnings": readiness.article_warnings(article),
            "workflow_may_publish": workflow.PUBLISH in actions,
            "workflow_actions": actions,
            "workflow_asks_reviewer": any(step.asks_reviewer for step in actions),
            "workflow_form": WorkflowStepForm() if actions else None,
            "workflow_is_scheduled": workflow.is_scheduled(article),
            "workflow_review_overdue": (
                article.status == workflow.Status.IN_REVIEW
                and article.review_due is not None
                and article.review_due < today
            ),
            "workflow_steps": article.transitions.select_related("actor"),
        }

    def workflow_view(self, request, object_id, action):
        """Take one workflow step from a button on the change form, then go back to it."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.get_object(request, unquote(object_id))
        if article is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        change_url = self.admin_url("change", article)
        form = WorkflowStepForm(request.POST)
        if not form.is_valid():
            for field, errors in form.errors.items():
                messages.error(request, f"{form.fields[field].label}: {' '.join(errors)}")
            return HttpResponseRedirect(change_url)
        try:
            workflow.perform(action, article, request.user, **form.cleaned_data)
        except (PermissionDenied, ValidationError) as error:
            messages.error(request, refusal(error))
        else:
            messages.success(request, self.done_message(workflow.STEPS[action], article))
            if action == workflow.PUBLISH.name:
                self.warn_after_publishing(request, article)
        return HttpResponseRedirect(change_url)

    def warn_after_publishing(self, request, article):
        """Published all the same: say what the editor may still want to fix."""
        warnings = readiness.article_warnings(article)
        if warnings:
            text = _("Published, but worth fixing: %(warnings)s")
            messages.warning(request, text % {"warnings": " ".join(warnings)})

    def edit_refusal_reason(self, request, article):
        """Which workflow step, by whom and when, made the article read-only for this person."""
        step = article.transitions.select_related("actor").order_by("-created_at", "-pk").first()
        if step is None:
            return ""
        locking = workflow.step_into(step.to_status)
        text = locking.locked if locking and locking.locked else LOCKED_BY_OTHER_STEP
        return text % {
            "name": notifications.display_name(step.actor) if step.actor else _("the system"),
            "when": date_format(timezone.localtime(step.created_at), "DATETIME_FORMAT"),
            "status": step.get_to_status_display(),
        }

    def done_message(self, step, article):
        if step.to_state == workflow.Status.PUBLISHED and workflow.is_scheduled(article):
            when = timezone.localtime(article.publish_at).strftime("%Y-%m-%d %H:%M")
            return SCHEDULED_MESSAGE % {"title": article.title, "when": when}
        return step.done % {"title": article.title}

    def take_step_on_each(self, request, queryset, step):
        """Try `step` on each selected article; say how many were done and why others weren't."""
        done, reasons = 0, []
        for article in queryset:
            try:
                workflow.perform(step.name, article, request.user)
            except (PermissionDenied, ValidationError) as error:
                reasons.append(f"“{article.title}”: {refusal(error)}")
            else:
                done += 1
        if done:
            messages.success(request, step.bulk.done % {"count": done})
        if reasons:
            skipped = {"count": len(reasons), "reasons": "; ".join(reasons)}
            messages.warning(request, SKIPPED_COUNT % skipped)

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, article):
        state = (article.status, article.get_status_display())
        scheduled = ("scheduled", _("scheduled"))
        # With edits pending, the status is the working copy's; the live version's state
        # (live or scheduled) is shown next to it.
        if article.status == workflow.Status.PUBLISHED:
            badges = [scheduled if workflow.is_scheduled(article) else state]
        elif workflow.is_scheduled(article):
            badges = [state, scheduled]
        elif article.live:
            badges = [state, ("live", _("live"))]
        else:
            badges = [state]
        return format_html_join(" ", '<span class="badge badge-{}">{}</span>', badges)


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    """Each person chooses their own workflow emails; superusers may see everyone's."""

    list_display = ["user", "on_submitted", "on_changes_requested", "on_approved", "on_published"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__email"]
    autocomplete_fields = ["user"]
    preferences = ["on_submitted", "on_changes_requested", "on_approved", "on_published"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(user=request.user)

    def get_fields(self, request, obj=None):
        if request.user.is_superuser:
            return ["user", *self.preferences]
        return self.preferences

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.is_own(request, obj)

    def has_change_permission(self, request, obj=None):
        return self.is_own(request, obj)

    def has_add_permission(self, request):
        if request.user.is_superuser:
            return True
        own = NotificationPreference.objects.filter(user=request.user)
        return self.has_module_permission(request) and not own.exists()

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def is_own(self, request, obj):
        if not self.has_module_permission(request):
            return False
        return obj is None or request.user.is_superuser or obj.user_id == request.user.pk

    def changelist_view(self, request, extra_context=None):
        # Everyone but superusers has at most one row: open it (or the form to make it).
        if request.user.is_superuser:
            return super().changelist_view(request, extra_context)
        own = NotificationPreference.objects.filter(user=request.user).first()
        if own is None:
            return redirect("admin:articles_notificationpreference_add")
        return redirect("admin:articles_notificationpreference_change", own.pk)

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            obj.user = request.user
        super().save_model(request, obj, form, change)
