"""Sending privately stored case files to the people allowed to read them."""

from django.http import FileResponse, Http404
from django.utils.translation import gettext as _


def attachment_response(file, filename, content_type=None):
    """The stored `file` as a download named `filename`; a 404 when storage has lost it."""
    try:
        handle = file.storage.open(file.name, "rb")
    except FileNotFoundError as missing:
        raise Http404(_("The stored file is missing.")) from missing
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    # Browsers must not guess a type other than the one sent, such as HTML from an upload.
    response["X-Content-Type-Options"] = "nosniff"
    return response
