"""The file of a library document, served until (or unless) its public copy is made."""

from pathlib import PurePosixPath

from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from coalition.uploads import DOCUMENT_TYPES

from . import documents
from .models import Document

MAX_AGE = 60 * 60


@require_safe
def document(request, pk):
    """Library documents are public: anyone may fetch one; a lost file is a 404. A partner's
    upload not yet used by published content is a 404 but to those who may see it."""
    item = get_object_or_404(Document, pk=pk)
    if not item.file or not documents.may_view(request, item):
        raise Http404("No file.")
    try:
        handle = item.file.storage.open(item.file.name, "rb")
    except (OSError, SuspiciousFileOperation, ValueError) as missing:
        raise Http404("The stored file is missing.") from missing
    kind = DOCUMENT_TYPES.get(item.file_type.lower())
    response = FileResponse(
        handle,
        filename=PurePosixPath(item.file.name).name,
        content_type=kind.content_type if kind else "application/octet-stream",
    )
    if documents.is_public(item):
        response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    else:
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
        patch_vary_headers(response, ["Cookie"])
    # Browsers must not guess a type other than the one sent, such as HTML from an upload.
    response["X-Content-Type-Options"] = "nosniff"
    return response
