"""Publishing an article makes public the library items it shows: its hero image, and the
images and documents its text uses, such as those a partner uploaded for their story (see
coalition.library.privacy)."""

from coalition.library import images
from coalition.library.privacy import release_used


def release(article):
    images.release([article.hero_id])
    release_used(article.body)


def article_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.is_live:
        release(instance)


def step_recorded(sender, instance, created=False, raw=False, **kwargs):
    """A workflow step may make the article public, such as a scheduled article going live,
    which saves nothing but its step."""
    if created and not raw and instance.article.is_live:
        release(instance.article)
