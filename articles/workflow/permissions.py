"""Who may do what with an article: roles, who may take each step, who may edit or read drafts."""

from partners.models import Membership

from ..models import Article

Status = Article.Status

ADD_PERMISSION = "articles.add_article"
CHANGE_PERMISSION = "articles.change_article"
REVIEW_PERMISSION = "articles.review_article"
PUBLISH_PERMISSION = "articles.publish_article"

# The states in which an author may still edit their own article (and partner staff their
# story in the portal): the states it can be submitted from.
AUTHOR_EDITABLE = frozenset({Status.DRAFT, Status.CHANGES_REQUESTED})


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


# Who may take a step (each `Step` names one of these) --------------------------------------


def may_submit(user, article):
    return is_author(user, article) or is_source_partner_staff(user, article) or is_editor(user)


def may_withdraw(user, article):
    return is_submitter(user, article) or is_editor(user)


def may_review(user, article):
    return user.has_perm(REVIEW_PERMISSION)


def may_publish(user, article):
    return user.has_perm(PUBLISH_PERMISSION)


# Who may edit and read the working copy ---------------------------------------------------


def edit_allowed(user, article):
    """Editors edit anything; authors only their own drafts and those sent back to them."""
    if not user.has_perm(CHANGE_PERMISSION):
        return False
    if is_editor(user):
        return True
    return is_author(user, article) and article.status in AUTHOR_EDITABLE


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


def may_translate(user, article):
    """Whoever may write articles may translate one whose working copy they may read; the
    translation is then their own draft."""
    return user.has_perm(ADD_PERMISSION) and can_view_draft(user, article)


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
