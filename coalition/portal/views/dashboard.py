"""The portal's front page."""

from django.db.models import Prefetch
from django.views.generic import TemplateView

from articles.models import ArticleTransition

from .. import access
from .mixins import PortalMixin


class DashboardView(PortalMixin, TemplateView):
    """My organisations, their cases, our stories and the latest documents on our cases."""

    template_name = "portal/dashboard.html"
    stories_shown = 10
    documents_shown = 10

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            memberships=access.memberships(user)
            .select_related("partner")
            .order_by("partner__name"),
            cases=access.cases(user)
            .prefetch_related(my_case_roles(user))
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
