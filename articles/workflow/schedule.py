"""Scheduled publishing: what goes live or comes down at its date (`publish_scheduled`)."""

from django.db import connection, transaction
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import notifications
from ..models import Article, ArticleTransition
from .steps import PUBLISH, _take_down


def is_scheduled(article, now=None):
    """Live, but the public sees it only from `publish_at`, which is still to come.

    Keyed on `live`, not on the status: edits made after scheduling move the status back
    to draft while the scheduled (live) version still goes out at `publish_at`.
    """
    now = now or timezone.now()
    return article.live and article.publish_at is not None and article.publish_at > now


def due_to_go_live(now=None):
    """Scheduled articles whose publish_at has come and whose going live is not yet recorded.

    Keyed on `live` rather than the status, which edits since scheduling move back to draft.

    The marker is the last recorded step: it was the scheduling publish, made before
    publish_at. Once the going live is recorded (at or after publish_at) it no longer matches.
    """
    now = now or timezone.now()
    last_step_at = Subquery(
        ArticleTransition.objects.filter(article=OuterRef("pk"))
        .order_by("-created_at", "-pk")
        .values("created_at")[:1]
    )
    return (
        Article.objects.filter(live=True, publish_at__lte=now)
        .alias(last_step_at=last_step_at)
        .filter(last_step_at__lt=F("publish_at"))
    )


def due_to_unpublish(now=None):
    """Live articles whose unpublish_at has passed, pending edits or not."""
    now = now or timezone.now()
    return Article.objects.filter(live=True, unpublish_at__lte=now)


def record_going_live(article):
    """Record that a scheduled article went live and tell its author.

    Cached pages need nothing: none is kept past the publish_at of a live article.
    """
    with transaction.atomic():
        step = ArticleTransition.objects.create(
            article=article,
            from_status=PUBLISH.to_state,
            to_status=PUBLISH.to_state,
            actor=None,
            comment=_("Went live at the scheduled time."),
        )
        notifications.notify(PUBLISH.event, article, actor=None)
    return step


def unpublish_expired(article):
    """Unpublish an article whose unpublish_at has passed, as the system.

    Its pending edits, if any, are kept as the unpublished working copy (see `_take_down`).
    """
    with transaction.atomic():
        return _take_down(article, None, _("Unpublished at the scheduled time."))


def publish_due(now=None):
    """Record what went live and take down what expired; return both lists of articles.

    Run every minute by `celery beat` (and by hand with `publish_scheduled`). Each step runs
    in its own transaction under a row lock, with the due condition checked again under the
    lock, so that two runs at once never perform the same step twice.
    """
    now = now or timezone.now()
    went_live = _each_due(due_to_go_live, now, record_going_live)
    taken_down = _each_due(due_to_unpublish, now, unpublish_expired)
    return went_live, taken_down


def _each_due(due, now, perform):
    done = []
    for pk in list(due(now).values_list("pk", flat=True)):
        with transaction.atomic():
            article = _skip_locked(due(now).filter(pk=pk)).first()
            if article is not None:
                perform(article)
                done.append(article)
    return done


def _skip_locked(queryset):
    # Another run holding the row is already handling it: skip it rather than wait.
    if connection.features.has_select_for_update_skip_locked:
        return queryset.select_for_update(skip_locked=True)
    return queryset.select_for_update()
