"""Public media served by the site itself, for single-machine installs (SERVE_MEDIA), and
images not (yet) public, served after a permission check.

Only the public storage is reachable at MEDIA_URL: case documents and the images of drafts
live in the private storage and leave only through views that check who asks.
"""

import re

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import (
    FileResponse,
    Http404,
    HttpResponseNotModified,
    HttpResponsePermanentRedirect,
)
from django.urls import re_path
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from django.views.static import was_modified_since

from . import image_copies, revisions
from .images import addresses, find_moved, variants_by_key
from .storage import public_storage

# Originals and variants get new names when they change, so browsers may keep them a day.
MAX_AGE = 60 * 60 * 24
# An image seen through the checked view: kept by that browser only, and not for long.
PRIVATE_MAX_AGE = 60 * 60


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


@require_safe
def private_image(request, key, pk, name):
    """Stream an image (or a variant) of one object from the private storage to whoever may
    see it: anyone when it is the image of a public object (its copies may be on their way),
    else those its app names (`may_view`), such as the readers of a pending draft.

    Everything else, a name the object does not hold included, is a 404 that tells nothing.
    """
    registration = variants_by_key(key)
    if registration is None:
        return moved_image(request, key, name)
    owner = registration.model._default_manager.filter(pk=pk).first()
    if owner is None:
        raise Http404("No such image.")
    shown = name in image_copies.wanted(registration, owner)
    if not (
        shown
        or (name in held_names(registration, owner) and registration.may_view(request, owner))
    ):
        raise Http404("No such image.")
    image = getattr(owner, registration.image_field)
    try:
        handle = image.storage.open(name, "rb")
    except (OSError, SuspiciousFileOperation, ValueError) as missing:
        raise Http404("No such image.") from missing
    response = FileResponse(handle)
    response["Cache-Control"] = f"private, max-age={PRIVATE_MAX_AGE}"
    response["X-Content-Type-Options"] = "nosniff"
    response["X-Robots-Tag"] = "noindex"
    patch_vary_headers(response, ["Cookie"])
    return response


def moved_image(request, key, name):
    """A permanent redirect from an image's old address to its address now, which checks
    who asks in its turn (see `coalition.images.moved_images`); else a 404."""
    found = find_moved(key, name)
    if found is None:
        raise Http404("No such image.")
    registration, owner = found
    image = getattr(owner, registration.image_field)
    record = registration.record(owner)
    if addresses(image, record).public and name in image_copies.made(record):
        return HttpResponsePermanentRedirect(public_storage().url(name))
    return HttpResponsePermanentRedirect(registration.view_url(image, name))


def held_names(registration, owner):
    """The files of `owner`'s image: the saved one, its variants, and the one its pending
    draft holds, if any (uploaded with the draft, not yet published)."""
    names = registration.files(owner)
    pending = revisions.pending_revision(owner) if revisions.spec_for(owner) else None
    if pending is not None and pending.data.get(registration.image_field):
        names.append(pending.data[registration.image_field])
    return names


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
