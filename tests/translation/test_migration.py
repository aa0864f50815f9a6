"""The Russian names of topics and countries move into `translations`, and back."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("coalition", "0006_undelivered_mail")]
AFTER = [("coalition", "0007_translations")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def migrated_back(transactional_db):
    apps = migrate(BEFORE)
    yield apps
    executor = MigrationExecutor(connection)
    migrate(executor.loader.graph.leaf_nodes())


def test_russian_names_move_into_translations_and_back(migrated_back):
    Topic = migrated_back.get_model("coalition", "Topic")
    Country = migrated_back.get_model("coalition", "Country")
    Topic.objects.create(name="Torture", name_ru="Пытки", slug="torture", description="")
    Topic.objects.create(name="Fair trial", name_ru="", slug="fair-trial", description="")
    # An earlier transactional test may have emptied the countries the migrations load.
    Country.objects.update_or_create(
        code="KZ", defaults={"name": "Kazakhstan", "name_ru": "Казахстан", "slug": "kazakhstan"}
    )

    apps = migrate(AFTER)

    Topic = apps.get_model("coalition", "Topic")
    Country = apps.get_model("coalition", "Country")
    assert Topic.objects.get(slug="torture").translations == {"ru": {"name": "Пытки"}}
    assert Topic.objects.get(slug="fair-trial").translations == {}
    assert Country.objects.get(code="KZ").translations == {"ru": {"name": "Казахстан"}}
    assert "name_ru" not in {field.name for field in Topic._meta.get_fields()}
    kazakh = Topic.objects.get(slug="torture")
    kazakh.translations = {"ru": {"name": "Пытки"}, "kk": {"name": "Азаптау"}}
    kazakh.save()

    apps = migrate(BEFORE)

    Topic = apps.get_model("coalition", "Topic")
    Country = apps.get_model("coalition", "Country")
    assert Topic.objects.get(slug="torture").name_ru == "Пытки"
    assert Topic.objects.get(slug="fair-trial").name_ru == ""
    assert Country.objects.get(code="KZ").name_ru == "Казахстан"
