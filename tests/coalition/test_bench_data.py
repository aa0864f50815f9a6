"""generate_bench_data: a large coalition in bulk, made once, topped up on demand."""

import io

import pytest
from django.core.management import call_command

from articles.models import Article, Signature
from coalition import search
from coalition.cases.models import LitigationCase
from coalition.demo.bulk import BenchDataBuilder, Sizes
from partners.models import Partner

pytestmark = pytest.mark.django_db

SMALL = Sizes(articles=30, cases=6, partners=4, signatures=50)


def build(sizes):
    return BenchDataBuilder(sizes, report=lambda message: None).build()


def test_it_makes_what_is_asked_for_and_nothing_the_second_time():
    assert build(SMALL) == {"partners": 4, "cases": 6, "articles": 30, "signatures": 50}

    assert build(SMALL) == {"partners": 0, "cases": 0, "articles": 0, "signatures": 0}
    assert Article.objects.filter(slug__startswith="bench-").count() == 30
    assert Signature.objects.count() == 50


def test_a_larger_size_tops_the_data_up():
    build(SMALL)

    made = build(Sizes(articles=45, cases=6, partners=4, signatures=50))

    assert made["articles"] == 15
    assert Article.objects.filter(slug__startswith="bench-").count() == 45


def test_its_articles_are_published_linked_and_found_by_search():
    build(SMALL)

    articles = Article.objects.published().filter(slug__startswith="bench-")
    assert articles.count() == 30
    assert all(article.topics.exists() for article in articles)
    assert LitigationCase.objects.published().filter(slug__startswith="bench-").exists()
    assert Partner.objects.published().filter(slug__startswith="bench-").exists()
    assert search.search("torture").counts["article"] > 0


def test_the_command_says_when_there_is_nothing_to_add():
    sizes = ["--articles=10", "--cases=2", "--partners=2", "--signatures=5"]
    call_command("generate_bench_data", *sizes, stdout=io.StringIO())
    out = io.StringIO()

    call_command("generate_bench_data", *sizes, stdout=out)

    assert "nothing to add" in out.getvalue()
