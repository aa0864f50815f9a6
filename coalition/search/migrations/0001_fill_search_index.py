"""Fill in the search text of content that existed before search, so `migrate` is enough.

Indexes only what has no search text yet (a NULL vector on PostgreSQL, no row in the FTS5
table on SQLite), so running it on a database the signals kept up to date changes nothing.
The text is built here from the historical models, as this release indexes it, so that a
later change to the indexing code cannot break an upgrade from an older release.
"""

import html
import re

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models import Value
from django.utils.html import strip_tags

SQLITE_TABLE = "coalition_search_index"


def plain(*parts):
    return re.sub(r"\s+", " ", " ".join(part for part in parts if part)).strip()


def from_html(*parts):
    return plain(*(html.unescape(strip_tags(part)) for part in parts if part))


def article_document(article):
    return plain(article.title), plain(article.standfirst), from_html(article.body_html)


def case_document(case):
    return (
        plain(case.title, case.short_title),
        plain(case.summary),
        plain(from_html(case.facts_html, case.strategic_aim_html), case.rights_at_issue),
    )


def partner_document(partner):
    return (
        plain(partner.name, partner.short_name),
        plain(partner.summary),
        from_html(partner.description_html),
    )


KINDS = [
    ("article", "articles", "Article", article_document),
    ("case", "cases", "LitigationCase", case_document),
    ("partner", "partners", "Partner", partner_document),
]


def fill_search_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        fill_postgres(apps)
    elif connection.vendor == "sqlite" and has_fts_table(connection):
        fill_sqlite(apps, connection)


def fill_postgres(apps):
    config = settings.SEARCH_CONFIG
    for _kind, app_label, model_name, document in KINDS:
        model = apps.get_model(app_label, model_name)
        missing = model._default_manager.filter(search_vector__isnull=True).order_by("pk")
        for obj in missing.iterator(chunk_size=500):
            title, summary, body = document(obj)
            vector = (
                SearchVector(Value(title), weight="A", config=config)
                + SearchVector(Value(summary), weight="B", config=config)
                + SearchVector(Value(body), weight="C", config=config)
            )
            model._default_manager.filter(pk=obj.pk).update(search_vector=vector)


def has_fts_table(connection):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [SQLITE_TABLE]
        )
        return cursor.fetchone() is not None


def fill_sqlite(apps, connection):
    for kind, app_label, model_name, document in KINDS:
        model = apps.get_model(app_label, model_name)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT object_id FROM {SQLITE_TABLE} WHERE kind = %s", [kind])
            indexed = {int(row[0]) for row in cursor.fetchall()}
        for obj in model._default_manager.order_by("pk").iterator(chunk_size=500):
            if obj.pk in indexed:
                continue
            with connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {SQLITE_TABLE} (kind, object_id, title, summary, body) "
                    "VALUES (%s, %s, %s, %s, %s)",
                    [kind, obj.pk, *document(obj)],
                )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_search"),
        ("cases", "0004_search"),
        ("partners", "0004_search"),
        ("coalition", "0004_search"),
    ]

    operations = [
        migrations.RunPython(fill_search_index, migrations.RunPython.noop, elidable=False),
    ]
