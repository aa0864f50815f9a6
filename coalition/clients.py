"""Who is asking: the client's address as our own reverse proxies saw it."""

from django.conf import settings


def client_address(request):
    """The reader's address, as seen by the first of our TRUSTED_PROXY_COUNT proxies.

    Each proxy appends the address it was reached from to X-Forwarded-For; what lies further
    left was written by the client and may be forged, so it is never read.
    """
    remote_address = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_COUNT
    if hops <= 0:
        return remote_address
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(forwarded) < hops:
        return remote_address
    return forwarded[-hops].strip() or remote_address
