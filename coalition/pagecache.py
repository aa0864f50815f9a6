"""Whole cached pages for anonymous readers, invalidated exactly.

A public page is stored under its full address and its language, with the site's
*generation*: a random token in the (shared) cache that is replaced after every committed change
to anything a public page can show. A page is served only while its generation is the current
one (both are read in one round trip), so a new generation makes every stored page unreachable
at once, on every app server, and nothing has to know which pages showed what. Changes made
by the clock (an article going live or down at a set time) replace nothing: a page is never
kept past the next one of them.
"""

import contextlib
import datetime
import functools
import hashlib
import math
import secrets
import time

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import (
    get_conditional_response,
    has_vary_header,
    patch_cache_control,
    set_response_etag,
)
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import get_language, override

from coalition import request_memo
from coalition.middleware import request_language

GENERATION_KEY = "pagecache:generation"

# The cached pages, by URL name: the same for every anonymous reader, whoever asks. Previews,
# signature links, search, the portal, the admin, accounts and /healthz are not among them.
PUBLIC_PAGES = frozenset(
    {
        "home",
        "robots",
        "sitemap",
        "sitemap-section",
        "articles:list",
        "articles:detail",
        "partners:list",
        "partners:detail",
        "cases:list",
        "cases:detail",
    }
)
PUBLIC_NAMESPACES = frozenset({"feeds"})

# Our apps' models that no public page shows: saving them leaves every page as it was.
NEVER_PUBLIC = frozenset(
    {
        "articles.ArticleTransition",
        "articles.NotificationPreference",
        "coalition.EditPresence",
        "coalition.Revision",
        "links.LinkCheck",
        "links.LinkUse",
        "partners.Membership",
    }
)
# Models whose own app invalidates, for the changes that show: a signature counts on the
# article's page only once confirmed (articles/signatures.py), and signing happens in bursts.
INVALIDATED_BY_THEIR_APP = frozenset({"articles.Signature"})
OUR_PACKAGES = ("coalition", "partners", "articles")

_schedules = []


# Generations ------------------------------------------------------------------------------


def generation():
    """The current generation, read once per request."""
    return request_memo.remembered(GENERATION_KEY, read_generation)


def read_generation():
    """The current generation; a new one when the cache holds none (first use, or evicted)."""
    current = cache.get(GENERATION_KEY)
    if current is None:
        fresh = secrets.token_hex(8)
        cache.add(GENERATION_KEY, fresh, timeout=None)
        # Should the entry vanish again at once, a token nobody else has stores nothing stale.
        current = cache.get(GENERATION_KEY) or fresh
    return current


def invalidate():
    """Make every cached page unreachable, on every app server: a generation never used before."""
    request_memo.forget(GENERATION_KEY)
    cache.set(GENERATION_KEY, secrets.token_hex(8), timeout=None)


def invalidate_on_commit():
    """Invalidate once the change is committed, so no reader can cache what it replaces."""
    # A cache that is down must not fail the editor's request: its pages expire on their own.
    transaction.on_commit(invalidate, robust=True)


# Scheduled changes --------------------------------------------------------------------------


def register_schedule(next_change):
    """Let `next_change(now)` tell the next moment public pages change by the clock, or None."""
    _schedules.append(next_change)


def next_scheduled_change(current_generation, now):
    """The timestamp at which pages of this generation go stale by themselves (inf: never).

    Kept in the cache beside the pages, so that only the first miss of a generation asks the
    database; it expires when that moment comes.
    """
    key = f"pagecache:next-change:{current_generation}"
    moment = cache.get(key)
    if moment is None or moment <= now:
        when = datetime.datetime.fromtimestamp(now, tz=datetime.UTC)
        moments = [change(when) for change in _schedules]
        moment = min((found.timestamp() for found in moments if found), default=math.inf)
        lifetime = math.floor(min(settings.PAGE_CACHE_TIMEOUT, moment - now))
        if lifetime >= 1:
            cache.set(key, moment, timeout=lifetime)
    return moment


# What pages are made of ------------------------------------------------------------------

