"""What the admin index shows each editor and author: their queues, and two reports."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import BooleanField, Case, Count, F, Q, Subquery, Value, When
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from coalition import revisions

from . import workflow
from .models import Article

ROWS_SHOWN = 10
RECENT = datetime.timedelta(days=7)


@dataclass
class DashboardSection:
    slug: str
    title: Promise
    empty_text: Promise
    count: int
    articles: list


def can_review(user):
    return user.has_perm(workflow.REVIEW_PERMISSION)


def section_filters(user, now):
    """Each section's articles, as a filter on all articles."""
    review_queue = Q(reviewer=user)
    if can_review(user):
        review_queue |= Q(reviewer__isnull=True)
    recently_published = Article.objects.published(now).filter(last_published_at__gte=now - RECENT)
    return {
        "awaiting_review": Q(status=Article.Status.IN_REVIEW) & review_queue,
        "my_drafts": Q(author=user) & ~Q(status=Article.Status.PUBLISHED),
        "changes_requested": Q(status=Article.Status.CHANGES_REQUESTED)
        & (Q(author=user) | Q(submitted_by=user)),
        # Live, not published: edits since scheduling move the status back to draft.
        "scheduled": Q(live=True, publish_at__gt=now),
        # The date outside the subquery too, so that its index narrows the outer rows.
        "recently_published": Q(last_published_at__gte=now - RECENT)
        & Q(pk__in=recently_published.values("pk")),
        # Translations behind their source: its text changed since they were made.
        "source_changed": Q(translation_of__isnull=False)
        & Q(source_content_version__lt=F("translation_of__content_version")),
    }


SECTIONS = [
    (
        "awaiting_review",
        _("Awaiting my review"),
        _("Nothing is waiting for your review."),
        (F("review_due").asc(nulls_last=True), "updated_at"),
    ),
    ("my_drafts", _("My drafts"), _("You have no drafts."), ("-updated_at",)),
    (
        "changes_requested",
        _("Changes requested from me"),
        _("No changes are requested from you."),
        ("-updated_at",),
    ),
    (
        "scheduled",
        _("Scheduled to publish"),
        _("Nothing is scheduled."),
        ("publish_at",),
    ),
    (
        "recently_published",
        _("Recently published"),
        _("Nothing was published in the last seven days."),
        ("-last_published_at",),
    ),
    (
        "source_changed",
        _("Source changed since translated"),
        _("Every translation is up to date with its source."),
        ("-translation_of__updated_at",),
    ),
]


def dashboard_for(user, now=None):
    """The sections one person sees on the admin index, or [] for people without articles."""
    if not (user.has_perm("articles.view_article") or user.has_perm("articles.change_article")):
        return []
    now = now or timezone.now()
    filters = section_filters(user, now)
    # Authors see only their own articles here too, as in the article admin.
    visible = workflow.drafts_visible_to(user, Article.objects.all())
    # One query of one count per section, each its own subquery: each reads its index
    # (status, author, publish_at, last_published_at) rather than every article's row.
    counts = (
        Article.objects.order_by()
        .annotate(
            **{
                slug: Subquery(
                    visible.filter(condition)
                    .order_by()
                    .annotate(group=Value(1))
                    .values("group")
                    .annotate(n=Count("pk"))
                    .values("n")
                )
                for slug, condition in filters.items()
            }
        )
        .values(*filters)[:1]
    )
    counts = {slug: (counts[0][slug] or 0) if counts else 0 for slug in filters}
    overdue = Case(
        When(review_due__lt=timezone.localdate(now), then=True),
        default=False,
        output_field=BooleanField(),
    )
    sections = []
    for slug, title, empty_text, ordering in SECTIONS:
        articles = []
        if counts[slug]:
            articles = list(
                visible.filter(filters[slug])
                .defer("body", "body_html", "search_vector")
                .select_related("author")
                .annotate(is_overdue=overdue)
                .order_by(*ordering, "pk")[:ROWS_SHOWN]
            )
        sections.append(DashboardSection(slug, title, empty_text, counts[slug], articles))
    return sections


def aging_content_days():
    return getattr(settings, "AGING_CONTENT_DAYS", 365)


def aging_articles(now=None):
    """Live articles nobody has touched for a long time, the oldest first."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=aging_content_days())
    return (
        Article.objects.published(now)
        .filter(updated_at__lt=cutoff)
        .select_related("author")
        .order_by("updated_at", "pk")
    )


def articles_open_in_editor(user, now=None):
    """Who has which article's admin page open now, the most recent first.

    Only the articles `user` may open themselves are listed.
    """
    visible = workflow.drafts_visible_to(user, Article.objects.all())
    presences = revisions.open_editors(Article, now=now).prefetch_related(None)
    return presences.filter(object_id__in=visible.values("pk"))


def attach_articles(presences):
    """Give each presence its `article`, in one query; None once the article is deleted."""
    presences = list(presences)
    articles = Article.objects.in_bulk([presence.object_id for presence in presences])
    for presence in presences:
        presence.article = articles.get(presence.object_id)
    return presences
