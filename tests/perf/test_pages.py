"""Benchmarks of the public pages people use most (`make bench`; not part of `make test`).

Each page is requested repeatedly over a coalition-sized database; the median time and the
peak memory of one request must stay under the targets below on the 2-core CI machine.
"""

import statistics
import time
import tracemalloc

import pytest

from tests import factories

TARGET_MEDIAN_SECONDS = 0.15
TARGET_PEAK_BYTES = 20 * 1024 * 1024
ROUNDS = 15


@pytest.fixture
def coalition(db):
    topics = [factories.TopicFactory() for _ in range(8)]
    partners = [factories.PartnerFactory() for _ in range(20)]
    cases = []
    for number in range(60):
        case = factories.LitigationCaseFactory(summary=f"Torture case number {number}.")
        case.topics.set(topics[number % 8 : number % 8 + 2])
        factories.ProceedingFactory(case=case)
        factories.CasePartnerFactory(case=case, partner=partners[number % 20])
        for _ in range(5):
            factories.CaseEventFactory(case=case)
        cases.append(case)
    articles = []
    for number in range(300):
        article = factories.ArticleFactory(
            body="Torture in custody and unfair trials. " * 80, cta_enabled=True, cta_prompt="Act."
        )
        article.topics.set(topics[number % 8 : number % 8 + 2])
        article.partners.set(partners[number % 20 : number % 20 + 2])
        article.cases.set(cases[number % 60 : number % 60 + 1])
        articles.append(article)
    return {"article": articles[0], "case": cases[0], "partner": partners[0]}


def measure(client, url):
    client.get(url)  # warm caches and templates
    timings = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200
    tracemalloc.start()
    client.get(url)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    median = statistics.median(timings)
    print(f"{url:<50} median {median * 1000:6.1f} ms  peak {peak / 1024 / 1024:5.1f} MiB")
    return median, peak


@pytest.mark.parametrize(
    "page",
    ["home", "articles", "article", "cases", "case", "partners", "partner", "search", "feed"],
)
def test_public_page_is_fast_and_light(client, coalition, page):
    urls = {
        "home": "/",
        "articles": "/articles/?topic=" + coalition["article"].topics.first().slug,
        "article": coalition["article"].get_absolute_url(),
        "cases": "/cases/",
        "case": coalition["case"].get_absolute_url(),
        "partners": "/partners/",
        "partner": coalition["partner"].get_absolute_url(),
        "search": "/search/?q=torture",
        "feed": "/feeds/articles/rss/",
    }
    median, peak = measure(client, urls[page])
    assert median < TARGET_MEDIAN_SECONDS
    assert peak < TARGET_PEAK_BYTES
