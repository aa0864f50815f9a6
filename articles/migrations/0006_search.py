"""Search: a weighted full-text vector per row, with a GIN index on PostgreSQL only."""

import django.contrib.postgres.search
from django.db import migrations

from coalition.search.operations import PostgresGinIndex


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_workflow_permissions"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        PostgresGinIndex("articles_article", "search_vector", "articles_article_search_gin"),
    ]
