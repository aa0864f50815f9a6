"""Failed logins counted in the shared cache, with locks editors can lift by username.

django-axes' cache handler counts failures per username *and* address (our lockout
parameters), so on its own it can only forget them given both: axes' `reset(username=...)`
would find nothing. This handler also remembers, per username, the addresses that failed, so
that "unlock" lifts the lock from every one of them.
"""

import hashlib

from axes.handlers.cache import AxesCacheHandler
from axes.helpers import get_cache, get_cache_timeout, get_client_username


def addresses_key(username):
    digest = hashlib.sha256(username.encode()).hexdigest()
    return f"axes-addresses:{digest}"


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
        key = addresses_key(username)
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
        key = addresses_key(username)
        count = sum(
            super(LoginLockHandler, self).reset_attempts(ip_address=address, username=username)
            for address in self.cache.get(key, set())
        )
        self.cache.delete(key)
        return count
