from pathlib import PurePath

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import PasswordResetConfirmView
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils.cache import add_never_cache_headers
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, ListView, TemplateView, UpdateView, View
from django.views.generic.detail import SingleObjectMixin

from articles import workflow
from articles.models import Article, ArticleTransition, NotificationPreference
from coalition import revisions
from coalition.cases.models import CaseDocument, CaseEvent, CasePartner, Proceeding
from coalition.markdown import render_markdown
from partners.models import Membership, Partner

from . import access
from .forms import (
    DocumentUploadForm,
    NotificationPreferenceForm,
    PartnerProfileForm,
    StoryForm,
)
from .uploads import DOCUMENT_TYPES


class PortalMixin(LoginRequiredMixin):
    """Pages for logged-in staff of a partner; nothing here is ever cached."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.partners(request.user).exists():
            response = TemplateResponse(request, "portal/no_organisation.html", status=404)
        else:
            response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response


class DashboardView(PortalMixin, TemplateView):
    """My organisations, their cases, our stories and the latest documents on our cases."""

    template_name = "portal/dashboard.html"
    stories_shown = 10
    documents_shown = 10

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            memberships=Membership.objects.filter(user=user)
            .select_related("partner")
            .order_by("partner__name"),
            cases=access.cases(user)
            .prefetch_related(my_case_roles(user), "respondent_states")
            .order_by("-status_changed_on", "title"),
            stories=access.stories(user)
            .prefetch_related(editors_comments())
            .order_by("-updated_at")[: self.stories_shown],
            documents=access.documents(user)
            .select_related("case")
            .order_by("-created_at")[: self.documents_shown],
        )
        return context


def my_case_roles(user):
    return Prefetch(
        "case_partners",
        queryset=access.case_roles(user).select_related("partner"),
        to_attr="my_roles",
    )


def editors_comments():
    return Prefetch(
        "transitions",
        queryset=ArticleTransition.objects.exclude(comment="").select_related("actor"),
        to_attr="editors_comments",
    )


class PartnerProfileView(PortalMixin, DetailView):
    """One of my organisations, as the public sees it, with an edit link for its admins."""

    template_name = "portal/partner_profile.html"
    context_object_name = "partner"

    def get_queryset(self):
        return access.partners(self.request.user).prefetch_related("countries", "topics")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_edit"] = (
            access.administered_partners(self.request.user).filter(pk=self.object.pk).exists()
        )
        return context


class PartnerProfileEditView(PortalMixin, UpdateView):
    """Partner admins edit the public profile; a colleague's newer save is never overwritten."""

    template_name = "portal/partner_profile_form.html"
    context_object_name = "partner"
    form_class = PartnerProfileForm

    def get_queryset(self):
        return access.administered_partners(self.request.user)

    def form_valid(self, form):
        partner = self.object
        seen_version = form.cleaned_data["version"]
        with transaction.atomic():
            if not revisions.claim_version(partner, seen_version):
                return self.render_conflict(form)
            partner = form.save()
            revisions.save_revision(
                partner, self.request.user, _("Profile edited in the partner portal")
            )
            editor = self.request.user
            transaction.on_commit(lambda: notify_editors_of_profile_change(partner, editor))
        messages.success(self.request, _("The profile is saved."))
        return HttpResponseRedirect(reverse("portal:partner", args=[partner.slug]), status=303)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def render_conflict(self, form):
        current = Partner.objects.get(pk=self.object.pk)
        return TemplateResponse(
            self.request,
            "portal/conflict.html",
            {"partner": current, "form": form},
            status=409,
        )


def notify_editors_of_profile_change(partner, changed_by):
    """Tell the people who keep partner records that a partner changed its public profile."""
    recipients = (
        get_user_model()
        .objects.with_perm(
            "partners.change_partner", backend="django.contrib.auth.backends.ModelBackend"
        )
        .exclude(email="")
        .values_list("email", flat=True)
    )
    recipients = sorted(set(recipients))
    if not recipients:
        return
    context = {
        "partner": partner,
        "changed_by": changed_by,
        "admin_url": settings.SITE_URL.rstrip("/")
        + reverse("admin:partners_partner_change", args=[partner.pk]),
        "public_url": settings.SITE_URL.rstrip("/") + partner.get_absolute_url(),
    }
    subject = render_to_string("portal/email/profile_changed_subject.txt", context)
    body = render_to_string("portal/email/profile_changed.txt", context)
    send_mail(" ".join(subject.split()), body, None, recipients)


