"""The link checker's background task; `celery beat` runs it weekly."""

import logging

from celery import shared_task

from . import checker

logger = logging.getLogger(__name__)


@shared_task(name="links.check_links", ignore_result=True)
def check_links():
    """Check every external link of published content, a few requests per host per minute."""
    summary = checker.check_links()
    logger.info(
        "Link check: %d checked, %d newly broken, %d forgotten",
        summary.checked,
        len(summary.newly_broken),
        summary.removed,
    )
