"""Keep an object's link rows current when it is saved, published, withdrawn or deleted.

Only the rows: the HTTP checks are the weekly task's. The rows are brought up to date by a
task after the commit, so that a save never waits for them.
"""

from django.db import transaction


def sync_later(**scope):
    """Queue the sync of `scope` (articles=, cases= or partners=, lists of ids)."""

    def queue_after_commit():
        from .tasks import sync_links

        sync_links.delay(**scope)

    transaction.on_commit(queue_after_commit, robust=True)


def article_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_later(articles=[instance.pk])


def link_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_later(articles=[instance.article_id])


def case_changed(sender, instance, raw=False, **kwargs):
    """A case, or one of its documents or events, saved or deleted: the case's links."""
    if not raw:
        sync_later(cases=[getattr(instance, "case_id", instance.pk)])


def partner_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_later(partners=[instance.pk])
