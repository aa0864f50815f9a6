"""Search: a weighted full-text vector per row, with a GIN index on PostgreSQL only."""

import django.contrib.postgres.search
from django.db import migrations

from coalition.search.operations import PostgresGinIndex


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
        PostgresGinIndex("partners_partner", "search_vector", "partners_partner_search_gin"),
    ]
