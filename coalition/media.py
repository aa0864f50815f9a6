"""Public media served by the site itself, for single-machine installs (SERVE_MEDIA).

Only the public storage is reachable here: case documents live in the private storage and
leave only through the permission-checking download views.
"""

import re

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpResponseNotModified
from django.urls import re_path
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from django.views.static import was_modified_since

from .storage import public_storage

# Originals and variants get new names when they change, so browsers may keep them a day.
MAX_AGE = 60 * 60 * 24


@require_safe
def public_media(request, name):
    """Stream one stored public file; 404 for anything missing, a folder or a bad name."""
    storage = public_storage()
    try:
        modified = storage.get_modified_time(name).timestamp()
        if not was_modified_since(request.headers.get("If-Modified-Since"), modified):
            return HttpResponseNotModified()
        handle = storage.open(name, "rb")
    except (OSError, SuspiciousFileOperation, ValueError) as missing:
        raise Http404(name) from missing
    response = FileResponse(handle)
    response["Last-Modified"] = http_date(modified)
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def media_urlpatterns():
    """The URL of public media when the site serves it itself, else none.

    Unlike django.conf.urls.static.static(), this works with DEBUG off; with object storage
    the bucket (or a CDN in front of it) serves MEDIA_URL instead.
    """
    if not settings.SERVE_MEDIA or settings.MEDIA_STORAGE != "filesystem":
        return []
    prefix = settings.MEDIA_URL
    if "://" in prefix or not prefix.startswith("/"):
        return []
    return [re_path(rf"^{re.escape(prefix.lstrip('/'))}(?P<name>.+)$", public_media, name="media")]
