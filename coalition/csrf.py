"""Cross-site request forgery protection for forms on cached pages.

A page cached for every reader cannot carry a per-reader CSRF token. Browsers say where a form
was sent from instead: `Sec-Fetch-Site` (all current browsers), `Origin` (every browser's POST
since 2020) and, failing both, `Referer`. Another site cannot forge these headers in a reader's
browser, and a form sent from one of our own pages always carries one of them.
"""

from urllib.parse import urlsplit

from django.conf import settings


def is_same_origin(request):
    """Whether the browser says this request was sent from one of our own pages."""
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site is not None:
        # "none": the reader's own doing (such as reloading), not another site's.
        return fetch_site in ("same-origin", "none")
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:
        referer = urlsplit(request.META.get("HTTP_REFERER", ""))
        if not (referer.scheme and referer.netloc):
            return False
        origin = f"{referer.scheme}://{referer.netloc}"
    return origin == f"{request.scheme}://{request.get_host()}" or (
        origin in settings.CSRF_TRUSTED_ORIGINS
    )
