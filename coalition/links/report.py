"""The editors' "Broken links" report and the article page's list of its broken links."""

from django.utils import timezone

from articles import workflow
from articles.models import Article

from .models import LinkCheck, LinkUse


def can_see_report(user):
    """Whoever reads articles in the admin; each sees the rows of the articles they may open."""
    return user.has_perm("articles.view_article") or user.has_perm("articles.change_article")


def can_keep(user):
    return user.has_perm("links.change_linkcheck")


def broken_link_uses(user, kept=False, now=None):
    """(article, broken link) pairs of live articles `user` may open, the oldest breakage first.

    With `kept`, the links editors marked "checked, keep" instead.
    """
    visible = workflow.drafts_visible_to(user, Article.objects.published(now or timezone.now()))
    return (
        LinkUse.objects.filter(
            link__status=LinkCheck.Status.BROKEN,
            link__keep=kept,
            article__in=visible.values("pk"),
        )
        .select_related("link", "link__kept_by", "article")
        .defer("article__body", "article__body_html", "article__search_vector")
        .order_by("link__broken_since", "link__url", "article__title", "pk")
    )


def broken_links_of(article):
    """The broken links the last check found in `article`, kept ones included."""
    return (
        LinkCheck.objects.broken()
        .filter(uses__article=article)
        .select_related("kept_by")
        .order_by("broken_since", "url")
    )
