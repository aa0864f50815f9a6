"""Every public page answers in a few SQL queries, whatever the size of the coalition."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from coalition.cases.models import LitigationCase
from coalition.demo.bulk import BenchDataBuilder, Sizes
from coalition.models import Topic
from partners.models import Partner

pytestmark = pytest.mark.django_db

MAX_QUERIES = 6


def public_urls(paged=False):
    """One address of each kind of public page, filters and languages included."""
    published = Article.objects.published()
    article = published.filter(cta_enabled=True).order_by("pk").first()
    case = LitigationCase.objects.published().order_by("pk").first()
    # Filters that find articles, so that each list shows a page of them.
    partner = Partner.objects.published().filter(articles__in=published).order_by("pk").first()
    topic = Topic.objects.filter(articles__in=published).order_by("pk").first()
    latest = published.filter(topics=topic).latest("first_published_at")
    year = latest.first_published_at.year
    # An article with published translations, and one of them.
    translated = published.filter(translation_of__isnull=False).order_by("pk").first()
    urls = [
        "/",
        "/ru/",
        article.get_absolute_url(),
        translated.get_absolute_url(),
        translated.translation_of.get_absolute_url(),
        "/ru/articles/",
        "/ru/search/?q=пытки",
        "/ru/?not_translated=1",
        "/articles/",
        f"/articles/?topic={topic.slug}&year={year}",
        f"/articles/?partner={partner.slug}",
        "/partners/",
        partner.get_absolute_url(),
        "/cases/",
        f"/cases/?topic={topic.slug}",
        case.get_absolute_url(),
        "/search/?q=torture",
        "/search/?q=torture&kind=article",
        f"/search/?q=court&topic={topic.slug}",
        "/search/",
        "/feeds/articles/rss/",
        f"/feeds/topics/{topic.slug}/atom/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/robots.txt",
    ]
    # Translated partners, cases and vocabulary in every other language: read with the rows.
    for code, _name in settings.LANGUAGES:
        if code != settings.LANGUAGE_CODE:
            urls += [
                f"/{code}/partners/",
                f"/{code}{partner.get_absolute_url()}",
                f"/{code}/cases/",
                f"/{code}/cases/?topic={topic.slug}",
                f"/{code}{case.get_absolute_url()}",
                f"/{code}/articles/?partner={partner.slug}",
            ]
    if paged:
        urls += ["/articles/?page=2", "/search/?q=torture&page=2", "/cases/?page=2"]
    return urls


def query_counts(client, urls):
    """The queries of each page, once the process has read what it keeps between requests."""
    for url in urls:
        client.get(url)
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(queries)
    return counts


def test_every_public_page_runs_at_most_six_queries_with_the_demo_content(client):
    call_command("seed_demo", stdout=io.StringIO())

    counts = query_counts(client, public_urls())

    assert max(counts.values()) <= MAX_QUERIES, counts


def test_public_pages_run_as_many_queries_with_ten_times_the_content(client):
    call_command("seed_demo", stdout=io.StringIO())
    build = BenchDataBuilder(Sizes(articles=60, cases=30, partners=6, signatures=100), print)
    build.build()
    urls = public_urls(paged=True)
    few = query_counts(client, urls)

    build.sizes = Sizes(articles=600, cases=120, partners=60, signatures=1000)
    build.build()
    many = query_counts(client, urls)

    # A search page reads the objects of each kind on it: which kinds rank first may change.
    assert {url: count for url, count in many.items() if "/search/" not in url} == {
        url: count for url, count in few.items() if "/search/" not in url
    }
    assert max(many.values()) <= MAX_QUERIES, many
