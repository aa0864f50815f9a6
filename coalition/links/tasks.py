"""The link checker's background task; `celery beat` runs it weekly."""

import logging

from celery import shared_task

from . import checker, inventory

logger = logging.getLogger(__name__)


@shared_task(name="links.check_links", ignore_result=True)
def check_links():
    """Check every external link of published content, a few requests per host per minute."""
    try:
        summary = checker.check_links()
    except checker.RunInProgress:
        logger.warning("Link check skipped: another run is in progress")
        return
    logger.info(
        "Link check: %d checked, %d newly broken, %d forgotten",
        summary.checked,
        len(summary.newly_broken),
        summary.removed,
    )


@shared_task(name="links.sync_article", ignore_result=True)
def sync_article(article_id):
    """Bring one changed article's links up to date; sends no request to any other site."""
    sync_links(articles=[article_id])


@shared_task(name="links.sync_links", ignore_result=True)
def sync_links(articles=(), cases=(), partners=()):
    """Bring the links of changed objects up to date (a case's with its documents and
    events); sends no request to any other site: the weekly run checks new links."""
    scope = inventory.Scope(articles=tuple(articles), cases=tuple(cases), partners=tuple(partners))
    inventory.sync(inventory.published_links(scope=scope), scope=scope)
