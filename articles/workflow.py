"""The editorial workflow of articles: the one place that says who may move an article where.

The admin, the partner portal and the management commands call these functions and never
change `Article.status` themselves. A refused step raises `PermissionDenied` (not for this
person) or `ValidationError` (not from this state, or something missing); none is a silent no-op.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coalition import revisions
from partners.models import Membership

from . import notifications
from .models import Article, ArticleTransition

Status = Article.Status

CHANGE_PERMISSION = "articles.change_article"
REVIEW_PERMISSION = "articles.review_article"
PUBLISH_PERMISSION = "articles.publish_article"

# The states in which an author may still edit their own article.
AUTHOR_EDITABLE = {Status.DRAFT, Status.CHANGES_REQUESTED}
SUBMITTABLE = {Status.DRAFT, Status.CHANGES_REQUESTED}
PUBLISHABLE = {Status.DRAFT, Status.APPROVED, Status.UNPUBLISHED}

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
class Action:
    """A transition as the admin offers it: its name and its button label."""

    name: str
    label: str


ACTIONS = [
    Action("submit", gettext_lazy("Submit for review")),
    Action("withdraw", gettext_lazy("Withdraw from review")),
    Action("request_changes", gettext_lazy("Request changes")),
    Action("approve", gettext_lazy("Approve")),
    Action("publish", gettext_lazy("Publish")),
    Action("unpublish", gettext_lazy("Unpublish")),
]


# Roles ------------------------------------------------------------------------------------


def is_editor(user):
    """Editors review and publish (superusers included)."""
    return user.has_perm(REVIEW_PERMISSION) or user.has_perm(PUBLISH_PERMISSION)


def is_author(user, article):
    return user.is_authenticated and user.is_active and article.author_id == user.pk


def is_submitter(user, article):
    return user.is_authenticated and user.is_active and article.submitted_by_id == user.pk


def is_source_partner_staff(user, article):
    """Staff of the partner organisation whose story this is (written in the portal)."""
    if not (user.is_authenticated and user.is_active and article.source_partner_id):
        return False
    return Membership.objects.filter(user=user, partner_id=article.source_partner_id).exists()


def edit_allowed(user, article):
    """Editors edit anything; authors only their own drafts and those sent back to them."""
    if not user.has_perm(CHANGE_PERMISSION):
        return False
    if is_editor(user):
        return True
    return is_author(user, article) and article.status in AUTHOR_EDITABLE


def is_scheduled(article, now=None):
    """Live, but the public sees it only from `publish_at`, which is still to come.

    Keyed on `live`, not on the status: edits made after scheduling move the status back
    to draft while the scheduled (live) version still goes out at `publish_at`.
    """
    now = now or timezone.now()
    return article.live and article.publish_at is not None and article.publish_at > now


def working_copy_changes(article):
    """What else an edit of a live article changes: a published one's working copy becomes a
    draft again, while the public keeps seeing the published version."""
    return {"status": Status.DRAFT} if article.status == Status.PUBLISHED else {}


# Checks: each raises PermissionDenied or ValidationError, or returns ----------------------


def _check_submit(user, article):
    if not (is_author(user, article) or is_source_partner_staff(user, article) or is_editor(user)):
        raise PermissionDenied(
            _("Only the author, the partner's staff or an editor may submit this article.")
        )
    live_with_changes = article.status == Status.PUBLISHED and article.has_unpublished_changes
    if article.status not in SUBMITTABLE and not live_with_changes:
        raise ValidationError(
            _("Only a draft or an article sent back for changes can be submitted for review.")
        )


def _check_withdraw(user, article):
    if not (is_submitter(user, article) or is_editor(user)):
        raise PermissionDenied(_("Only the person who submitted it or an editor may withdraw it."))
    if article.status != Status.IN_REVIEW:
        raise ValidationError(_("Only an article in review can be withdrawn."))


def _check_review(user, article):
    if not user.has_perm(REVIEW_PERMISSION):
        raise PermissionDenied(_("Only editors may review articles."))
    if article.status != Status.IN_REVIEW:
        raise ValidationError(_("Only an article in review can be approved or sent back."))


def _check_publish(user, article):
    if not user.has_perm(PUBLISH_PERMISSION):
        raise PermissionDenied(_("Only editors may publish articles."))
    live_with_changes = article.status == Status.PUBLISHED and article.has_unpublished_changes
    if article.status not in PUBLISHABLE and not live_with_changes:
        raise ValidationError(
            _(
                "Only a draft, an approved or an unpublished article, or changes to a live "
                "one, can be published."
            )
        )


def _check_unpublish(user, article):
    if not user.has_perm(PUBLISH_PERMISSION):
        raise PermissionDenied(_("Only editors may unpublish articles."))
    if not article.live:
        raise ValidationError(_("Only a published article can be unpublished."))


CHECKS = {
    "submit": _check_submit,
    "withdraw": _check_withdraw,
    "request_changes": _check_review,
    "approve": _check_review,
    "publish": _check_publish,
    "unpublish": _check_unpublish,
}


def check(user, action, article):
    """Raise PermissionDenied or ValidationError unless `user` may do `action` now."""
    if action not in CHECKS:
        raise ValidationError(_("There is no such workflow step."))
    CHECKS[action](user, article)


def can(user, action, article):
    """True when `user` may do `action` on `article` in its present state."""
    try:
        check(user, action, article)
    except (PermissionDenied, ValidationError):
        return False
    return True


def available_actions(user, article):
    """The steps `user` may take with `article` now, in the order the admin shows them."""
    return [action for action in ACTIONS if can(user, action.name, article)]


# Transitions ------------------------------------------------------------------------------


def _lock(article):
    """Re-read the workflow fields under a row lock, inside the caller's transaction."""
    article.refresh_from_db(
        from_queryset=Article.objects.select_for_update(), fields=WORKFLOW_FIELDS
    )


