"""Benchmarks of the public pages and the admin at 100,000 articles (`make bench`).

Not part of `make test`: each page is requested repeatedly, uncached, over the generated
coalition (tests/perf/conftest.py); the median time and the peak memory of one request must
stay under the targets of issue 10. The in-process timings leave out the network and the
WSGI server: `make bench-http` measures those.
"""

import statistics
import time
import tracemalloc

import pytest

from articles.models import Article
from coalition.cases.models import LitigationCase
from coalition.models import Topic
from partners.models import Partner
from tests import factories

TARGET_MEDIAN_SECONDS = 0.100
TARGET_SEARCH_P99_SECONDS = 0.200
TARGET_ADMIN_MEDIAN_SECONDS = 0.300
TARGET_PEAK_BYTES = 20 * 1024 * 1024
ROUNDS = 15

pytestmark = pytest.mark.django_db


def measure(client, url, rounds=ROUNDS):
    """Median and peak memory of `url`, after one request that warms the process."""
    response = client.get(url)
    assert response.status_code == 200, url
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200
    tracemalloc.start()
    client.get(url)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    median = statistics.median(timings)
    print(
        f"\n{url:<58} median {median * 1000:6.1f} ms  max {max(timings) * 1000:6.1f} ms"
        f"  peak {peak / 1024 / 1024:5.1f} MiB",
        end="",
    )
    return median, peak


def public_url(page):
    published = Article.objects.published()
    newest = published.newest_first().first()
    topic = Topic.objects.filter(slug="torture-prevention").first() or Topic.objects.first()
    case = LitigationCase.objects.published().order_by("-pk").first()
    partner = Partner.objects.published().order_by("-pk").first()
    return {
        "home": "/",
        "home-ru": "/ru/",
        "article": newest.get_absolute_url(),
        "article-with-voice": published.filter(cta_enabled=True).first().get_absolute_url(),
        "articles": "/articles/",
        "articles-ru": "/ru/articles/",
        "articles-filtered": f"/articles/?topic={topic.slug}&year={newest.display_date.year}",
        "articles-deep": "/articles/?page=500",
        "partners": "/partners/",
        "partner": partner.get_absolute_url(),
        "cases": "/cases/",
        "case": case.get_absolute_url(),
        "search": "/search/?q=torture",
        "search-rare": "/search/?q=habeas",
        "feed": "/feeds/articles/rss/",
        "sitemap": "/sitemap.xml",
        "sitemap-page": "/sitemap-articles.xml?p=10",
    }[page]


@pytest.mark.parametrize(
    "page",
    [
        "home",
        "home-ru",
        "article",
        "article-with-voice",
        "articles",
        "articles-ru",
        "articles-filtered",
        "articles-deep",
        "partners",
        "partner",
        "cases",
        "case",
        "search",
        "search-rare",
        "feed",
        "sitemap",
    ],
)
def test_public_page_is_fast_and_light_at_scale(client, page):
    median, peak = measure(client, public_url(page))

    assert median < TARGET_MEDIAN_SECONDS
    assert peak < TARGET_PEAK_BYTES


def test_a_sitemap_page_of_five_thousand_urls_stays_light(client):
    """Each sitemap page reads its rows only, whatever the number of articles."""
    median, peak = measure(client, public_url("sitemap-page"), rounds=3)

    assert peak < 4 * TARGET_PEAK_BYTES


SEARCH_WORDS = [
    "torture",
    "court",
    "detention prison",
    "lawyer",
    "habeas",
    "extradition",
    "journalist protest",
    "ombudsperson",
    "freedom of expression",
    "zzzz-nothing",
]


def test_search_p99_stays_under_target_at_scale(client):
    for word in SEARCH_WORDS:
        client.get("/search/", {"q": word})
    timings = []
    for _ in range(5):
        for word in SEARCH_WORDS:
            start = time.perf_counter()
            response = client.get("/search/", {"q": word})
            timings.append(time.perf_counter() - start)
            assert response.status_code == 200
    p99 = statistics.quantiles(timings, n=100)[98]
    print(
        f"\nsearch over {len(timings)} queries: median "
        f"{statistics.median(timings) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms",
        end="",
    )

    assert p99 < TARGET_SEARCH_P99_SECONDS


@pytest.mark.parametrize("page", ["/admin/", "/admin/articles/article/"])
def test_admin_article_list_and_dashboard_answer_quickly_at_scale(client, page):
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))

    median, _peak = measure(client, page, rounds=7)

    assert median < TARGET_ADMIN_MEDIAN_SECONDS
