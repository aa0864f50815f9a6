"""Addresses for places where no request is at hand, such as emails."""

from django.conf import settings


def site_url(path):
    """`path` as an absolute URL on the site's public address (SITE_URL)."""
    return settings.SITE_URL.rstrip("/") + path
