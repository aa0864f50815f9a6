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


# What keeps state or sends mail inside one process: fine on one machine, wrong on two.
IN_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}
LOCAL_MAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}
SINGLE_MACHINE_HINT = "or set ALLOW_SINGLE_MACHINE=True if this site runs on one machine only."


def single_machine_allowed():
    return settings.DEBUG or settings.ALLOW_SINGLE_MACHINE


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    """Cached pages and login lockouts must be shared by every app server."""
    backend = settings.CACHES["default"]["BACKEND"]
    if single_machine_allowed() or backend not in IN_PROCESS_CACHES:
        return []
    return [
        Error(
            f"The cache ({backend}) lives inside each process: app servers do not share "
            "cached pages or login lockouts.",
            hint=f"Set CACHE_URL=redis://host:6379/0, {SINGLE_MACHINE_HINT}",
            id="coalition.E101",
        )
    ]


@register(Tags.security, deploy=True)
def check_signature_rate_limit_is_shared(app_configs, **kwargs):
    """The 'Add your voice' rate limit counts in the cache: per process, it multiplies."""
    backend = settings.CACHES["default"]["BACKEND"]
    if single_machine_allowed() or backend not in IN_PROCESS_CACHES:
        return []
    return [
        Error(
            "The signature rate limit (SIGNATURE_RATE_LIMIT) counts in an in-process cache: "
            "each app server and worker process allows the full limit again.",
            hint=f"Set CACHE_URL=redis://host:6379/0, {SINGLE_MACHINE_HINT}",
            id="coalition.E102",
        )
    ]


@register(deploy=True)
def check_mail_is_sent(app_configs, **kwargs):
    """Production mail goes to a mail server, not to the console, files or memory."""
    backend = settings.EMAIL_BACKEND
    if single_machine_allowed() or backend not in LOCAL_MAIL_BACKENDS:
        return []
    return [
        Error(
            f"Mail is not sent: EMAIL_URL chooses {backend}, so readers never get their "
            "confirmation links.",
            hint="Set EMAIL_URL=smtp+tls://user:password@smtp.example.org:587, "
            + SINGLE_MACHINE_HINT,
            id="coalition.E103",
        )
    ]


@register(deploy=True)
def check_task_broker(app_configs, **kwargs):
    """Without a broker, mail is sent by the web process and nothing publishes on schedule."""
    if single_machine_allowed() or settings.CELERY_BROKER_URL:
        return []
    return [
        Error(
            "CELERY_BROKER_URL is empty: mail is sent by the web processes after each request "
            "and no scheduler publishes scheduled articles.",
            hint="Set CELERY_BROKER_URL=redis://host:6379/1 and run `make worker`, "
            + SINGLE_MACHINE_HINT,
            id="coalition.E104",
        )
    ]
