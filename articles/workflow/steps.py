"""The steps of the workflow, each declared once in `STEPS`, and the functions that take them."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from coalition import revisions

from .. import notifications
from ..models import Article, ArticleTransition
from .permissions import (
    AUTHOR_EDITABLE,
    CHANGE_PERMISSION,
    PUBLISH_PERMISSION,
    REVIEW_PERMISSION,
    may_publish,
    may_review,
    may_submit,
    may_withdraw,
)

Status = Article.Status

# Status and the fields transitions change; re-read under a row lock so that two people
# clicking at once cannot both move the article from the same state.
WORKFLOW_FIELDS = [
    "status",
    "live",
    "has_unpublished_changes",
    "submitted_by",
    "reviewer",
    "review_due",
    "publish_at",
    "unpublish_at",
    "first_published_at",
    "last_published_at",
]


@dataclass(frozen=True)
class Bulk:
    """A step the changelist offers on the selected articles, to those with `permission`."""

    label: str
    done: str  # ngettext with %(count)d
    permission: str


@dataclass(frozen=True)
class Step:
    """One step of the workflow, declared once in `STEPS`."""

    name: str
    label: str  # of its button
    from_states: frozenset
    to_state: str
    may: Callable  # may(user, article): whether this person may take it
    refused: str  # why someone else may not
    wrong_state: str  # why not from this state
    take: Callable  # take(article, user, comment=..., ...): the function that takes it
    done: str  # the admin's message once taken, with %(title)s
    event: str | None = None  # the email it sends: templates/articles/email/<event>.txt
    locked: str | None = None  # why an author's open form can no longer be saved after it
    # Also from a published article with unpublished changes (not yet moved back to draft).
    from_live_changes: bool = False
    # From any live article, whatever state its working copy is in.
    from_live: bool = False
    asks_reviewer: bool = False  # takes a reviewer and a due date
    bulk: Bulk | None = None

    def starts_from(self, article):
        """Whether the step may start from the article's present state."""
        if self.from_live:
            return article.live
        live_changes = article.status == Status.PUBLISHED and article.has_unpublished_changes
        return article.status in self.from_states or (self.from_live_changes and live_changes)


def working_copy_changes(article):
    """What else an edit of a live article changes: a published one's working copy becomes a
    draft again, while the public keeps seeing the published version."""
    return {"status": Status.DRAFT} if article.status == Status.PUBLISHED else {}


# Checks -----------------------------------------------------------------------------------


def _refuse_unless_allowed(user, step, article):
    if not step.may(user, article):
        raise PermissionDenied(step.refused)
    if not step.starts_from(article):
        raise ValidationError(step.wrong_state)


def check(user, action, article):
    """Raise PermissionDenied or ValidationError unless `user` may do `action` now."""
    if action not in STEPS:
        raise ValidationError(_("There is no such workflow step."))
    _refuse_unless_allowed(user, STEPS[action], article)


def can(user, action, article):
    """True when `user` may do `action` on `article` in its present state."""
    try:
        check(user, action, article)
    except (PermissionDenied, ValidationError):
        return False
    return True


def available_actions(user, article):
    """The steps `user` may take with `article` now, in the order the admin shows them."""
    return [step for step in STEPS.values() if can(user, step.name, article)]


def step_into(status):
    """The step that leads to `status`, or None."""
    return next((step for step in STEPS.values() if step.to_state == status), None)


# Transitions ------------------------------------------------------------------------------


def _lock(article):
    """Re-read the workflow fields under a row lock, inside the caller's transaction."""
    article.refresh_from_db(
        from_queryset=Article.objects.select_for_update(), fields=WORKFLOW_FIELDS
    )


def _enter(article, status, moment=None):
    """Put the working copy in `status`. The one place where what the public sees follows:
    a published article is live (and dated), an unpublished one is not."""
    article.status = status
    if status == Status.PUBLISHED:
        article.live = True
        article.first_published_at = article.first_published_at or moment
        article.last_published_at = moment
    elif status == Status.UNPUBLISHED:
        article.live = False


def place(article, status):
    """Put an article straight into `status` as its steps would leave it, unrecorded.

    For demo content and tests. A published one is dated from its last publication, else
    from `publish_at`, else now.
    """
    _enter(article, status, article.last_published_at or article.publish_at or timezone.now())


def _move(article, step, actor, comment, fields=(), moment=None):
    """Take `step`: enter its state, save, and record who, when, from, to and why."""
    from_status = article.status
    _enter(article, step.to_state, moment)
    article.save(update_fields=["status", *fields])
    return ArticleTransition.objects.create(
        article=article,
        from_status=from_status,
        to_status=article.status,
        actor=actor,
        comment=comment,
    )


