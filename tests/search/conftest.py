import pytest
from django.db import connection

from articles.models import Article
from coalition.cases.models import LitigationCase
from coalition.search.backends import SQLITE_TABLE
from partners.models import Partner


@pytest.fixture
def wipe_index(db):
    """Empty the search index behind the models' back, as a fresh database would be."""

    def wipe():
        if connection.vendor == "postgresql":
            for model in (Article, LitigationCase, Partner):
                model.objects.update(search_vector=None)
        else:
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {SQLITE_TABLE}")  # noqa: S608

    return wipe


@pytest.fixture
def index_rows(db):
    """How many rows the index holds for each kind."""

    def count():
        if connection.vendor == "postgresql":
            return {
                kind: model.objects.filter(search_vector__isnull=False).count()
                for kind, model in (
                    ("article", Article),
                    ("case", LitigationCase),
                    ("partner", Partner),
                )
            }
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT kind, count(*) FROM {SQLITE_TABLE} GROUP BY kind")  # noqa: S608
            return dict(cursor.fetchall())

    return count
