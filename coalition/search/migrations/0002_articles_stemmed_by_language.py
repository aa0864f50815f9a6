"""Stem each article's text with its own language's configuration (PostgreSQL only).

Articles were indexed with SEARCH_CONFIG before they had a language; the text is built as
the first index migration builds it, from the historical models.
"""

import importlib

from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models import Value

from coalition.search.backends import text_search_config

first = importlib.import_module("coalition.search.migrations.0001_fill_search_index")


def stem_by_language(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    article_model = apps.get_model("articles", "Article")
    for article in article_model._default_manager.order_by("pk").iterator(chunk_size=500):
        config = text_search_config(article.language)
        title, summary, body = first.article_document(article)
        vector = (
            SearchVector(Value(title), weight="A", config=config)
            + SearchVector(Value(summary), weight="B", config=config)
            + SearchVector(Value(body), weight="C", config=config)
        )
        article_model._default_manager.filter(pk=article.pk).update(search_vector=vector)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_fill_search_index"),
        ("articles", "0012_translations"),
    ]

    operations = [
        migrations.RunPython(stem_by_language, migrations.RunPython.noop, elidable=False),
    ]
