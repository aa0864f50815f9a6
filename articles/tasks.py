"""The articles app's background tasks, loaded by the Celery worker at start."""

import logging

from celery import shared_task

from . import workflow
from .notifications import workflow_mail
from .signatures import already_counted_mail, confirmation_mail

__all__ = ["already_counted_mail", "confirmation_mail", "publish_scheduled", "workflow_mail"]

logger = logging.getLogger(__name__)


@shared_task(name="articles.publish_scheduled", ignore_result=True)
def publish_scheduled():
    """Publish and unpublish what is due: `celery beat` runs this every minute."""
    went_live, taken_down = workflow.publish_due()
    if went_live or taken_down:
        logger.info(
            "Scheduled publishing: %d published, %d unpublished", len(went_live), len(taken_down)
        )
    return [article.pk for article in went_live], [article.pk for article in taken_down]
