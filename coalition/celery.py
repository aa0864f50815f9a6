"""The Celery application: mail, image variants, search updates and scheduled publishing.

With CELERY_BROKER_URL empty (`make run`, the tests) every task runs in the web process
right after the transaction that asked for it commits; production runs `make worker`.
"""

import logging.config
import os

from celery import Celery
from celery.signals import setup_logging

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalition.settings")

app = Celery("coalition")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Tasks of the installed apps, plus the site-level packages that are not apps.
app.autodiscover_tasks()
app.autodiscover_tasks(["coalition.portal", "coalition.search"])


@setup_logging.connect
def use_the_sites_logging(**kwargs):
    """The worker logs as the web processes do (settings.LOGGING), at LOG_LEVEL."""
    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)
