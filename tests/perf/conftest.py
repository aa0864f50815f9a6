"""The benchmarks' data: the demo content and a generated coalition, made once and kept.

`make bench` runs on PostgreSQL with `--reuse-db`: the first run fills the test database
(minutes), later runs find the data there and start at once.
"""

import io
import os

import pytest
from django.core.management import call_command

from coalition.demo.bulk import Sizes

ARTICLES = int(os.environ.get("BENCH_ARTICLES", "100000"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from articles.models import Article

        if not Article.objects.exclude(slug__startswith="bench-").exists():
            call_command("seed_demo", stdout=io.StringIO())
        sizes = Sizes(articles=ARTICLES)
        call_command(
            "generate_bench_data",
            articles=sizes.articles,
            cases=sizes.cases,
            partners=sizes.partners,
            signatures=sizes.signatures,
        )
        if os.environ.get("DATABASE_URL", "").startswith("postgres"):
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")


@pytest.fixture(autouse=True)
def _bench_settings(settings):
    """Production settings, every page rendered (no page cache), no debug bookkeeping."""
    settings.DEBUG = False
    settings.PAGE_CACHE_ENABLED = False
    settings.ALLOWED_HOSTS = ["testserver"]