_kept = {}
KEPT_IN_PROCESS = 64


def kept(name, build, in_process=True):
    """`build()`'s value, made once per generation and language and then kept.

    For what many pages compute from the database alike (a filter form's hundreds of
    choices, a list's count): held in the shared cache, and in this process's memory unless
    `in_process` is false (for values of many kinds, such as a count per filter), gone with the
    pages at the next generation, and never kept past the next scheduled change. `build` must
    return something picklable that depends only on the database and the active language.
    """
    now = time.time()
    current_generation = generation()
    language = get_language()
    local_key = (name, current_generation, language)
    entry = _kept.get(local_key)
    if entry is not None and entry[0] > now:
        return entry[1]
    key = f"pagecache:kept:{current_generation}:{language}:{name}"
    entry = cache.get(key)
    if entry is None or entry[0] <= now:
        # Read before building, as for pages: a change committed meanwhile is a new generation.
        scheduled = next_scheduled_change(current_generation, now)
        expires = min(now + settings.PAGE_CACHE_TIMEOUT, scheduled)
        entry = (expires, build())
        lifetime = math.floor(expires - now)
        if lifetime < 1:
            return entry[1]
        cache.set(key, entry, timeout=lifetime)
    if in_process:
        # What older generations kept is never asked for again: dropped rather than grown.
        for old in [old for old in _kept if old[1] != current_generation]:
            del _kept[old]
        if len(_kept) >= KEPT_IN_PROCESS:
            _kept.clear()
        _kept[local_key] = entry
    return entry[1]


# The middleware ---------------------------------------------------------------------------


def is_public_page(request, language):
    return _is_public_path(request.path_info, getattr(request, "urlconf", None), language)


@functools.lru_cache(maxsize=1024)
def _is_public_path(path, urlconf, language):
    # Remembered: every request asks, and a cache hit is otherwise little more than this. The
    # language prefix of a path matches only while its language is active.
    try:
        with override(language):
            match = resolve(path, urlconf)
    except Resolver404:
        return False
    return match.view_name in PUBLIC_PAGES or match.namespace in PUBLIC_NAMESPACES


@receiver(setting_changed)
def _forget_paths(setting, **kwargs):
    """Other URLs or languages (in tests) resolve anew, as Django's own URL caches do."""
    if setting in ("ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE"):
        _is_public_path.cache_clear()


def is_anonymous_read(request):
    """A GET or HEAD without a session (nobody logged in) and without messages to show."""
    return request.method in ("GET", "HEAD") and not (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or CookieStorage.cookie_name in request.COOKIES
    )


def page_key(request, language):
    """Where the page of this address and language is stored, with the generation it is of."""
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    # The version of the stored entry's form: one of another release is never read.
    return f"pagecache:page:v2:{language}:{address}"


def is_storable(response):
    """A whole, successful page that is the same for every anonymous reader."""
    csp = response.get("Content-Security-Policy", "") + response.get(
        "Content-Security-Policy-Report-Only", ""
    )
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not has_vary_header(response, "Cookie")
        and not response.has_header("Cache-Control")
        # A nonce is for one response only.
        and "'nonce-" not in csp
    )


# The request headers of a conditional GET; without them a stored page is sent as it is.
CONDITIONS = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
)


def finish(request, response, expires, now, etag, last_modified):
    """Say how long others may keep the page, and answer a conditional GET with 304."""
    lifetime = max(0, math.floor(expires - now))
    max_age = min(settings.PAGE_CACHE_MAX_AGE, lifetime)
    s_maxage = min(settings.PAGE_CACHE_S_MAXAGE, lifetime)
    # As patch_cache_control() writes it; the stored page has no Cache-Control of its own.
    response["Cache-Control"] = f"public, max-age={max_age}, s-maxage={s_maxage}"
    if any(header in request.META for header in CONDITIONS):
        return get_conditional_response(
            request, etag=etag, last_modified=last_modified, response=response
        )
    return response


