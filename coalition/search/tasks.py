"""Search index updates too large for a request: a whole rebuild, or many objects at once."""

import logging

from celery import shared_task

from . import index, rebuild
from .sources import SOURCES

logger = logging.getLogger(__name__)


@shared_task(
    name="search.rebuild_index",
    ignore_result=True,
    autoretry_for=(Exception,),
    retry_backoff=60,
    max_retries=3,
)
def rebuild_index():
    """Index everything again (after a bulk change or a new SEARCH_CONFIG)."""
    rebuild()
    logger.info("Search index rebuilt")


@shared_task(
    name="search.index_objects",
    ignore_result=True,
    autoretry_for=(Exception,),
    retry_backoff=30,
    max_retries=5,
)
def index_objects(kind, pks):
    """Refresh the index of the `kind` objects with these primary keys (changed in bulk)."""
    model = SOURCES[kind].model
    for obj in model._default_manager.filter(pk__in=pks).order_by("pk").iterator(chunk_size=200):
        index(obj)
    return len(pks)
