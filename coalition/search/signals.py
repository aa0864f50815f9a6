"""Keep the search index in step with every save and delete of an article, case or partner."""

from django.db.models.signals import post_delete, post_save

from . import index, remove
from .sources import SOURCES, source_for_model


def update_index(sender, instance, update_fields=None, **kwargs):
    indexed = source_for_model(sender).indexed_fields
    if update_fields is not None and not indexed.intersection(update_fields):
        return
    index(instance)


def remove_from_index(sender, instance, **kwargs):
    remove(instance)


for source in SOURCES.values():
    post_save.connect(update_index, sender=source.model, dispatch_uid=f"search-{source.kind}")
    post_delete.connect(
        remove_from_index, sender=source.model, dispatch_uid=f"search-{source.kind}"
    )
