"""The site-wide pages, which sit above every app and may draw on all of them."""

import sys

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import translation
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import ListView, TemplateView

from articles.models import Article
from coalition import health, pagecache, vocabulary
from coalition.cases.models import LitigationCase
from coalition.middleware import DATABASE_OUTAGE_ERRORS, database_outage_response
from coalition.search import MAX_QUERY_LENGTH
from coalition.search.forms import SearchForm
from coalition.translation.collation import in_reader_order
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
        language = translation.get_language()
        articles = Article.objects.published().in_language(language).teasers().newest_first()
        # Two reads of the newest-first index, each stopping after a few rows.
        featured = list(articles.filter(is_featured=True)[: self.featured_shown])
        latest = articles.exclude(pk__in=[article.pk for article in featured])
        latest = list(latest[: self.latest_shown])
        # Which cases were updated last takes every active case and its events to know: found
        # once per generation, then the few shown are read by key.
        case_ids = pagecache.kept("home:active-cases", self.active_case_ids)
        cases = LitigationCase.objects.filter(pk__in=case_ids).teasers().with_last_update()
        # By name in the reader's alphabet, which the database does not know: every partner's
        # name is read and sorted once per generation and language, the first few kept.
        partner_count, partners = pagecache.kept("home:partners", self.first_partners)
        context.update(
            featured_articles=featured,
            latest_articles=latest,
            active_cases=sorted(
                vocabulary.attach(
                    vocabulary.with_ids(cases, "respondent_states"), "respondent_states"
                ),
                key=lambda case: case_ids.index(case.pk),
            ),
            partner_count=partner_count,
            partners=vocabulary.attach(partners, "countries"),
        )
        # Sent here by the language switcher from an article not translated into it.
        if self.request.GET.get("not_translated") == "1":
            context["not_translated_into"] = translation.get_language_info(language)["name_local"]
        return context

    def first_partners(self):
        """(how many partners the public sees, the first few of them by name)."""
        partners = vocabulary.with_ids(Partner.objects.published(), "countries").only(
            "pk", "slug", "name", "translations"
        )
        partners = in_reader_order(partners, Partner)
        return len(partners), partners[: self.partners_shown]

    def active_case_ids(self):
        """The ids of the active public cases shown, the last updated first."""
        cases = LitigationCase.objects.published().active().with_last_update()
        ordered = cases.order_by("-last_update", "title").values_list("pk", flat=True)
        return list(ordered[: self.cases_shown])


class SearchView(ListView):
    """Published articles, cases and partners matching the reader's words, best first."""

    template_name = "coalition/search.html"
    context_object_name = "results"
    paginate_by = 10

    def get_queryset(self):
        self.form = SearchForm(self.request.GET)
        if not self.form.is_valid():
            raise Http404("Unknown search filter.")
        return self.form.search()

    def paginate_queryset(self, queryset, page_size):
        """Read the counts and the asked-for page in one query, before the paginator counts."""
        page = self.kwargs.get(self.page_kwarg) or self.request.GET.get(self.page_kwarg) or 1
        try:
            number = int(page)
        except (TypeError, ValueError):
            number = None
        if number is not None and number >= 1:
            queryset.prepare((number - 1) * page_size, number * page_size)
        return super().paginate_queryset(queryset, page_size)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=self.form,
            query=self.form.cleaned_data["q"],
            search_results=self.object_list,
            max_query_length=MAX_QUERY_LENGTH,
        )
        return context


def after_login(request):
    """Send each person where their work is: editors to the admin, partner staff to the portal."""
    if request.user.is_staff:
        return redirect("admin:index")
    if request.user.is_authenticated and request.user.memberships.exists():
        return redirect("portal:dashboard")
    return redirect("home")


@never_cache
@require_safe
def healthz(request):
    """One line per component (database, cache, storage, broker): 200 when all are healthy,
    503 when any is not; within a second whatever hangs. For load balancers and monitoring."""
    results = health.check()
    lines = [f"{name} {text}" for name, (_healthy, text) in results.items()]
    healthy = all(healthy for healthy, _text in results.values())
    return HttpResponse(
        "\n".join(lines) + "\n",
        status=200 if healthy else 503,
        content_type="text/plain; charset=utf-8",
    )


def server_error(request):
    """The 500 page, or the 503 page when the error is the database being unreachable,
    which may happen in middleware before any view runs."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_OUTAGE_ERRORS):
        return database_outage_response(request, error)
    return defaults.server_error(request)
