"""Who sees an article's hero image: everyone once the article is public; before that, those
who may read its draft, in the admin or through a shared preview link."""

from django.db import transaction

from coalition.images import variants_for

from . import workflow
from .models import Article
from .preview import token_shows


def is_public(article):
    return article.is_live


def may_view(request, article):
    if workflow.can_view_draft(request.user, article):
        return True
    token = request.GET.get("preview")
    return bool(token) and token_shows(token, article)


def step_recorded(sender, instance, created=False, raw=False, **kwargs):
    """A workflow step may make the article public or not, such as a scheduled article
    going live, which saves nothing but its step: check its hero image's copies."""
    if created and not raw:
        hero = variants_for(Article, "hero_image")
        transaction.on_commit(lambda: hero.publish_later(instance.article_id), robust=True)
