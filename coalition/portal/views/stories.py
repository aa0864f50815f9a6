"""Stories partners write for the site, from draft to review."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, ListView, UpdateView, View
from django.views.generic.detail import SingleObjectMixin

from articles import workflow
from articles.models import Article, ArticleTransition
from coalition import revisions
from coalition.markdown import render
from coalition.revisions.autosave import (
    RESTORE_AUTOSAVE,
    AutosaveForm,
    keep_autosave,
    refused,
)

from .. import access
from ..forms import StoryForm
from .mixins import PortalMixin

# The story form's field with the version the story was opened at.
STORY_VERSION_FIELD = "version"


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
        context["is_editable"] = story.status in workflow.AUTHOR_EDITABLE
        pending = revisions.pending_revision(story)
        if pending is not None:
            # The partner follows their draft; the public page still shows the published text.
            context["shown"], context["relations"] = revisions.materialise(story, pending)
        else:
            context["shown"] = story
            context["relations"] = {
                name: getattr(story, name).all() for name in ("topics", "countries", "cases")
            }
        # Rendered for the reader: of the library, only what their organisations may show.
        shown = context["shown"]
        context["body_html"] = render(
            shown.body,
            language=shown.language,
            preview=True,
            available=access.library_items(self.request.user),
        ).html
        return context


def story_autosave_form(story, form):
    """The AutosaveForm for a story's `form`: its texts and choices, from its own querysets,
    so that only the writer's organisations' cases can be kept."""
    return AutosaveForm.for_form(
        form.fields, revisions.spec_for(story), version_field=STORY_VERSION_FIELD
    )


class StoryAutosaveView(PortalMixin, SingleObjectMixin, View):
    """Keep what is typed and chosen in a story being edited; the story itself is left alone.

    Only stories the writer's organisation may still change: anything else is a 404.
    """

    http_method_names = ["post"]

    def get_queryset(self):
        return access.editable_stories(self.request.user)

    def post(self, request, *args, **kwargs):
        story = self.get_object()
        form_class = story_autosave_form(story, StoryForm(user=request.user, instance=story))
        form = form_class(request.POST)
        if not form.is_valid() or not form.sent:
            return refused(form)
        return keep_autosave(story, request.user, form)


class StoryFormMixin(PortalMixin):
    """Writing a story: preview the Markdown, save a draft, or save and submit it for review."""

    template_name = "portal/story_form.html"
    form_class = StoryForm
    context_object_name = "story"

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "user": self.request.user}
        story = kwargs.get("instance")
        pending = revisions.pending_revision(story) if story is not None else None
        if pending is not None:
            kwargs["draft"] = pending.data
        restored = self.restored_autosave()
        if restored is not None:
            kwargs["draft"] = restored.data
            kwargs["opened_version"] = restored.data.get(revisions.VERSION_KEY)
        return kwargs

    def autosave_offer(self):
        story = getattr(self, "object", None)
        if story is None or story.pk is None:
            return None
        return revisions.autosave_to_offer(story, self.request.user)

    def restored_autosave(self):
        if self.request.method != "GET" or not self.request.GET.get(RESTORE_AUTOSAVE):
            return None
        return self.autosave_offer()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        story = getattr(self, "object", None)
        if story is not None and story.pk is not None:
            offered = self.autosave_offer()
            restored = self.restored_autosave()
            context["autosave"] = {
                "url": reverse("portal:story-autosave", args=[story.pk]),
                "interval": settings.EDITOR_AUTOSAVE_SECONDS,
                "fields": ",".join(story_autosave_form(story, context["form"]).kept),
                "version_field": STORY_VERSION_FIELD,
                "offer": None if restored else offered,
                "restored": restored,
                "restore_url": f"?{RESTORE_AUTOSAVE}=1",
            }
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object() if self.kwargs.get("pk") else None
        form = self.get_form()
        if "preview" in request.POST:
            rendering = render(
                request.POST.get("body", ""),
                language=request.POST.get("language") or getattr(self.object, "language", None),
                preview=True,
                available=access.library_items(request.user),
            )
            context = self.get_context_data(
                form=form,
                previewing=True,
                preview_html=rendering.html,
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
        with transaction.atomic():
            if story.pk is None:
                story = form.save()
                revisions.save_revision(story, user, _("Story written in the partner portal"))
            else:
                revision = revisions.save_edit(
                    story,
                    user,
                    _("Story edited in the partner portal"),
                    form.cleaned_data["version"],
                    save=form.save,
                    draft_data=lambda: revisions.snapshot_from_form(
                        story, form, [], revisions.current_data(story)
                    ),
                )
                if revision is None:
                    return self.render_conflict(form)
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
