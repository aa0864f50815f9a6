"""Checks that production settings are safe to serve with."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage
from django.utils.module_loading import import_string

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", ""}


def refuse_development_secret_key():
    """Stop a production server that would sign links and sessions with the public key."""
    if not settings.DEBUG and settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY:
        raise ImproperlyConfigured(
            "SECRET_KEY is the public development key: set a long random SECRET_KEY."
        )


@register(Tags.security, deploy=True)
def check_site_url(app_configs, **kwargs):
    """Emails and feeds carry SITE_URL: in production it must be the public HTTPS address."""
    url = urlsplit(settings.SITE_URL)
    if url.scheme != "https" or url.hostname in LOCAL_HOSTS or url.hostname is None:
        return [
            Error(
                f"SITE_URL is {settings.SITE_URL!r}; links in emails would not reach readers.",
                hint="Set SITE_URL to the site's public address, such as https://example.org.",
                id="coalition.E001",
            )
        ]
    return []


def _backend_class(alias):
    return import_string(settings.STORAGES[alias]["BACKEND"])


@register(Tags.files)
def check_media_buckets(app_configs, **kwargs):
    """Object storage needs both buckets, and documents must never share the public one."""
    if settings.MEDIA_STORAGE != "s3":
        return []
    public, private = settings.PUBLIC_MEDIA_BUCKET, settings.PRIVATE_MEDIA_BUCKET
    if not public or not private:
        return [
            Error(
                "MEDIA_STORAGE is s3 but PUBLIC_MEDIA_BUCKET or PRIVATE_MEDIA_BUCKET is empty.",
                hint="Name a bucket for public media and another for case documents.",
                id="coalition.E020",
            )
        ]
    if public == private:
        return [
            Error(
                "PUBLIC_MEDIA_BUCKET and PRIVATE_MEDIA_BUCKET are the same bucket; confidential "
                "documents would be readable by anyone who guesses their address.",
                hint="Keep case documents in a bucket of their own, with no public policy.",
                id="coalition.E021",
            )
        ]
    return []


@register(Tags.files, deploy=True)
def check_shared_media(app_configs, **kwargs):
    """Media on one machine's disk is missing on every other app server."""
    if settings.ALLOW_SINGLE_MACHINE:
        return []
    local = [
        alias
        for alias in ("default", "private")
        if issubclass(_backend_class(alias), FileSystemStorage)
    ]
    if not local:
        return []
    return [
        Error(
            f"Uploads are kept on this machine's disk (storage {', '.join(local)}); a second "
            "app server would not have them.",
            hint="Set MEDIA_STORAGE=s3 with its buckets, or ALLOW_SINGLE_MACHINE=True for an "
            "install with a single app server.",
            id="coalition.E022",
        )
    ]
