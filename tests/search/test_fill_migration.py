"""`migrate` fills in the search text of content that has none, such as after an upgrade."""

import importlib
import types

import pytest
from django.apps import apps
from django.db import connection

from coalition.search import search
from coalition.search.backends import SQLITE_TABLE
from tests import factories

pytestmark = pytest.mark.django_db

fill = importlib.import_module("coalition.search.migrations.0001_fill_search_index")


def forget_search_text():
    """The state of a database from before search: rows without search text."""
    if connection.vendor == "postgresql":
        for model in (
            apps.get_model("articles", "Article"),
            apps.get_model("partners", "Partner"),
        ):
            model.objects.update(search_vector=None)
    else:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {SQLITE_TABLE}")  # noqa: S608


def run_migration():
    # What RunPython hands the function: the app registry and the database's schema editor.
    fill.fill_search_index(apps, types.SimpleNamespace(connection=connection))


def test_content_without_search_text_is_found_after_the_migration():
    factories.ArticleFactory(title="Torture in Kazakhstan", slug="torture")
    factories.PartnerFactory(name="Almaty Bureau", slug="almaty")
    forget_search_text()
    assert search("Kazakhstan").count() == 0

    run_migration()

    assert search("Kazakhstan").count() == 1
    assert search("Almaty").count() == 1


def test_running_it_again_changes_nothing():
    factories.ArticleFactory(title="Torture in Kazakhstan", slug="torture")
    run_migration()
    run_migration()
    assert search("Kazakhstan").count() == 1
