"""Search: a weighted full-text vector per row, with a GIN index on PostgreSQL only."""

import django.contrib.postgres.search
from django.db import migrations

INDEX = "cases_litigationcase_search_gin"


def create_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX {INDEX} ON cases_litigationcase USING gin (search_vector)")


def drop_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_case_version_document_partner"),
    ]

    operations = [
        migrations.AddField(
            model_name="litigationcase",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create_gin_index, drop_gin_index, elidable=False),
    ]
