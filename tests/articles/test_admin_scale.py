"""The article list at scale: counted from the database's statistics, its years found by probes."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from articles.models import Article
from articles.templatetags.article_admin import YearProbes
from coalition import paging
from tests import factories

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's statistics"
)


def published_in(year, count=1):
    moment = datetime.datetime(year, 6, 1, 12, tzinfo=datetime.UTC)
    return [
        factories.ArticleFactory(first_published_at=moment, title=f"Story of {year} no. {n}")
        for n in range(count)
    ]


def analyse():
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")


def test_small_or_narrowed_lists_are_counted_exactly(monkeypatch):
    published_in(2020, count=3)
    if connection.vendor == "postgresql":
        analyse()

    assert paging.EstimatedCountPaginator(Article.objects.all(), 2).count == 3
    monkeypatch.setattr(paging, "ESTIMATE_FROM", 1)
    narrowed = Article.objects.filter(title__endswith="no. 0")
    assert paging.estimated_count(narrowed) is None
    assert paging.EstimatedCountPaginator(narrowed, 2).count == 1
    assert paging.estimated_count(Article.objects.distinct()) is None
    assert paging.estimated_count(Article.objects.all()[:2]) is None


@on_postgresql
def test_a_whole_large_table_is_counted_from_the_statistics(monkeypatch):
    published_in(2020, count=5)
    analyse()
    monkeypatch.setattr(paging, "ESTIMATE_FROM", 1)
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'articles_article'")
        estimate = int(cursor.fetchone()[0])

    paginator = paging.EstimatedCountPaginator(Article.objects.order_by("pk"), 2)

    assert paginator.count == estimate == 5
    # The last page also shows what an estimate that is too low would miss.
    Article.objects.bulk_create(
        [Article(title=f"Unanalysed {n}", slug=f"unanalysed-{n}") for n in range(2)]
    )
    last = paging.EstimatedCountPaginator(Article.objects.order_by("pk"), 2).page(3)
    assert len(last.object_list) == 3


def test_the_year_probes_find_the_years_django_finds():
    for year in (2015, 2016, 2019):
        published_in(year, count=2)
    factories.ArticleFactory(first_published_at=None, status="draft", publish_at=None)
    articles = Article.objects.order_by("-first_published_at")

    probed = YearProbes(articles).datetimes("first_published_at", "year")

    assert [moment.year for moment in probed] == [2015, 2016, 2019]
    assert list(probed) == list(articles.datetimes("first_published_at", "year"))
    assert list(YearProbes(articles.none()).datetimes("first_published_at", "year")) == []


def test_the_article_list_offers_the_years_with_articles(admin_client):
    published_in(2016)
    published_in(2019)

    response = admin_client.get(reverse("admin:articles_article_changelist"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "first_published_at__year=2016" in html
    assert "first_published_at__year=2019" in html
    assert "first_published_at__year=2017" not in html
