"""The file of a library document, served until (or unless) its public copy is made."""

from pathlib import PurePosixPath

from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from coalition.uploads import DOCUMENT_TYPES

from .models import Document

MAX_AGE = 60 * 60


@require_safe
def document(request, pk):
    """Library documents are public: anyone may fetch one; a lost file is a 404."""
    item = get_object_or_404(Document, pk=pk)
    if not item.file:
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
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    # Browsers must not guess a type other than the one sent, such as HTML from an upload.
    response["X-Content-Type-Options"] = "nosniff"
    return response
