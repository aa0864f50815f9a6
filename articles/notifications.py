"""Workflow emails: who hears of which step, rendered from templates once the step is committed.

Templates live in templates/articles/email/: `<event>_subject.txt` and `<event>.txt`.
Nobody is told of their own action, and each person may switch each kind off
(`NotificationPreference`; no row means everything is on). The mail is a task
(`coalition.mail`): the step never waits on, or fails with, the mail server.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from coalition.mail import enqueue, mail_task
from coalition.urls_helpers import site_url

from .models import Article, NotificationPreference

# Each event and the preference that switches it off.
PREFERENCES = {
    "submitted": "on_submitted",
    "changes_requested": "on_changes_requested",
    "approved": "on_approved",
    "scheduled": "on_published",
    "published": "on_published",
    "unpublished": "on_published",
}


def notify(event, article, actor=None, comment=""):
    """Email the people concerned by `event` after the current transaction commits."""
    enqueue(workflow_mail, event, article.pk, actor.pk if actor else None, str(comment))


@mail_task("articles.workflow_mail")
def workflow_mail(event, article_id, actor_id=None, comment=""):
    """The emails of one workflow step, built from the article as it is now."""
    article = Article.objects.select_related("author", "submitted_by", "reviewer")
    article = article.filter(pk=article_id).first()
    if article is None:
        return []
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    return messages_for(event, article, actor, comment)


def reviewers():
    """Active people who may review articles: members of Editors (or granted it) and superusers."""
    may_review = Permission.objects.filter(
        content_type__app_label="articles", codename="review_article"
    )
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__in=may_review)
            | Q(user_permissions__in=may_review)
        )
        .distinct()
        .order_by("pk")
    )


def recipients(event, article, actor=None):
    """The people to email about `event`, without the actor and those who switched it off."""
    if event == "submitted":
        people = [article.reviewer] if article.reviewer_id else list(reviewers())
    else:
        people = [article.author, article.submitted_by]
    concerned = {
        person.pk: person for person in people if person and person.is_active and person.email
    }
    if actor is not None:
        concerned.pop(actor.pk, None)
    switched_off = set(
        NotificationPreference.objects.filter(
            user__in=list(concerned), **{PREFERENCES[event]: False}
        ).values_list("user_id", flat=True)
    )
    return [person for pk, person in concerned.items() if pk not in switched_off]


def display_name(user):
    return user.get_full_name() or user.get_username()


def messages_for(event, article, actor=None, comment=""):
    """One email per recipient, so that nobody sees the others' addresses."""
    context = {
        "article": article,
        "actor": actor,
        "actor_name": display_name(actor) if actor else _("The publishing schedule"),
        "comment": comment,
        "site_name": settings.SITE_NAME,
        "change_url": site_url(reverse("admin:articles_article_change", args=[article.pk])),
        "public_url": site_url(article.get_absolute_url()),
    }
    # Partner staff cannot use the admin: their links go to the partner portal's pages, which
    # the settings name (the portal sits above articles).
    portal_context = {
        "change_url": site_url(reverse(settings.PARTNER_STORY_URL, args=[article.pk])),
        "preferences_url": site_url(reverse(settings.PARTNER_NOTIFICATIONS_URL)),
    }
    messages = []
    for person in recipients(event, article, actor):
        person_context = {
            **context,
            **({} if person.is_staff else portal_context),
            "in_portal": not person.is_staff,
            "recipient": person,
            "recipient_name": display_name(person),
        }
        subject = render_to_string(f"articles/email/{event}_subject.txt", person_context)
        body = render_to_string(f"articles/email/{event}.txt", person_context)
        messages.append(EmailMessage(" ".join(subject.split()), body, to=[person.email]))
    return messages
