import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from articles import workflow
from articles.models import Article, ArticleTransition
from coalition import revisions
from tests import factories
from tests.admin_helpers import admin_url, change_form_data, open_change_form

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
    output = publish_scheduled(django_capture_on_commit_callbacks)

    assert f"Published {scheduled.pk} verdict-day (scheduled)" in output
    assert "1 published, 0 unpublished." in output
    step = scheduled.transitions.first()
    assert (step.from_status, step.to_status, step.actor) == ("published", "published", None)
    assert step.comment == "Went live at the scheduled time."
    assert scheduled in Article.objects.published()
    assert [message.to for message in mail.outbox] == [[author.email]]
    assert "went live at the time it was scheduled for" in mail.outbox[0].body

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
    assert step.comment == "Unpublished at the scheduled time."
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


def edit_in_the_admin(client, article, **changes):
    response = client.post(
        admin_url(article, "change"),
        change_form_data(open_change_form(client, article), **changes),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert revisions.pending_revision(article) is not None


def test_a_live_article_with_pending_edits_is_unpublished_when_its_time_is_up(
    now, author, editor, client, django_capture_on_commit_callbacks
):
    article = factories.ArticleFactory(
        title="Campaign",
        slug="campaign",
        status="approved",
        publish_at=None,
        unpublish_at=TOMORROW,
        author=author,
    )
    workflow.publish(article, editor)
    client.force_login(editor)
    edit_in_the_admin(client, article, title="Campaign, updated")
    assert (article.status, article.live) == ("draft", True)
    now.move_to(TOMORROW + datetime.timedelta(minutes=2))

    output = publish_scheduled(django_capture_on_commit_callbacks)

    assert f"Unpublished {article.pk} campaign (unpublish date passed)" in output
    assert "0 published, 1 unpublished." in output
    article.refresh_from_db()
    assert (article.status, article.live) == ("unpublished", False)
    step = article.transitions.first()
    assert (step.from_status, step.to_status, step.actor) == ("draft", "unpublished", None)
    assert [message.subject for message in mail.outbox] == ["Unpublished: Campaign, updated"]
    # The pending edit is kept as the working copy of the unpublished article.
    assert article.title == "Campaign, updated"
    assert not article.has_unpublished_changes
    assert revisions.pending_revision(article) is None
    assert client.get(article.get_absolute_url()).status_code == 410
    assert article not in Article.objects.published()

    mail.outbox.clear()
    assert "0 published, 0 unpublished." in publish_scheduled(django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_a_scheduled_article_edited_before_its_time_is_recorded_as_live(
    scheduled, now, author, editor, client, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    edit_in_the_admin(client, scheduled, title="Verdict day, corrected")
    assert scheduled.status == "draft"
    now.move_to(TOMORROW + datetime.timedelta(seconds=30))

    output = publish_scheduled(django_capture_on_commit_callbacks)

    assert f"Published {scheduled.pk} verdict-day (scheduled)" in output
    assert "1 published, 0 unpublished." in output
    step = scheduled.transitions.first()
    assert (step.from_status, step.to_status, step.actor) == ("published", "published", None)
    assert [message.to for message in mail.outbox] == [[author.email]]
    # The scheduled version goes live; the edit waits for its own review.
    public = Article.objects.published().get(pk=scheduled.pk)
    assert public.title == "Verdict day"
    assert revisions.pending_revision(scheduled).data["title"] == "Verdict day, corrected"

    mail.outbox.clear()
    assert "0 published, 0 unpublished." in publish_scheduled(django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_what_is_due_is_reckoned_at_the_moment_given_not_the_clock(scheduled, now):
    Article.objects.filter(pk=scheduled.pk).update(unpublish_at=TOMORROW + datetime.timedelta(1))
    later = TOMORROW + datetime.timedelta(days=2)

    assert list(workflow.due_to_go_live()) == []
    assert list(workflow.due_to_go_live(now=later)) == [scheduled]
    assert list(workflow.due_to_unpublish()) == []
    assert list(workflow.due_to_unpublish(now=later)) == [scheduled]
    now.move_to(later)
    assert list(workflow.due_to_go_live()) == [scheduled]
    assert list(workflow.due_to_go_live(now=NOON)) == []


def test_a_run_reckons_at_the_moment_given_not_the_clock(
    scheduled, now, django_capture_on_commit_callbacks
):
    Article.objects.filter(pk=scheduled.pk).update(unpublish_at=TOMORROW + datetime.timedelta(1))

    with django_capture_on_commit_callbacks(execute=True):
        assert workflow.publish_due() == ([], [])
        went_live, taken_down = workflow.publish_due(now=TOMORROW + datetime.timedelta(days=2))

    assert (went_live, taken_down) == ([scheduled], [scheduled])
    assert [step.to_status for step in scheduled.transitions.order_by("pk")] == [
        "published",
        "published",
        "unpublished",
    ]


def test_a_run_skips_the_rows_another_run_holds_where_the_database_can(monkeypatch):
    # PostgreSQL can: the second of two runs at once passes over a locked row, never waits.
    features = workflow.schedule.connection.features
    monkeypatch.setattr(features, "has_select_for_update_skip_locked", True)
    query = workflow.schedule._skip_locked(Article.objects.all()).query
    assert (query.select_for_update, query.select_for_update_skip_locked) == (True, True)

    monkeypatch.setattr(features, "has_select_for_update_skip_locked", False)
    query = workflow.schedule._skip_locked(Article.objects.all()).query
    assert (query.select_for_update, query.select_for_update_skip_locked) == (True, False)
