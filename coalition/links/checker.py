"""A run of the link checker: bring the rows up to date, then check each URL once."""

import contextlib
import logging
import secrets
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from itertools import chain
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from . import inventory
from .models import LinkCheck, LinkUse
from .probe import HostThrottle, Outcome, Prober

logger = logging.getLogger(__name__)

RUN_LOCK_KEY = "links:check-running"
# Long enough for a big week's run; a worker killed midway frees it after this at the latest.
RUN_LOCK_SECONDS = 6 * 60 * 60


class RunInProgress(Exception):
    """Another run is checking links now: two at once would ask each host twice as often."""


@contextlib.contextmanager
def one_run_at_a_time():
    """Hold the run lock in the shared cache, so that the per-host limit holds across
    processes (beat's weekly run and someone's `check_links` on another machine)."""
    token = secrets.token_hex(8)
    if not cache.add(RUN_LOCK_KEY, token, timeout=RUN_LOCK_SECONDS):
        raise RunInProgress
    try:
        yield
    finally:
        if cache.get(RUN_LOCK_KEY) == token:
            cache.delete(RUN_LOCK_KEY)


def user_agent():
    """Names the checker, the site and where to find out more, as polite robots do."""
    return f"{settings.SITE_NAME} link checker (+{settings.SITE_URL})"


def prober(clock=None, sleep=None):
    throttle_options = {"clock": clock, "sleep": sleep}
    throttle = HostThrottle(
        settings.LINK_CHECK_PER_HOST_PER_MINUTE,
        **{name: value for name, value in throttle_options.items() if value is not None},
    )
    return Prober(
        user_agent=user_agent(),
        timeout=settings.LINK_CHECK_TIMEOUT,
        max_redirects=settings.LINK_CHECK_MAX_REDIRECTS,
        throttle=throttle,
        allow_loopback=settings.LINK_CHECK_ALLOW_LOOPBACK,
    )


def by_turns(links):
    """The links with their hosts taking turns, so that one busy host keeps no other waiting."""
    queues = defaultdict(deque)
    for link in links:
        try:
            host = urlsplit(link.url).hostname or ""
        except ValueError:
            host = ""
        queues[host].append(link)
    rounds = []
    while queues:
        rounds.append([queue.popleft() for queue in queues.values()])
        queues = {host: queue for host, queue in queues.items() if queue}
    return list(chain.from_iterable(rounds))


@dataclass
class Summary:
    checked: int = 0
    removed: int = 0
    results: Counter = field(default_factory=Counter)
    newly_broken: list = field(default_factory=list)


def check_links(links=None, *, articles=None, probe=None, on_checked=None):
    """Sync the rows with published content, then check `links` (default: every row).

    `articles` limits both to those articles' links. One URL failing in any way is recorded
    as broken and the run goes on. Raises RunInProgress while another run holds the lock.
    """
    scope = inventory.Scope(articles=tuple(articles)) if articles else None
    with one_run_at_a_time():
        return _check_links(links, scope, probe, on_checked)


def _check_links(links, scope, probe, on_checked):
    summary = Summary()
    found = inventory.published_links(scope=scope)
    summary.removed = inventory.sync(found, scope=scope)
    if links is None:
        links = LinkCheck.objects.all()
        if scope:
            links = links.filter(pk__in=LinkUse.objects.filter(scope.uses()).values("link"))
    probe = probe or prober()
    for link in by_turns(list(links)):
        was_broken = link.status == LinkCheck.Status.BROKEN
        try:
            outcome = probe.check(link.url)
        except Exception:
            # A bug meeting one strange site must not end the week's run.
            logger.exception("Checking %s failed", link.url)
            outcome = Outcome(link.url, error=LinkCheck.Error.UNKNOWN)
        link.record(outcome, timezone.now())
        summary.checked += 1
        summary.results[link.get_status_display_full()] += 1
        if not outcome.ok and not was_broken:
            summary.newly_broken.append(link)
        if on_checked:
            on_checked(link)
    return summary