def submit(article, user, reviewer=None, due=None, comment=""):
    """Send a draft (or changes) to the editors, or to one named reviewer by a due date."""
    with transaction.atomic():
        _lock(article)
        _refuse_unless_allowed(user, SUBMIT, article)
        if reviewer and not (reviewer.is_active and reviewer.has_perm(REVIEW_PERMISSION)):
            raise ValidationError({"reviewer": _("The reviewer must be an editor.")})
        if due is not None and due < timezone.localdate():
            raise ValidationError({"due": _("The due date cannot be in the past.")})
        article.submitted_by = user
        article.reviewer = reviewer
        article.review_due = due
        step = _move(article, SUBMIT, user, comment, ["submitted_by", "reviewer", "review_due"])
        notifications.notify(SUBMIT.event, article, actor=user, comment=comment)
    return step


def withdraw(article, user, comment=""):
    """Take an article back from review, to go on working on it."""
    with transaction.atomic():
        _lock(article)
        _refuse_unless_allowed(user, WITHDRAW, article)
        return _move(article, WITHDRAW, user, comment)


def request_changes(article, user, comment=""):
    """Send an article back to its author; the comment says what to change."""
    comment = (comment or "").strip()
    with transaction.atomic():
        _lock(article)
        _refuse_unless_allowed(user, REQUEST_CHANGES, article)
        if not comment:
            raise ValidationError({"comment": _("Say what should change.")})
        step = _move(article, REQUEST_CHANGES, user, comment)
        notifications.notify(REQUEST_CHANGES.event, article, actor=user, comment=comment)
    return step


def approve(article, user, comment=""):
    """Accept an article in review, ready to be published."""
    with transaction.atomic():
        _lock(article)
        _refuse_unless_allowed(user, APPROVE, article)
        step = _move(article, APPROVE, user, comment)
        notifications.notify(APPROVE.event, article, actor=user, comment=comment)
    return step


def publish(article, user, at=None, comment=""):
    """Make an article (or the pending changes of a live one) public, now or at `at`.

    With a future `at` (or `publish_at`) the article is scheduled: it is published and live,
    and `published()` shows it from that moment; `publish_scheduled` does the rest then.
    """
    now = timezone.now()
    with transaction.atomic():
        _lock(article)
        _refuse_unless_allowed(user, PUBLISH, article)
        # The pending changes may carry new dates, so they are applied first; an error
        # below rolls them back with everything else.
        revisions.apply_pending(article, user)
        publish_at = at if at is not None else article.publish_at
        if article.unpublish_at and article.unpublish_at <= max(now, publish_at or now):
            raise ValidationError(
                {"unpublish_at": _("The unpublish date comes first; change or clear it.")}
            )
        article.publish_at = publish_at
        scheduled = article.publish_at is not None and article.publish_at > now
        article.has_unpublished_changes = False
        fields = ["live", "has_unpublished_changes", "publish_at"]
        fields += ["first_published_at", "last_published_at"]
        moment = article.publish_at if scheduled else now
        step = _move(article, PUBLISH, user, comment, fields, moment)
        notifications.notify("scheduled" if scheduled else PUBLISH.event, article, actor=user)
    return step


def unpublish(article, user, comment=""):
    """Take an article off the public site; its public URL then answers 410 Gone."""
    with transaction.atomic():
        _lock(article)
        _refuse_unless_allowed(user, UNPUBLISH, article)
        return _take_down(article, user, comment)


def _take_down(article, actor, comment):
    # The public no longer sees the row, so pending edits become the working copy of the
    # unpublished article rather than a draft that a later save of the form (which no longer
    # shows it) would leave behind and publishing would bring back over newer work.
    revisions.apply_pending(article, actor)
    article.has_unpublished_changes = False
    step = _move(article, UNPUBLISH, actor, comment, ["live", "has_unpublished_changes"])
    notifications.notify(UNPUBLISH.event, article, actor=actor, comment=comment)
    return step


def perform(action, article, user, *, comment="", reviewer=None, due=None):
    """Take the step named `action`, with what the admin's workflow form collected."""
    if action not in STEPS:
        raise ValidationError(_("There is no such workflow step."))
    step = STEPS[action]
    options = {"reviewer": reviewer, "due": due} if step.asks_reviewer else {}
    return step.take(article, user, comment=comment, **options)


# The steps --------------------------------------------------------------------------------