class PageCacheMiddleware:
    """Serve anonymous readers' public pages from the cache, without the database or templates.

    Listed before LocaleMiddleware, so that a stored page is served without its work (the
    page's language is found as it would find it), and before the middleware whose headers
    belong to the page (locale, sessions, CSRF, CSP): its response is stored as it leaves.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_ENABLED:
            return self.get_response(request)
        language = request_language(request)
        if not is_public_page(request, language):
            return self.get_response(request)
        if not is_anonymous_read(request):
            return self.uncached(self.get_response(request))
        now = time.time()
        key = page_key(request, language)
        # The generation and the page in one round trip; a page of another generation is old.
        found = cache.get_many([GENERATION_KEY, key])
        current_generation = found.get(GENERATION_KEY) or generation()
        request_memo.remember(GENERATION_KEY, current_generation)
        entry = found.get(key)
        if entry is not None and entry[0] == current_generation:
            _generation, status, headers, content, expires, etag, last_modified = entry
            response = HttpResponse(content, status=status, headers=headers)
            return finish(request, response, expires, now, etag, last_modified)
        # Read before the page is made: a change committed while it is made gives a new
        # generation, and this page is then stored as one of an old generation, never served.
        scheduled = next_scheduled_change(current_generation, now)
        expires = min(now + settings.PAGE_CACHE_TIMEOUT, scheduled)
        request.is_anonymous_read = True
        response = self.get_response(request)
        lifetime = math.floor(expires - now)
        if (
            lifetime < 1
            or not is_storable(response)
            # Stored only under the language it was made in.
            or getattr(request, "LANGUAGE_CODE", None) != language
        ):
            return self.uncached(response)
        if not response.has_header("ETag"):
            set_response_etag(response)
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date(now)
        etag = response["ETag"]
        last_modified = parse_http_date_safe(response["Last-Modified"])
        headers = list(response.items())
        entry = (
            current_generation,
            response.status_code,
            headers,
            response.content,
            expires,
            etag,
            last_modified,
        )
        cache.set(key, entry, timeout=lifetime)
        return finish(request, response, expires, now, etag, last_modified)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(request, "is_anonymous_read", False):
            # Without a session cookie nobody is logged in. Said outright, so that reading the
            # user does not open the (empty) session, which would make the page vary on Cookie.
            request.user = AnonymousUser()

    @staticmethod
    def uncached(response):
        """What is not stored here is not stored by a shared cache either."""
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True)
        return response


# What invalidates -------------------------------------------------------------------------


def is_shown_to_public(model):
    """Whether a public page may show rows of `model` (any model of ours, unless listed)."""
    package = model._meta.app_config.name.partition(".")[0]
    return package in OUR_PACKAGES and model._meta.label not in NEVER_PUBLIC


def invalidate_now_and_on_commit():
    """A new generation at once and another on commit.

    At once, so that this process (and a test, which never commits) never reads what `kept`
    made before its own change; on commit, so that what others read meanwhile, before the
    change was visible to them, is left behind too.
    """
    # A cache that is down must not fail the editor's save: its pages expire on their own.
    with contextlib.suppress(Exception):
        invalidate()
    invalidate_on_commit()


def _saved_or_deleted(sender, **kwargs):
    invalidate_now_and_on_commit()


def _relations_changed(sender, action, **kwargs):
    if action.startswith("post_"):
        invalidate_now_and_on_commit()


def connect_signals():
    """Invalidate after every save, delete and relation change of what the public may see.

    Queryset update() sends no signal: code that changes public content with it invalidates
    itself (see `signatures.confirm`).
    """
    for model in apps.get_models(include_auto_created=True):
        if not is_shown_to_public(model) or model._meta.label in INVALIDATED_BY_THEIR_APP:
            continue
        uid = f"pagecache:{model._meta.label}"
        post_save.connect(_saved_or_deleted, sender=model, dispatch_uid=uid)
        post_delete.connect(_saved_or_deleted, sender=model, dispatch_uid=uid)
        # The sender of m2m_changed is the relation's through model.
        m2m_changed.connect(_relations_changed, sender=model, dispatch_uid=uid)
