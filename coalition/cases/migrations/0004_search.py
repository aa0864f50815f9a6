"""Search: a weighted full-text vector per row, with a GIN index on PostgreSQL only."""

import django.contrib.postgres.search
from django.db import migrations

from coalition.search.operations import PostgresGinIndex


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
        PostgresGinIndex("cases_litigationcase", "search_vector", "cases_litigationcase_search_gin"),
    ]
