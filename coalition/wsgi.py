"""WSGI entry point, used by gunicorn: `gunicorn coalition.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalition.settings")

application = get_wsgi_application()

from coalition.checks import refuse_development_secret_key  # noqa: E402 - needs settings loaded

refuse_development_secret_key()
