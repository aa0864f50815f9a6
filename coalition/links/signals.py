"""Keep an article's link rows current when it is saved, published or withdrawn."""

from django.db import transaction


def sync_later(article_id):
    def queue_after_commit():
        from .tasks import sync_article

        sync_article.delay(article_id)

    transaction.on_commit(queue_after_commit, robust=True)


def article_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_later(instance.pk)


def link_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_later(instance.article_id)
