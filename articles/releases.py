"""Publishing an article makes public the library items its text uses, such as the images and
documents a partner uploaded for their story (see coalition.library.privacy)."""

from coalition.library.privacy import release_used


def article_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.is_live:
        release_used(instance.body)


def step_recorded(sender, instance, created=False, raw=False, **kwargs):
    """A workflow step may make the article public, such as a scheduled article going live,
    which saves nothing but its step."""
    if created and not raw and instance.article.is_live:
        release_used(instance.article.body)
