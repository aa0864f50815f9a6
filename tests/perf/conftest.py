"""The benchmarks' data: the demo content and a generated coalition, made once and kept.

`make bench` runs on PostgreSQL with `--reuse-db`: the first run fills the test database
(minutes), later runs find the data there and start at once. A kept database that misses a
migration of the code is made again rather than migrated: a data migration over 100,000 rows
can take far longer than generating them anew.
"""

import io
import os

import pytest
from django.core.management import call_command

from coalition.demo.bulk import Sizes

ARTICLES = int(os.environ.get("BENCH_ARTICLES", "100000"))


def misses_migrations():
    """Whether a kept bench database exists whose migrations differ from the code's."""
    from django.db import OperationalError, connection
    from django.db.migrations.executor import MigrationExecutor

    # Looked at through the default connection, named as Django names the test database.
    settings_dict = connection.settings_dict
    name = settings_dict["NAME"]
    connection.close()
    settings_dict["NAME"] = connection.creation._get_test_db_name()
    try:
        executor = MigrationExecutor(connection)
        graph, applied = executor.loader.graph, executor.loader.applied_migrations
        if not applied:
            return False  # No database yet, or an empty one: made as usual.
        unknown = set(applied) - set(graph.nodes)
        return bool(unknown or executor.migration_plan(graph.leaf_nodes()))
    except OperationalError:
        return False
    finally:
        connection.close()
        settings_dict["NAME"] = name


@pytest.fixture(scope="session")
def django_db_createdb(request, django_db_blocker):
    """Make the database again (--create-db) when the kept one misses migrations."""
    if request.config.getvalue("create_db"):
        return True
    with django_db_blocker.unblock():
        stale = misses_migrations()
    if stale:
        print("\nThe kept bench database misses migrations: generating it again.")
    return stale


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