def _record(article, from_status, actor, comment, fields):
    article.save(update_fields=fields)
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
        check(user, "submit", article)
        if reviewer and not (reviewer.is_active and reviewer.has_perm(REVIEW_PERMISSION)):
            raise ValidationError({"reviewer": _("The reviewer must be an editor.")})
        if due is not None and due < timezone.localdate():
            raise ValidationError({"due": _("The due date cannot be in the past.")})
        from_status = article.status
        article.status = Status.IN_REVIEW
        article.submitted_by = user
        article.reviewer = reviewer
        article.review_due = due
        step = _record(
            article,
            from_status,
            user,
            comment,
            ["status", "submitted_by", "reviewer", "review_due"],
        )
        notifications.notify("submitted", article, actor=user, comment=comment)
    return step


def withdraw(article, user, comment=""):
    """Take an article back from review, to go on working on it."""
    with transaction.atomic():
        _lock(article)
        check(user, "withdraw", article)
        article.status = Status.DRAFT
        return _record(article, Status.IN_REVIEW, user, comment, ["status"])


def request_changes(article, user, comment):
    """Send an article back to its author; the comment says what to change."""
    comment = (comment or "").strip()
    with transaction.atomic():
        _lock(article)
        check(user, "request_changes", article)
        if not comment:
            raise ValidationError({"comment": _("Say what should change.")})
        article.status = Status.CHANGES_REQUESTED
        step = _record(article, Status.IN_REVIEW, user, comment, ["status"])
        notifications.notify("changes_requested", article, actor=user, comment=comment)
    return step


def approve(article, user, comment=""):
    """Accept an article in review, ready to be published."""
    with transaction.atomic():
        _lock(article)
        check(user, "approve", article)
        article.status = Status.APPROVED
        step = _record(article, Status.IN_REVIEW, user, comment, ["status"])
        notifications.notify("approved", article, actor=user, comment=comment)
    return step


def publish(article, user, at=None, comment=""):
    """Make an article (or the pending changes of a live one) public, now or at `at`.

    With a future `at` (or `publish_at`) the article is scheduled: it is published and live,
    and `published()` shows it from that moment; `publish_scheduled` does the rest then.
    """
    now = timezone.now()
    with transaction.atomic():
        _lock(article)
        check(user, "publish", article)
        # The pending changes may carry new dates, so they are applied first; an error
        # below rolls them back with everything else.
        revisions.apply_pending(article, user)
        publish_at = at if at is not None else article.publish_at
        if article.unpublish_at and article.unpublish_at <= max(now, publish_at or now):
            raise ValidationError(
                {"unpublish_at": _("The unpublish date comes first; change or clear it.")}
            )
        article.publish_at = publish_at
        from_status = article.status
        scheduled = article.publish_at is not None and article.publish_at > now
        moment = article.publish_at if scheduled else now
        article.status = Status.PUBLISHED
        article.has_unpublished_changes = False
        article.first_published_at = article.first_published_at or moment
        article.last_published_at = moment
        fields = ["status", "live", "has_unpublished_changes", "publish_at"]
        fields += ["first_published_at", "last_published_at"]
        step = _record(article, from_status, user, comment, fields)
        notifications.notify("scheduled" if scheduled else "published", article, actor=user)
        if not scheduled:
            transaction.on_commit(lambda: purge_public_cache(article), robust=True)
    return step


