"""Revisions of articles, cases and partners: save, compare, restore, and pending edits."""

from coalition.models import Revision


def pending_revision(obj):
    """The unpublished changes saved on top of live content, or None."""
    return Revision.objects.filter(
        content_type__app_label=obj._meta.app_label,
        content_type__model=obj._meta.model_name,
        object_id=obj.pk,
        is_pending=True,
    ).first()
