"""Login protection beyond django-axes: a per-username limit on guessing from many addresses.

django-axes locks a username at one client address after AXES_FAILURE_LIMIT failures. Someone
guessing from many addresses never hits that lock, so failures are also counted per username,
from any address, in fixed windows of LOGIN_USERNAME_FAILURE_WINDOW seconds. Past
LOGIN_USERNAME_FAILURE_LIMIT, the username can only log in from an address where it logged in
successfully within LOGIN_KNOWN_ADDRESS_DAYS: its owner, at their usual place, still gets in;
the guesses from elsewhere fail, even with the right password, until the window ends.

axes' own counts live in the shared cache too (`LoginLockHandler`), so that every app server
sees the same locks.
"""

import hashlib
import time

from axes.handlers.cache import AxesCacheHandler
from axes.helpers import get_cache, get_cache_timeout, get_client_username
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver

from coalition.clients import client_address

# Set on the request when the limit refused a login, so that the login page can say why.
THROTTLED_ATTRIBUTE = "login_throttled"


def _username_key(username):
    # Usernames are user input of any length and alphabet; the cache key is bounded.
    return hashlib.sha256(username.encode()).hexdigest()[:32]


def _failures_key(username, now):
    window = int(now // settings.LOGIN_USERNAME_FAILURE_WINDOW)
    return f"login:failures:{_username_key(username)}:{window}"


def _known_key(username, address):
    return f"login:known:{_username_key(username)}:{address}"


def count_failure(username, now=None):
    """Count one failed login for `username` in the current window; return the count."""
    key = _failures_key(username, time.time() if now is None else now)
    cache.add(key, 0, timeout=settings.LOGIN_USERNAME_FAILURE_WINDOW)
    try:
        return cache.incr(key)
    except ValueError:
        # The entry expired between add() and incr(): this is the window's first failure.
        cache.set(key, 1, timeout=settings.LOGIN_USERNAME_FAILURE_WINDOW)
        return 1


def failures(username, now=None):
    return cache.get(_failures_key(username, time.time() if now is None else now), 0)


def forget_failures(username, now=None):
    """Lift the per-username limit, as editors do when they unlock a login."""
    cache.delete(_failures_key(username, time.time() if now is None else now))


def remember_address(username, address):
    cache.set(
        _known_key(username, address), True, timeout=settings.LOGIN_KNOWN_ADDRESS_DAYS * 86400
    )


def is_known_address(username, address):
    return bool(address) and cache.get(_known_key(username, address), False)


def is_throttled(username, address, now=None):
    """True when `username` is over its limit and `address` is not one it logged in from."""
    if failures(username, now) < settings.LOGIN_USERNAME_FAILURE_LIMIT:
        return False
    return not is_known_address(username, address)


class UsernameThrottleBackend:
    """Refuses, before any password is checked, a throttled username from an unknown address.

    Listed after axes' backend and before the ModelBackend; it never logs anyone in, so it
    has no `get_user` (a session is never tied to it).
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None or not username:
            return None
        if is_throttled(username, client_address(request)):
            setattr(request, THROTTLED_ATTRIBUTE, True)
            raise PermissionDenied("Too many failed logins for this username.")
        return None


@receiver(user_login_failed, dispatch_uid="coalition.lockout.count")
def _count_failed_login(sender, credentials, request=None, **kwargs):
    username = credentials.get("username")
    if username:
        count_failure(username)


@receiver(user_logged_in, dispatch_uid="coalition.lockout.remember")
def _remember_login_address(sender, request, user, **kwargs):
    if request is not None:
        remember_address(user.get_username(), client_address(request))


# axes' counts per username and address -----------------------------------------------------
#
# axes' cache handler counts failures per username *and* address (our lockout parameters), so
# on its own it can forget them only given both: axes' reset(username=...), which the editors'
# unlock action calls, would find nothing. This handler also keeps, per username, the
# addresses that failed, and unlocks every one of them.


def _addresses_key(username):
    return f"login:addresses:{_username_key(username)}"


class LoginLockHandler(AxesCacheHandler):
    """axes' cache handler, able to unlock a username from every address it was locked from."""

    def __init__(self):
        # axes keeps the cache it found first; looked up on each use instead, as Django's own
        # `cache` is, it is always the one the settings name.
        pass

    @property
    def cache(self):
        return get_cache()

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        username = get_client_username(request, credentials) if request is not None else None
        if username is None:
            return
        key = _addresses_key(username)
        # Read, then written: two failures from two new addresses in the same instant may keep
        # only one of them, whose lock then ends with its cool-off rather than on unlocking.
        addresses = self.cache.get(key, set()) | {request.axes_ip_address}
        # Kept as long as the failures themselves.
        self.cache.set(key, addresses, timeout=get_cache_timeout(request))

    def reset_attempts(self, *, ip_address=None, username=None, ip_or_username=False):
        if username is None or ip_address is not None:
            return super().reset_attempts(
                ip_address=ip_address, username=username, ip_or_username=ip_or_username
            )
        key = _addresses_key(username)
        count = sum(
            super(LoginLockHandler, self).reset_attempts(ip_address=address, username=username)
            for address in self.cache.get(key, set())
        )
        self.cache.delete(key)
        return count
