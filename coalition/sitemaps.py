"""How crawlers find the site: the sitemap of every public page, and robots.txt pointing to it."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef, Subquery
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from articles.forms import articles_about
from articles.models import Article
from coalition.cases.models import LitigationCase
from coalition.models import Topic
from partners.models import Partner

# Pages that are private, personal or drafts: crawlers have nothing to find there. Those among
# the public pages exist once per language, Russian ones under /ru/.
_LANGUAGE_PREFIXES = [""] + [
    f"/{code}" for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE
]
ROBOTS_DISALLOWED = ["/admin/", "/portal/"] + [
    f"{prefix}{path}"
    for prefix in _LANGUAGE_PREFIXES
    for path in ["/accounts/", "/articles/preview/"]
]


class InEveryLanguage:
    """Each page once per language, naming the others as alternates (English as x-default)."""

    i18n = True
    alternates = True
    x_default = True


class ArticleSitemap(InEveryLanguage, Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Article.objects.published().newest_first()

    def lastmod(self, article):
        return article.last_published_at or article.updated_at


class CaseSitemap(InEveryLanguage, Sitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return LitigationCase.objects.published().with_last_update().order_by("pk")

    def lastmod(self, case):
        # A new public event changes the page without touching the case's own record.
        return max(case.updated_at.date(), case.last_update)


class PartnerSitemap(InEveryLanguage, Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Partner.objects.published().order_by("name")

    def lastmod(self, partner):
        return partner.updated_at


class TopicSitemap(InEveryLanguage, Sitemap):
    """Each topic's list of articles, for the topics that have published articles."""

    changefreq = "weekly"
    priority = 0.5

    def items(self):
        articles = Article.objects.published().filter(topics=OuterRef("pk"))
        latest = articles.order_by("-last_published_at").values("last_published_at")[:1]
        return (
            Topic.objects.filter(Exists(articles))
            .annotate(last_article_published_at=Subquery(latest))
            .order_by("slug")
        )

    def location(self, topic):
        return articles_about(topic)

    def lastmod(self, topic):
        return topic.last_article_published_at


class StaticPageSitemap(InEveryLanguage, Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return ["home", "articles:list", "cases:list", "partners:list"]

    def location(self, name):
        return reverse(name)


sitemaps = {
    "pages": StaticPageSitemap,
    "articles": ArticleSitemap,
    "cases": CaseSitemap,
    "partners": PartnerSitemap,
    "topics": TopicSitemap,
}


@require_safe
def robots_txt(request):
    """Point crawlers to the sitemap and keep them out of private pages."""
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in ROBOTS_DISALLOWED]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
