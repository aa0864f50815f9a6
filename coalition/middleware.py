"""Site-wide middleware: the language of each request, the security headers of every answer,
each request's log line and id, and the answer given while the database cannot be reached."""

import functools
import logging
import time

from django.conf import settings
from django.core.signals import setting_changed
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpResponse
from django.middleware import locale
from django.template.loader import render_to_string
from django.urls import is_valid_path
from django.urls.base import get_urlconf
from django.utils import translation

from coalition import logs

request_logger = logging.getLogger("coalition.requests")
outage_logger = logging.getLogger("coalition.outage")


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's LocaleMiddleware, keeping the cookie and browser choice outside i18n_patterns.

    With prefix_default_language=False Django serves every unprefixed URL in the default
    language; the admin, the portal and the feeds have no language prefix, so their readers
    would lose their language.
    """

    def process_request(self, request):
        super().process_request(request)
        if not has_language_urls(request):
            translation.activate(translation.get_language_from_request(request))
            request.LANGUAGE_CODE = translation.get_language()


def has_language_urls(request):
    """Whether this address is a page that also exists under a language prefix."""
    if translation.get_language_from_path(request.path_info):
        return True
    urlconf = getattr(request, "urlconf", None) or get_urlconf(settings.ROOT_URLCONF)
    other = next(code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE)
    return has_prefixed_path(request.path_info, urlconf, other)


def request_language(request):
    """The language LocaleMiddleware above gives this request, found without activating it.

    For the page cache, which serves stored pages before LocaleMiddleware runs.
    """
    from_path = translation.get_language_from_path(request.path_info)
    if from_path:
        return from_path
    if has_language_urls(request):
        return settings.LANGUAGE_CODE
    return translation.get_language_from_request(request)


@functools.lru_cache(maxsize=1024)
def has_prefixed_path(path, urlconf, language):
    """Whether `path` exists under `language`'s prefix; remembered, as every request asks."""
    with translation.override(language):
        return is_valid_path(f"/{language}{path}", urlconf)


@receiver(setting_changed)
def forget_prefixed_paths(setting, **kwargs):
    """Other URLs or languages (in tests) resolve anew, as Django's own URL caches do."""
    if setting in ("ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE"):
        has_prefixed_path.cache_clear()


class PermissionsPolicyMiddleware:
    """Switch off the browser features in `PERMISSIONS_POLICY_DISABLED` on every answer."""

    def __init__(self, get_response):
        self.get_response = get_response
        disabled = settings.PERMISSIONS_POLICY_DISABLED
        self.header = ", ".join(f"{feature}=()" for feature in disabled)

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class RequestLogMiddleware:
    """One log line per request (method, path, status, duration), under a request id that
    every other line logged meanwhile carries too, and that the response echoes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = logs.new_request_id(request.headers.get("X-Request-ID", ""))
        token = logs.request_id.set(request.id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request.id
            if not request_logger.isEnabledFor(logging.INFO):
                return response
            request_logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                },
            )
            return response
        finally:
            logs.request_id.reset(token)


class DatabaseOutageMiddleware:
    """A database that cannot be reached answers 503 with Retry-After, and a page saying
    that nothing was stored and the form can be sent again: never a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_OUTAGE_ERRORS):
            return database_outage_response(request, exception)
        return None


# Errors of the connection to the database, not of a query (IntegrityError, DataError…).
DATABASE_OUTAGE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def database_outage_response(request, exception):
    """The 503 page; rendered without the request's context, which would query the database."""
    outage_logger.error(
        "Database unavailable: %s %s answered 503",
        request.method,
        request.path,
        exc_info=(type(exception), exception, exception.__traceback__),
    )
    sent = request.method == "POST"
    # What was typed, to send again as it was: never a password; files cannot be kept.
    fields = [
        (name, value)
        for name, values in (request.POST.lists() if sent else [])
        for value in values
        if "password" not in name.lower()
    ]
    context = {
        "sent": sent,
        "fields": fields,
        "had_files": sent and bool(request.FILES),
        "action": request.get_full_path(),
        "retry_after": RETRY_AFTER_SECONDS,
    }
    response = HttpResponse(
        render_to_string("503.html", context), status=503, content_type="text/html"
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    # Logged above, once: Django need not log it again as a server error.
    response._has_been_logged = True
    return response