def unpublish(article, user, comment=""):
    """Take an article off the public site; its public URL then answers 410 Gone."""
    with transaction.atomic():
        _lock(article)
        check(user, "unpublish", article)
        step = _take_down(article, user, comment)
        transaction.on_commit(lambda: purge_public_cache(article), robust=True)
    return step


def _take_down(article, actor, comment):
    # The public no longer sees the row, so pending edits become the working copy of the
    # unpublished article rather than a draft that a later save of the form (which no longer
    # shows it) would leave behind and publishing would bring back over newer work.
    revisions.apply_pending(article, actor)
    from_status = article.status
    article.status = Status.UNPUBLISHED
    article.has_unpublished_changes = False
    fields = ["status", "live", "has_unpublished_changes"]
    step = _record(article, from_status, actor, comment, fields)
    notifications.notify("unpublished", article, actor=actor, comment=comment)
    return step


def perform(action, article, user, *, comment="", reviewer=None, due=None):
    """Take the step named `action`, with what the admin's workflow form collected."""
    if action == "submit":
        return submit(article, user, reviewer=reviewer, due=due, comment=comment)
    if action == "withdraw":
        return withdraw(article, user, comment=comment)
    if action == "request_changes":
        return request_changes(article, user, comment)
    if action == "approve":
        return approve(article, user, comment=comment)
    if action == "publish":
        return publish(article, user, comment=comment)
    if action == "unpublish":
        return unpublish(article, user, comment=comment)
    raise ValidationError(_("There is no such workflow step."))


# Scheduled publishing (the publish_scheduled command) --------------------------------------


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
    """Record that a scheduled article went live, tell its author and purge cached pages."""
    with transaction.atomic():
        step = ArticleTransition.objects.create(
            article=article,
            from_status=Status.PUBLISHED,
            to_status=Status.PUBLISHED,
            actor=None,
            comment=_("Went live at the scheduled time."),
        )
        notifications.notify("published", article, actor=None)
        transaction.on_commit(lambda: purge_public_cache(article), robust=True)
    return step


def unpublish_expired(article):
    """Unpublish an article whose unpublish_at has passed, as the system.

    Its pending edits, if any, are kept as the unpublished working copy (see `_take_down`).
    """
    with transaction.atomic():
        step = _take_down(article, None, _("Unpublished at the scheduled time."))
        transaction.on_commit(lambda: purge_public_cache(article), robust=True)
    return step


# Cached public pages ----------------------------------------------------------------------

# Keys under which public pages that show articles may be cached. A view that caches one of
# these pages must use these keys (see `public_cache_keys`) so that publishing clears it.
HOME_CACHE_KEY = "coalition:home"
ARTICLE_LIST_CACHE_KEY = "articles:list"
ARTICLE_FEEDS_CACHE_KEY = "articles:feeds"
SITEMAP_CACHE_KEY = "coalition:sitemap"


def article_cache_key(article):
    return f"articles:detail:{article.slug}"


def public_cache_keys(article):
    """Every cache key of a public page that shows `article` or lists articles."""
    return [
        article_cache_key(article),
        HOME_CACHE_KEY,
        ARTICLE_LIST_CACHE_KEY,
        ARTICLE_FEEDS_CACHE_KEY,
        SITEMAP_CACHE_KEY,
    ]


def purge_public_cache(article):
    """Forget the cached public pages that show `article`, after it goes live or down."""
    cache.delete_many(public_cache_keys(article))


# Who may read an article's working copy ----------------------------------------------------


def can_view_draft(user, article):
    """Editors read every article's draft, history and previews; others only their own.

    An article is one's own when one is its author, submitted it for review or was named to
    review it. The article admin narrows its queryset with `drafts_visible_to`, so every admin
    page of an article (change form, preview, shared links, history, comparison, restore)
    follows this rule.
    """
    if not (user.is_authenticated and user.is_active):
        return False
    return (
        is_editor(user)
        or is_author(user, article)
        or is_submitter(user, article)
        or article.reviewer_id == user.pk
    )


def drafts_visible_to(user, articles):
    """`articles` narrowed to those whose working copy `user` may read (see can_view_draft)."""
    if not (user.is_authenticated and user.is_active):
        return articles.none()
    if is_editor(user):
        return articles
    return (
        articles.filter(author=user)
        | articles.filter(submitted_by=user)
        | articles.filter(reviewer=user)
    )
