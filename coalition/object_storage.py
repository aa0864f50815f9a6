"""Media in an S3-compatible object store (MEDIA_STORAGE=s3), shared by every app server.

Two buckets: a public one that anyone may read by URL (images, logos, their variants), and a
private one that nobody reads without the keys (case documents), whose files the site streams
only after its own permission checks. Imported only when settings name these backends, since
boto3 takes a second to load.
"""

from storages.backends.s3 import S3Storage

from .storage import NoPublicURLMixin


class PublicS3Storage(S3Storage):
    """The public bucket: plain URLs (no signature), at MEDIA_URL when it is a full address."""


class PrivateS3Storage(NoPublicURLMixin, S3Storage):
    """The private bucket: no URL at all, so a document can only leave through a view."""
