"""ASGI entry point, for servers that speak ASGI."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalition.settings")

application = get_asgi_application()

from coalition.checks import refuse_development_secret_key  # noqa: E402 - needs settings loaded

refuse_development_secret_key()