class StoryListView(PortalMixin, ListView):
    """The stories my organisations have written, newest first, with their state."""

    template_name = "portal/story_list.html"
    context_object_name = "stories"
    paginate_by = 20

    def get_queryset(self):
        return (
            access.stories(self.request.user)
            .select_related("source_partner")
            .order_by("-updated_at", "-pk")
        )


class StoryDetailView(PortalMixin, DetailView):
    """A story with its state, its history and what the editors said about it."""

    template_name = "portal/story_detail.html"
    context_object_name = "story"

    def get_queryset(self):
        return (
            access.stories(self.request.user)
            .select_related("source_partner", "author")
            .prefetch_related(
                "topics",
                "countries",
                "cases",
                Prefetch(
                    "transitions",
                    queryset=ArticleTransition.objects.select_related("actor"),
                    to_attr="history",
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        story = self.object
        context["is_editable"] = story.status in access.EDITABLE_STORY_STATES
        pending = revisions.pending_revision(story) if story.live else None
        if pending is not None:
            # The partner follows their draft; the public page still shows the published text.
            context["shown"], context["relations"] = revisions.materialise(story, pending)
        else:
            context["shown"] = story
            context["relations"] = {
                name: getattr(story, name).all() for name in ("topics", "countries", "cases")
            }
        return context


class StoryFormMixin(PortalMixin):
    """Writing a story: preview the Markdown, save a draft, or save and submit it for review."""

    template_name = "portal/story_form.html"
    form_class = StoryForm
    context_object_name = "story"

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "user": self.request.user}
        story = kwargs.get("instance")
        pending = revisions.pending_revision(story) if story is not None and story.live else None
        if pending is not None:
            kwargs["draft"] = pending.data
        return kwargs

    def post(self, request, *args, **kwargs):
        self.object = self.get_object() if self.kwargs.get("pk") else None
        form = self.get_form()
        if "preview" in request.POST:
            context = self.get_context_data(
                form=form,
                previewing=True,
                preview_html=render_markdown(request.POST.get("body", "")),
            )
            return self.render_to_response(context)
        if form.is_valid():
            return self.form_valid(form)
        return self.form_invalid(form)

    def form_valid(self, form):
        user = self.request.user
        story = form.instance
        if story.author_id is None:
            story.author = user
        message = _("Story edited in the partner portal")
        with transaction.atomic():
            if story.pk is None:
                story = form.save()
                revisions.save_revision(story, user, _("Story written in the partner portal"))
            else:
                if not revisions.revisions_of(story).exists():
                    # Keep the content as it was before its first recorded save.
                    revisions.save_revision(
                        story, None, _("As found before the first recorded save")
                    )
                seen_version = form.cleaned_data["version"]
                if story.live:
                    # The public page keeps the published text: the edit becomes a pending draft.
                    if not revisions.mark_pending(story, seen_version):
                        return self.render_conflict(form)
                    data = revisions.snapshot_from_form(
                        story, form, [], revisions.current_data(story)
                    )
                    revisions.save_revision(story, user, message, pending=True, data=data)
                else:
                    if not revisions.claim_version(story, seen_version):
                        return self.render_conflict(form)
                    story = form.save()
                    revisions.save_revision(story, user, message)
        if "submit" in self.request.POST:
            submit_for_review(self.request, story)
        elif story.live:
            messages.success(
                self.request,
                _(
                    "Your changes are saved as a draft. The public page shows the published "
                    "version until the editors publish your changes."
                ),
            )
        else:
            messages.success(self.request, _("Your draft is saved."))
        return HttpResponseRedirect(reverse("portal:story", args=[story.pk]), status=303)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def render_conflict(self, form):
        return TemplateResponse(
            self.request,
            "portal/story_conflict.html",
            {"story": Article.objects.get(pk=form.instance.pk), "form": form},
            status=409,
        )


class StoryCreateView(StoryFormMixin, CreateView):
    pass


class StoryUpdateView(StoryFormMixin, UpdateView):
    def get_queryset(self):
        return access.editable_stories(self.request.user)


def submit_for_review(request, story):
    """Hand `story` to the editors through the workflow, and say how it went."""
    try:
        workflow.submit(story, request.user)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Your story is with the editors for review."))


class StorySubmitView(PortalMixin, SingleObjectMixin, View):
    """Send a draft, or a story the editors sent back, to the editors for review."""

    http_method_names = ["post"]

    def get_queryset(self):
        return access.editable_stories(self.request.user)

    def post(self, request, *args, **kwargs):
        story = self.get_object()
        submit_for_review(request, story)
        return HttpResponseRedirect(reverse("portal:story", args=[story.pk]), status=303)


class NotificationPreferencesView(PortalMixin, UpdateView):
    """Each person switches each kind of workflow email about their stories on or off."""

    template_name = "portal/notification_preferences.html"
    form_class = NotificationPreferenceForm

    def get_object(self, queryset=None):
        user = self.request.user
        # No row means everything is on: the row is only written when the form is saved.
        return NotificationPreference.objects.filter(user=user).first() or (
            NotificationPreference(user=user)
        )

    def form_valid(self, form):
        form.save()
        messages.success(self.request, _("Your email preferences are saved."))
        return HttpResponseRedirect(reverse("portal:notifications"), status=303)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class CaseWorkspaceView(PortalMixin, DetailView):
    """A case my organisation works on: the whole timeline, shared documents and uploads."""

    template_name = "portal/case_workspace.html"
    context_object_name = "case"

    def get_queryset(self):
        user = self.request.user
        return access.cases(user).prefetch_related(
            "respondent_states",
            Prefetch("proceedings", queryset=Proceeding.objects.select_related("forum")),
            Prefetch(
                "case_partners",
                queryset=CasePartner.objects.select_related("partner").order_by(
                    "partner__name", "role"
                ),
            ),
            Prefetch(
                "events",
                queryset=CaseEvent.objects.order_by("-date", "-pk"),
                to_attr="timeline",
            ),
            # An event's document the user may not see is left out: event.document becomes None.
            Prefetch("timeline__document", queryset=access.documents(user)),
            Prefetch(
                "documents",
                queryset=access.documents(user)
                .select_related("partner")
                .order_by("-date", "-created_at"),
                to_attr="shared_documents",
            ),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("upload_form", DocumentUploadForm())
        return context

    def post(self, request, *args, **kwargs):
        self.object = case = self.get_object()
        document = CaseDocument(
            case=case,
            uploaded_by=request.user,
            partner=access.partners(request.user)
            .filter(case_roles__case=case)
            .order_by("name")
            .first(),
        )
        form = DocumentUploadForm(request.POST, request.FILES, instance=document)
        if form.is_valid():
            form.save()
            messages.success(request, _("The document is uploaded."))
            url = reverse("portal:case", args=[case.pk]) + "#documents"
            return HttpResponseRedirect(url, status=303)
        context = self.get_context_data(upload_form=form)
        return self.render_to_response(context, status=400)


class DocumentDownloadView(PortalMixin, SingleObjectMixin, View):
    """Send a shared document's file, checking on every request that the user may see it."""

    pk_url_kwarg = "document_pk"

    def get_queryset(self):
        return access.documents(self.request.user).filter(case=self.kwargs["pk"]).exclude(file="")

    def get(self, request, *args, **kwargs):
        document = self.get_object()
        extension = PurePath(document.file.name).suffix.lower().lstrip(".")
        document_type = DOCUMENT_TYPES.get(extension)
        try:
            handle = document.file.open("rb")
        except FileNotFoundError as missing:
            raise Http404(_("The stored file is missing.")) from missing
        name = slugify(document.title) or "document"
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=f"{name}.{extension}" if document_type else name,
            content_type=document_type.content_type
            if document_type
            else "application/octet-stream",
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


class WelcomeView(PasswordResetConfirmView):
    """An invited person chooses a password through the emailed link, then enters the portal."""

    template_name = "portal/welcome.html"
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = reverse_lazy("portal:dashboard")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Welcome: your password is set."))
        return response