SUBMIT = Step(
    name="submit",
    label=gettext_lazy("Submit for review"),
    from_states=AUTHOR_EDITABLE,
    from_live_changes=True,
    to_state=Status.IN_REVIEW,
    may=may_submit,
    refused=gettext_lazy(
        "Only the author, the partner's staff or an editor may submit this article."
    ),
    wrong_state=gettext_lazy(
        "Only a draft or an article sent back for changes can be submitted for review."
    ),
    take=submit,
    asks_reviewer=True,
    done=gettext_lazy("Submitted “%(title)s” for review."),
    event="submitted",
    locked=gettext_lazy(
        "This article was submitted for review by %(name)s at %(when)s; you can no longer edit it."
    ),
    bulk=Bulk(
        gettext_lazy("Submit selected articles for review"),
        ngettext_lazy(
            "%(count)d article submitted for review.",
            "%(count)d articles submitted for review.",
            "count",
        ),
        CHANGE_PERMISSION,
    ),
)
WITHDRAW = Step(
    name="withdraw",
    label=gettext_lazy("Withdraw from review"),
    from_states=frozenset({Status.IN_REVIEW}),
    to_state=Status.DRAFT,
    may=may_withdraw,
    refused=gettext_lazy("Only the person who submitted it or an editor may withdraw it."),
    wrong_state=gettext_lazy("Only an article in review can be withdrawn."),
    take=withdraw,
    done=gettext_lazy("Withdrew “%(title)s” from review; it is a draft again."),
)
REQUEST_CHANGES = Step(
    name="request_changes",
    label=gettext_lazy("Request changes"),
    from_states=frozenset({Status.IN_REVIEW}),
    to_state=Status.CHANGES_REQUESTED,
    may=may_review,
    refused=gettext_lazy("Only editors may review articles."),
    wrong_state=gettext_lazy("Only an article in review can be approved or sent back."),
    take=request_changes,
    done=gettext_lazy("Sent “%(title)s” back to its author with your comment."),
    event="changes_requested",
)
APPROVE = Step(
    name="approve",
    label=gettext_lazy("Approve"),
    from_states=frozenset({Status.IN_REVIEW}),
    to_state=Status.APPROVED,
    may=may_review,
    refused=gettext_lazy("Only editors may review articles."),
    wrong_state=gettext_lazy("Only an article in review can be approved or sent back."),
    take=approve,
    done=gettext_lazy("Approved “%(title)s”."),
    event="approved",
    locked=gettext_lazy(
        "This article was approved by %(name)s at %(when)s; you can no longer edit it."
    ),
)
PUBLISH = Step(
    name="publish",
    label=gettext_lazy("Publish"),
    from_states=frozenset({Status.DRAFT, Status.APPROVED, Status.UNPUBLISHED}),
    from_live_changes=True,
    to_state=Status.PUBLISHED,
    may=may_publish,
    refused=gettext_lazy("Only editors may publish articles."),
    wrong_state=gettext_lazy(
        "Only a draft, an approved or an unpublished article, or changes to a live "
        "one, can be published."
    ),
    take=publish,
    done=gettext_lazy("Published “%(title)s”."),
    event="published",
    locked=gettext_lazy(
        "This article was published by %(name)s at %(when)s; you can no longer edit it."
    ),
    bulk=Bulk(
        gettext_lazy("Publish selected articles"),
        ngettext_lazy("%(count)d article published.", "%(count)d articles published.", "count"),
        PUBLISH_PERMISSION,
    ),
)
UNPUBLISH = Step(
    name="unpublish",
    label=gettext_lazy("Unpublish"),
    from_states=frozenset(),
    from_live=True,
    to_state=Status.UNPUBLISHED,
    may=may_publish,
    refused=gettext_lazy("Only editors may unpublish articles."),
    wrong_state=gettext_lazy("Only a published article can be unpublished."),
    take=unpublish,
    done=gettext_lazy(
        "Unpublished “%(title)s”; its public address now says it was withdrawn (410 Gone)."
    ),
    event="unpublished",
    locked=gettext_lazy(
        "This article was unpublished by %(name)s at %(when)s; you can no longer edit it."
    ),
    bulk=Bulk(
        gettext_lazy("Unpublish selected articles"),
        ngettext_lazy(
            "%(count)d article unpublished.", "%(count)d articles unpublished.", "count"
        ),
        PUBLISH_PERMISSION,
    ),
)
STEPS = {
    step.name: step for step in (SUBMIT, WITHDRAW, REQUEST_CHANGES, APPROVE, PUBLISH, UNPUBLISH)
}
