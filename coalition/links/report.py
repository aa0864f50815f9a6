"""The editors' "Broken links" report and the article page's list of its broken links."""

from django.db.models import Q
from django.utils import timezone

from articles import workflow
from articles.models import Article
from coalition.cases.models import CaseDocument, CaseEvent, LitigationCase
from partners.models import Partner

from . import inventory
from .models import LinkCheck, LinkUse

# The report names the case of a document or event too; these are a case's long texts.
CASES_SHOWN = ("case", "document__case", "event__case")
LONG_CASE_TEXTS = (
    "facts",
    "facts_html",
    "strategic_aim",
    "strategic_aim_html",
    "search_vector",
    "translations",
)


def can_see_report(user):
    """Whoever reads articles in the admin; each sees the rows of the articles they may open."""
    return user.has_perm("articles.view_article") or user.has_perm("articles.change_article")


def can_keep(user):
    return user.has_perm("links.change_linkcheck")


def broken_link_uses(user, kept=False, now=None):
    """(page, broken link) pairs `user` may open, the oldest breakage first: live articles
    for whoever reads articles; public cases, their public documents and events, and active
    partners for those who edit them.

    With `kept`, the links editors marked "checked, keep" instead.
    """
    visible = workflow.drafts_visible_to(user, Article.objects.published(now or timezone.now()))
    where = Q(article__in=visible.values("pk"))
    if user.has_perm("cases.change_litigationcase"):
        where |= Q(case__in=LitigationCase.objects.published().values("pk"))
    if user.has_perm("cases.change_casedocument"):
        where |= Q(document__in=CaseDocument.objects.published().values("pk"))
    if user.has_perm("cases.change_caseevent"):
        where |= Q(event__in=CaseEvent.objects.published().values("pk"))
    if user.has_perm("partners.change_partner"):
        where |= Q(partner__in=Partner.objects.published().values("pk"))
    return (
        LinkUse.objects.filter(where, link__status=LinkCheck.Status.BROKEN, link__keep=kept)
        .select_related(
            "link",
            "link__kept_by",
            "article",
            "case",
            "partner",
            "document__case",
            "event__case",
        )
        # The long texts no row shows.
        .defer(
            "article__body",
            "article__body_html",
            "article__search_vector",
            *(f"{case}__{name}" for case in CASES_SHOWN for name in LONG_CASE_TEXTS),
            "partner__description",
            "partner__description_html",
            "partner__translations",
            "event__description",
            "event__translations",
        )
        .order_by("link__broken_since", "link__url", "pk")
    )


def broken_links_of(obj):
    """The broken links the last check found in `obj`, kept ones included: an article, a case
    with its documents and events, or a partner."""
    if isinstance(obj, Article):
        scope = inventory.Scope(articles=(obj.pk,))
    elif isinstance(obj, LitigationCase):
        scope = inventory.Scope(cases=(obj.pk,))
    else:
        scope = inventory.Scope(partners=(obj.pk,))
    uses = LinkUse.objects.filter(scope.uses())
    return (
        LinkCheck.objects.broken()
        .filter(pk__in=uses.values("link"))
        .select_related("kept_by")
        .order_by("broken_since", "url")
    )
