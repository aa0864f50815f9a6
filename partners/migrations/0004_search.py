"""Search: a weighted full-text vector per row, with a GIN index on PostgreSQL only."""

import django.contrib.postgres.search
from django.db import migrations

INDEX = "partners_partner_search_gin"


def create_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX {INDEX} ON partners_partner USING gin (search_vector)")


def drop_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0003_partner_version_logo_variants"),
    ]

    operations = [
        migrations.AddField(
            model_name="partner",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create_gin_index, drop_gin_index, elidable=False),
    ]
