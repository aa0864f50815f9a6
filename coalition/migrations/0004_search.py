"""Search on SQLite: one FTS5 table for articles, cases and partners, when SQLite has FTS5."""

from django.db import DatabaseError, migrations, transaction

CREATE_TABLE = """
CREATE VIRTUAL TABLE IF NOT EXISTS coalition_search_index USING fts5(
    kind UNINDEXED,
    object_id UNINDEXED,
    title,
    summary,
    body,
    tokenize = 'porter unicode61 remove_diacritics 2'
)
"""


def create_search_table(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute(CREATE_TABLE)
    except DatabaseError:
        # SQLite built without FTS5: the site searches with plain matching instead.
        pass


def drop_search_table(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS coalition_search_index")


class Migration(migrations.Migration):
    dependencies = [
        ("coalition", "0003_russian_names_revisions_presence"),
    ]

    operations = [
        migrations.RunPython(create_search_table, drop_search_table, elidable=False),
    ]
