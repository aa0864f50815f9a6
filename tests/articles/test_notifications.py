import datetime

import pytest
from django.core import mail
from django.utils import timezone

from articles import notifications, workflow
from articles.models import NotificationPreference
from coalition import mail as coalition_mail
from coalition.models import UndeliveredMail
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://coalition.example"
    settings.SITE_NAME = "Coalition for Justice"


@pytest.fixture
def second_editor(db):
    return factories.UserFactory(username="second-editor", is_staff=True, groups=["Editors"])


@pytest.fixture
def superuser(db):
    return factories.UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def article(author):
    return factories.ArticleFactory(
        title="Torture in Kazakhstan: Eradicated by 2013?",
        slug="torture-in-kazakhstan",
        status="draft",
        publish_at=None,
        author=author,
    )


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def in_review(article, submitter):
    article.status = "in_review"
    article.submitted_by = submitter
    article.save()
    return article


def test_nothing_is_sent_before_the_step_commits(
    django_capture_on_commit_callbacks, article, author, editor
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        workflow.submit(article, author)
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert recipients() == ["editor@example.org"]


def test_submitting_tells_every_editor_and_superuser(
    django_capture_on_commit_callbacks, article, author, editor, second_editor, superuser
):
    factories.UserFactory(username="away", groups=["Editors"], is_active=False)
    factories.UserFactory(username="colleague", groups=["Authors"])

    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(article, author, comment="Ready for a look.")

    assert recipients() == [
        "editor@example.org",
        "root@example.org",
        "second-editor@example.org",
    ]
    message = mail.outbox[0]
    assert message.subject == "For review: Torture in Kazakhstan: Eradicated by 2013?"
    assert f"{author.get_full_name()} submitted" in message.body
    assert '"Torture in Kazakhstan: Eradicated by 2013?"' in message.body
    assert "Ready for a look." in message.body
    assert f"https://coalition.example/admin/articles/article/{article.pk}/change/" in (
        message.body
    )


def test_submitting_to_a_named_reviewer_tells_only_them(
    django_capture_on_commit_callbacks, article, author, editor, second_editor
):
    due = timezone.localdate() + datetime.timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(article, author, reviewer=second_editor, due=due)
    assert recipients() == ["second-editor@example.org"]
    assert f"Please review it by {due:%-d %B %Y}." in mail.outbox[0].body


def test_nobody_is_told_of_their_own_action(
    django_capture_on_commit_callbacks, article, editor, second_editor
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(article, editor)
    assert recipients() == ["second-editor@example.org"]


def test_changes_requested_tells_the_author_and_the_submitter(
    django_capture_on_commit_callbacks, article, author, editor, partner_member
):
    in_review(article, partner_member)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.request_changes(article, editor, "The 2013 figures need a source.")
    assert recipients() == sorted([author.email, partner_member.email])
    message = mail.outbox[0]
    assert message.subject == "Changes requested: Torture in Kazakhstan: Eradicated by 2013?"
    assert "The 2013 figures need a source." in message.body
    assert f"{editor.get_full_name()} asks for changes" in message.body


def test_approval_tells_the_author(django_capture_on_commit_callbacks, article, author, editor):
    in_review(article, author)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(article, editor, "Well sourced.")
    assert recipients() == [author.email]
    message = mail.outbox[0]
    assert message.subject == "Approved: Torture in Kazakhstan: Eradicated by 2013?"
    assert f"{editor.get_full_name()} approved" in message.body
    assert "Well sourced." in message.body


def test_publication_tells_the_author_with_the_public_link(
    django_capture_on_commit_callbacks, article, author, editor
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(article, editor)
    assert recipients() == [author.email]
    message = mail.outbox[0]
    assert message.subject == "Published: Torture in Kazakhstan: Eradicated by 2013?"
    assert f"{editor.get_full_name()} published" in message.body
    assert "https://coalition.example/articles/torture-in-kazakhstan/" in message.body


def test_scheduling_tells_the_author_when_it_goes_live(
    django_capture_on_commit_callbacks, article, author, editor
):
    when = timezone.now() + datetime.timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(article, editor, at=when)
    assert recipients() == [author.email]
    assert mail.outbox[0].subject == "Scheduled: Torture in Kazakhstan: Eradicated by 2013?"
    assert f"{timezone.localtime(when):%-d %B %Y, %H:%M}" in mail.outbox[0].body


def test_publishing_at_the_present_moment_is_not_scheduling(
    django_capture_on_commit_callbacks, time_machine, article, author, editor
):
    time_machine.move_to(timezone.now(), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(article, editor, at=timezone.now())
    assert [message.subject for message in mail.outbox] == [
        "Published: Torture in Kazakhstan: Eradicated by 2013?"
    ]


def test_unpublishing_tells_the_author(
    django_capture_on_commit_callbacks, published_article, editor
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish(published_article, editor, "Facts disputed.")
    assert recipients() == [published_article.author.email]
    message = mail.outbox[0]
    assert message.subject == "Unpublished: Torture in Kazakhstan"
    assert f"{editor.get_full_name()} took" in message.body
    assert "Facts disputed." in message.body


def test_withdrawing_sends_nothing(django_capture_on_commit_callbacks, article, author):
    in_review(article, author)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.withdraw(article, author)
    assert mail.outbox == []


def test_switched_off_notifications_are_not_sent(
    django_capture_on_commit_callbacks, article, author, editor, second_editor
):
    NotificationPreference.objects.create(user=second_editor, on_submitted=False)
    NotificationPreference.objects.create(user=author, on_approved=False)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(article, author)
        workflow.request_changes(article, editor, "Shorter, please.")
    assert recipients() == ["author@example.org", "editor@example.org"]

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(article, author)
        workflow.approve(article, editor)
    assert recipients() == ["editor@example.org"]


def test_people_without_an_email_address_are_skipped(
    django_capture_on_commit_callbacks, article, author, editor
):
    author.email = ""
    author.save()
    in_review(article, author)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(article, editor)
    assert mail.outbox == []


def test_a_failing_mail_server_does_not_undo_the_step(
    django_capture_on_commit_callbacks, monkeypatch, article, author, editor
):
    def broken(*args, **kwargs):
        raise ConnectionRefusedError

    monkeypatch.setattr(coalition_mail, "get_connection", broken)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(article, author)
    article.refresh_from_db()
    assert article.status == "in_review"
    (undelivered,) = UndeliveredMail.objects.all()
    assert undelivered.task == "articles.workflow_mail"
    assert undelivered.recipient == editor.email
    assert "ConnectionRefusedError" in undelivered.error


def test_every_email_is_plain_text_without_html_escaping(article, author, editor):
    article.title = 'Rights & "wrongs" <2013>'
    for event in notifications.PREFERENCES:
        (message,) = notifications.messages_for(event, article, comment="A & B")
        assert article.title in message.subject
        assert "&amp;" not in message.body
        assert "&quot;" not in message.body


def test_a_partner_author_gets_portal_links_and_no_admin_link(
    django_capture_on_commit_callbacks, article, editor, partner_member
):
    article.author = partner_member
    article.save()
    in_review(article, partner_member)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.request_changes(article, editor, "The 2013 figures need a source.")
    (message,) = mail.outbox
    assert f"https://coalition.example/portal/stories/{article.pk}/" in message.body
    assert "https://coalition.example/portal/notifications/" in message.body
    assert "/admin/" not in message.body
    assert "in the admin" not in message.body


def test_staff_authors_still_get_the_admin_link(
    django_capture_on_commit_callbacks, article, author, editor
):
    in_review(article, author)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(article, editor)
    (message,) = mail.outbox
    assert f"https://coalition.example/admin/articles/article/{article.pk}/change/" in message.body
    assert "/portal/" not in message.body
