"""Checks on documents partners upload: the type is read from the content, never the name."""

import codecs
import secrets
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from coalition.validators import MaxUploadSizeValidator

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


@dataclass(frozen=True)
class DocumentType:
    extension: str
    content_type: str


PDF = DocumentType("pdf", "application/pdf")
DOCX = DocumentType(
    "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)
ODT = DocumentType("odt", ODT_MIMETYPE.decode())
RTF = DocumentType("rtf", "application/rtf")
TXT = DocumentType("txt", "text/plain")
JPEG = DocumentType("jpg", "image/jpeg")
PNG = DocumentType("png", "image/png")
DOCUMENT_TYPES = {kind.extension: kind for kind in (PDF, DOCX, ODT, RTF, TXT, JPEG, PNG)}
ACCEPTED_TYPES_LABEL = "PDF, DOCX, ODT, RTF, TXT, JPEG, PNG"


def check_document(upload):
    """Return the DocumentType of `upload`, or raise ValidationError saying why it is refused."""
    if not upload.size:
        raise ValidationError(_("This file is empty."), code="empty")
    MaxUploadSizeValidator(settings.DOCUMENT_MAX_UPLOAD_MB)(upload)
    document_type = detect_document_type(upload)
    if document_type is None:
        raise ValidationError(
            _("This file is not one of the accepted types (%(types)s), whatever its name says."),
            code="unsupported_type",
            params={"types": ACCEPTED_TYPES_LABEL},
        )
    return document_type


def detect_document_type(upload):
    """The DocumentType `upload`'s bytes show, or None when they match no accepted type."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"{\\rtf"):
            return RTF
        if head.startswith(b"PK\x03\x04"):
            return office_document_type(upload)
        if head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")):
            return image_type(upload)
        if is_plain_text(upload):
            return TXT
        return None
    finally:
        upload.seek(0)


def office_document_type(upload):
    """DOCX or ODT when the ZIP archive holds what a word processor writes, else None."""
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
                return DOCX
            if "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE:
                return ODT
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, KeyError):
        return None
    return None


def image_type(upload):
    """JPEG or PNG when Pillow reads a whole, valid image, else None."""
    try:
        with Image.open(upload) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    return {"JPEG": JPEG, "PNG": PNG}.get(image_format)


def is_plain_text(upload):
    """True for UTF-8 text without NUL bytes, read in chunks so large files stay cheap."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for chunk in upload.chunks():
            if b"\x00" in chunk:
                return False
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def safe_file_name(original_name, document_type):
    """A stored name nobody can steer: the slugified name, a random part, the detected type."""
    stem = slugify(PurePath(original_name or "").stem)[:60].strip("-") or "document"
    return f"{stem}-{secrets.token_hex(4)}.{document_type.extension}"
