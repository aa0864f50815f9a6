"""Checks on uploaded documents (the portal's and the library's): the type is read from the
content, never the name."""

import codecs
import hashlib
import secrets
import struct
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from coalition.images import open_image
from coalition.validators import MaxUploadSizeValidator

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# The part a Word document's [Content_Types].xml declares; macro-enabled files declare another.
DOCX_MAIN_PART = (
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)

# Limits on ZIP-based documents (DOCX, ODT), checked from the archive's directory before any
# member is unpacked. Word processors write tens to a few hundred members whose XML packs
# 5-30 times; a "zip bomb" packs hundreds of megabytes of repeated bytes 1000 times.
ZIP_MAX_MEMBERS = 2000
ZIP_MAX_UNPACKED_BYTES = 512 * 1024 * 1024
ZIP_MAX_RATIO = 200
# Small members may pack better than that without harm.
ZIP_RATIO_FROM_BYTES = 1024 * 1024
# The most we ever unpack of the one member each format is recognised by.
ZIP_MAX_READ_BYTES = 256 * 1024
# End of central directory record: signature, disk numbers, entry counts, size, offset, comment.
ZIP_END_RECORD = struct.Struct("<4s4H2LH")
ZIP_END_SIGNATURE = b"PK\x05\x06"


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
    """DOCX or ODT when the ZIP archive holds what a word processor writes, else None.

    Raises ValidationError for an archive that would unpack to far more than it weighs.
    """
    members = zip_member_count(upload)
    if members is None:
        return None
    if members > ZIP_MAX_MEMBERS:
        raise zip_refused()
    try:
        with zipfile.ZipFile(upload) as archive:
            check_unpacked_sizes(archive.infolist())
            names = set(archive.namelist())
            if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
                if DOCX_MAIN_PART in read_member(archive, "[Content_Types].xml"):
                    return DOCX
                return None
            if "mimetype" in names and read_member(archive, "mimetype").strip() == ODT_MIMETYPE:
                return ODT
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, KeyError, EOFError):
        return None
    return None


def zip_member_count(upload):
    """The number of members the archive's end record announces, read before the directory
    itself (whose entries Python would otherwise all load); None when there is no record."""
    tail_size = min(upload.size, ZIP_END_RECORD.size + 0xFFFF)
    upload.seek(upload.size - tail_size)
    tail = upload.read(tail_size)
    upload.seek(0)
    at = tail.rfind(ZIP_END_SIGNATURE)
    if at < 0 or len(tail) - at < ZIP_END_RECORD.size:
        return None
    members = ZIP_END_RECORD.unpack_from(tail, at)[4]
    # 0xFFFF means a ZIP64 archive, which no word processor writes for documents this small.
    return ZIP_MAX_MEMBERS + 1 if members == 0xFFFF else members


def check_unpacked_sizes(members):
    """Refuse an archive whose members, as its directory declares them, unpack too far."""
    total = 0
    for member in members:
        total += member.file_size
        packs_too_well = member.file_size > ZIP_MAX_RATIO * max(member.compress_size, 1)
        if total > ZIP_MAX_UNPACKED_BYTES or (
            member.file_size > ZIP_RATIO_FROM_BYTES and packs_too_well
        ):
            raise zip_refused()


def read_member(archive, name):
    """The start of one member, never more than ZIP_MAX_READ_BYTES unpacked, whatever the
    directory declares (a forged size cannot make it read more)."""
    member = archive.getinfo(name)
    if member.file_size > ZIP_MAX_READ_BYTES:
        raise zip_refused()
    with archive.open(member) as stream:
        return stream.read(ZIP_MAX_READ_BYTES)


def zip_refused():
    return ValidationError(
        _(
            "This file unpacks to far more than its size, as a damaged or hostile archive "
            "does; it is refused. Save the document again from your word processor."
        ),
        code="zip_bomb",
    )


def image_type(upload):
    """JPEG or PNG when Pillow reads a whole, valid image, else None; an image of more pixels
    than IMAGE_MAX_PIXELS raises ValidationError (see coalition.images.open_image)."""
    try:
        with open_image(upload) as image:
            image_format = image.format
            image.verify()
    except ValidationError as error:
        if error.code == "too_many_pixels":
            raise
        return None
    except (OSError, SyntaxError, ValueError):
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


def fingerprint(file):
    """The SHA-256 hex digest and the size in bytes of an uploaded or stored file, read in
    chunks; the file is left at its start."""
    digest = hashlib.sha256()
    size = 0
    file.open("rb")
    file.seek(0)
    for chunk in file.chunks():
        digest.update(chunk)
        size += len(chunk)
    file.seek(0)
    return digest.hexdigest(), size
