import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command

from articles import workflow
from articles.models import Article, ArticleTransition
from tests import factories

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)
TOMORROW = NOON + datetime.timedelta(days=1)


@pytest.fixture
def now(time_machine):
    time_machine.move_to(NOON, tick=False)
    return time_machine


@pytest.fixture
def approved(author, now):
    return factories.ArticleFactory(
        title="Verdict day", slug="verdict-day", status="approved", publish_at=None, author=author
    )


@pytest.fixture
def scheduled(approved, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(approved, editor, at=TOMORROW)
    mail.outbox.clear()
    return approved


def publish_scheduled(django_capture_on_commit_callbacks):
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled", stdout=out)
    return out.getvalue()


def test_nothing_happens_before_the_publication_time(
    scheduled, now, django_capture_on_commit_callbacks
):
    now.move_to(TOMORROW - datetime.timedelta(minutes=1))
    output = publish_scheduled(django_capture_on_commit_callbacks)
    assert "0 published, 0 unpublished." in output
    assert scheduled.transitions.count() == 1
    assert mail.outbox == []


def test_a_due_article_is_recorded_as_live_once(
    scheduled, now, author, django_capture_on_commit_callbacks
):
    now.move_to(TOMORROW + datetime.timedelta(seconds=30))
    cache.set(workflow.article_cache_key(scheduled), "old page")

    output = publish_scheduled(django_capture_on_commit_callbacks)

    assert f"Published {scheduled.pk} verdict-day (scheduled)" in output
    assert "1 published, 0 unpublished." in output
    step = scheduled.transitions.first()
    assert (step.from_status, step.to_status, step.actor) == ("published", "published", None)
    assert scheduled in Article.objects.published()
    assert [message.to for message in mail.outbox] == [[author.email]]
    assert "went live at the time it was scheduled for" in mail.outbox[0].body
    assert cache.get(workflow.article_cache_key(scheduled)) is None

    mail.outbox.clear()
    now.move_to(TOMORROW + datetime.timedelta(minutes=1))
    output = publish_scheduled(django_capture_on_commit_callbacks)
    assert "0 published, 0 unpublished." in output
    assert scheduled.transitions.count() == 2
    assert mail.outbox == []


def test_articles_published_at_once_or_without_history_are_left_alone(
    approved, editor, now, django_capture_on_commit_callbacks
):
    workflow.publish(approved, editor)
    factories.ArticleFactory(slug="old-news", publish_at=NOON - datetime.timedelta(days=9))
    now.move_to(TOMORROW)
    output = publish_scheduled(django_capture_on_commit_callbacks)
    assert "0 published, 0 unpublished." in output
    assert ArticleTransition.objects.count() == 1


def test_an_expired_article_is_unpublished_once(
    now, author, editor, django_capture_on_commit_callbacks
):
    article = factories.ArticleFactory(
        slug="campaign",
        status="approved",
        publish_at=None,
        unpublish_at=TOMORROW,
        author=author,
    )
    workflow.publish(article, editor)
    now.move_to(TOMORROW + datetime.timedelta(minutes=2))

    output = publish_scheduled(django_capture_on_commit_callbacks)

    assert f"Unpublished {article.pk} campaign (unpublish date passed)" in output
    assert "0 published, 1 unpublished." in output
    article.refresh_from_db()
    assert (article.status, article.live) == ("unpublished", False)
    step = article.transitions.first()
    assert (step.from_status, step.to_status, step.actor) == ("published", "unpublished", None)
    assert [message.subject for message in mail.outbox] == [f"Unpublished: {article.title}"]

    mail.outbox.clear()
    output = publish_scheduled(django_capture_on_commit_callbacks)
    assert "0 published, 0 unpublished." in output
    assert article.transitions.count() == 2
    assert mail.outbox == []


def test_an_article_both_due_and_expired_goes_live_then_comes_down(
    scheduled, now, django_capture_on_commit_callbacks
):
    Article.objects.filter(pk=scheduled.pk).update(
        unpublish_at=TOMORROW + datetime.timedelta(hours=1)
    )
    now.move_to(TOMORROW + datetime.timedelta(hours=2))
    output = publish_scheduled(django_capture_on_commit_callbacks)
    assert "1 published, 1 unpublished." in output
    assert [step.to_status for step in scheduled.transitions.all()] == [
        "unpublished",
        "published",
        "published",
    ]


def test_a_scheduled_article_taken_down_before_its_time_is_not_published(
    scheduled, now, editor, django_capture_on_commit_callbacks
):
    workflow.unpublish(scheduled, editor)
    now.move_to(TOMORROW + datetime.timedelta(hours=1))
    output = publish_scheduled(django_capture_on_commit_callbacks)
    assert "0 published, 0 unpublished." in output
    assert scheduled not in Article.objects.published()
