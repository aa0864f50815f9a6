"""The site-wide pages, which sit above every app and may draw on all of them."""

from django.db import Error, connection
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from articles.models import Article
from coalition.cases.models import LitigationCase
from partners.models import Partner


class HomeView(TemplateView):
    """Featured and latest articles, active cases and the coalition's partners."""

    template_name = "coalition/home.html"
    featured_shown = 3
    latest_shown = 6
    cases_shown = 4
    partners_shown = 6

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        articles = Article.objects.published().order_by("-first_published_at", "-pk")
        featured = list(articles.filter(is_featured=True)[: self.featured_shown])
        partners = Partner.objects.published()
        context.update(
            featured_articles=featured,
            latest_articles=articles.exclude(pk__in=[article.pk for article in featured])[
                : self.latest_shown
            ],
            active_cases=LitigationCase.objects.published()
            .active()
            .with_last_update()
            .prefetch_related("respondent_states")
            .order_by("-last_update", "title")[: self.cases_shown],
            partner_count=partners.count(),
            partners=partners.prefetch_related("countries")[: self.partners_shown],
        )
        return context


@never_cache
@require_safe
def healthz(request):
    """Answer 200 when the database answers, 503 when it does not: for load balancers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Error:
        return HttpResponse(
            _("database unavailable"), status=503, content_type="text/plain; charset=utf-8"
        )
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
