"""How crawlers find the site: the sitemap of every public page, and robots.txt pointing to it."""

import functools
from collections import defaultdict

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from articles.forms import articles_about
from articles.models import Article
from coalition import pagecache
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


class KeptCount:
    """The rows of a queryset, their count kept per page generation: the index and every page
    of a section count all its rows."""

    def __init__(self, rows, kept_as):
        self.rows, self.kept_as = rows, kept_as

    def count(self):
        return pagecache.kept(f"{self.kept_as}:count", self.rows.count, in_process=False)

    def __getitem__(self, index):
        return self.rows[index]


class LanguagePairs(KeptCount):
    """The (row, language) pairs of a queryset, read a slice at a time.

    Django's sitemap lists every item in every language before paginating: at 100,000
    articles that is every row in memory for each page. A slice here reads only its rows.
    """

    def __init__(self, rows, languages, kept_as):
        super().__init__(rows, kept_as)
        self.languages = languages

    def count(self):
        return super().count() * len(self.languages)

    def __getitem__(self, index):
        width = len(self.languages)
        first, stop = index.start or 0, index.stop
        rows = self.rows[first // width : -(-stop // width)]
        pairs = [(row, language) for row in rows for language in self.languages]
        skip = first - first // width * width
        return pairs[skip : skip + stop - first]


@functools.cache
def address_pattern(name, language, keys):
    """The path of URL `name` in `language` with {key} placeholders, reversed once."""
    # Ids must look like ids to be reversed: a number no real path holds.
    placeholders = {
        key: 987654321 + n if key == "pk" else f"placeholder{n}x" for n, key in enumerate(keys)
    }
    with translation.override(language):
        path = reverse(name, kwargs=placeholders)
    for key, placeholder in placeholders.items():
        path = path.replace(str(placeholder), f"{{{key}}}")
    return path


def address(name, **kwargs):
    """reverse(name, kwargs=…) in the active language, from a pattern reversed once.

    A sitemap page reverses thousands of URLs in each language; formatting a string is
    a hundred times cheaper. Slugs and ids need no escaping.
    """
    pattern = address_pattern(name, translation.get_language(), tuple(sorted(kwargs)))
    return pattern.format(**kwargs)


class KeptSection:
    """A section of values-only rows, read one sitemap page at a time, whose count and newest
    lastmod are kept per page generation (Django's own would read every row for each)."""

    # URLs per sitemap page (the protocol allows 50,000); the sitemap index lists the pages.
    # Each URL costs its template rendering: a page stays well under a second.
    limit = 1000

    @property
    def kept_as(self):
        return f"sitemap:{type(self).__name__}"

    def _items(self):
        return KeptCount(self.items(), self.kept_as)

    def get_latest_lastmod(self):
        """The newest lastmod of the section, for the sitemap index."""
        return pagecache.kept(
            f"{self.kept_as}:lastmod", self.read_latest_lastmod, in_process=False
        )

    def read_latest_lastmod(self):
        """The newest lastmod of the section, from one aggregate; None when not worth it."""
        return None


class InEveryLanguage(KeptSection):
    """Each page once per language, naming the others as alternates (English as x-default)."""

    i18n = True
    alternates = True
    x_default = True

    def _items(self):
        return LanguagePairs(self.items(), self._languages(), self.kept_as)


def address_in(language, name, **kwargs):
    """`address()` in `language` rather than the active one."""
    return address_pattern(name, language, tuple(sorted(kwargs))).format(**kwargs)


class ArticleSitemap(KeptSection, Sitemap):
    """Each article once, at its address in its own language, naming its published
    translations as alternates (the default language's as x-default)."""

    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return (
            Article.objects.published()
            .newest_first()
            .annotate(lastmod=Coalesce("last_published_at", "updated_at"))
            .values("slug", "language", "translation_group", "lastmod")
        )

    def location(self, article):
        return address_in(article["language"], "articles:detail", slug=article["slug"])

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        # The published members of the page's translation groups, in one query whatever the
        # page holds (a group of one is its article alone).
        members = (
            Article.objects.published()
            .filter(translation_group__in={url["item"]["translation_group"] for url in urls})
            .values("slug", "language", "translation_group")
        )
        groups = defaultdict(dict)
        for member in members:
            location = f"{protocol}://{domain}{self.location(member)}"
            groups[member["translation_group"]][member["language"]] = location
        order = [code for code, _name in settings.LANGUAGES]
        for url in urls:
            found = groups[url["item"]["translation_group"]]
            if len(found) < 2:
                continue
            languages = sorted(found, key=lambda code: order.index(code) if code in order else 99)
            url["alternates"] = [
                {"lang_code": code, "location": found[code]} for code in languages
            ]
            default = found.get(settings.LANGUAGE_CODE) or found[languages[0]]
            url["alternates"].append({"lang_code": "x-default", "location": default})
        return urls

    def lastmod(self, article):
        return article["lastmod"]

    def read_latest_lastmod(self):
        return self.items().order_by().aggregate(latest=Max("lastmod"))["latest"]


class CaseSitemap(InEveryLanguage, Sitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return (
            LitigationCase.objects.published()
            .with_last_update()
            .order_by("pk")
            .values("pk", "slug", "updated_at", "last_update")
        )

    def location(self, case):
        return address("cases:detail", pk=case["pk"], slug=case["slug"])

    def lastmod(self, case):
        # A new public event changes the page without touching the case's own record.
        return max(case["updated_at"].date(), case["last_update"])


class PartnerSitemap(InEveryLanguage, Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Partner.objects.published().order_by("name").values("slug", "updated_at")

    def location(self, partner):
        return address("partners:detail", slug=partner["slug"])

    def lastmod(self, partner):
        return partner["updated_at"]

    def read_latest_lastmod(self):
        return Partner.objects.published().aggregate(latest=Max("updated_at"))["latest"]


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
            .values("slug", "last_article_published_at")
        )

    def location(self, topic):
        return articles_about(Topic(slug=topic["slug"]))

    def lastmod(self, topic):
        return topic["last_article_published_at"]


class StaticPageSitemap(InEveryLanguage, Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return ["home", "articles:list", "cases:list", "partners:list"]

    def _items(self):
        # A short list, not a queryset: Django's own pairing does.
        return Sitemap._items(self)

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
