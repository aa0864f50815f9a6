"""Mail is a task: a failing or silent mail server never turns what a person did into an error.

Without a broker (as here and in `make run`) each task runs once its transaction commits;
`django_capture_on_commit_callbacks(execute=True)` runs those callbacks as Django would,
logging a failing robust callback by its `__qualname__`.
"""

import types

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from articles.models import Article, Signature
from coalition import mail as coalition_mail
from coalition.models import UndeliveredMail
from partners.models import Membership
from tests import factories
from tests.conftest import FROM_OUR_PAGE

pytestmark = pytest.mark.django_db

INVITE_URL = "/admin/partners/membership/invite/"


@pytest.fixture
def campaign(db):
    return factories.ArticleFactory(
        title="Torture in Kazakhstan", slug="torture-in-kazakhstan", cta_enabled=True
    )


def sign(client, campaign, capture, email="dana@example.org"):
    data = {"name": "Dana Reader", "email": email, "consent": "on"}
    with capture(execute=True):
        return client.post(
            reverse("articles:sign", kwargs={"slug": campaign.slug}), data, **FROM_OUR_PAGE
        )


def test_signing_with_the_mail_server_refusing_keeps_the_signature_and_lists_the_mail(
    client, campaign, refusing_smtp, django_capture_on_commit_callbacks
):
    response = sign(client, campaign, django_capture_on_commit_callbacks)

    assert response.status_code == 303
    assert Signature.objects.filter(email="dana@example.org", article=campaign).exists()
    (undelivered,) = UndeliveredMail.objects.all()
    assert undelivered.task == "articles.signature_confirmation"
    assert undelivered.recipient == "dana@example.org"
    assert campaign.title in undelivered.subject
    assert "ConnectionRefusedError" in undelivered.error


def test_signing_with_a_silent_mail_server_gives_up_after_email_timeout(
    client, campaign, silent_smtp, django_capture_on_commit_callbacks
):
    response = sign(client, campaign, django_capture_on_commit_callbacks)

    assert response.status_code == 303
    assert silent_smtp, "the mail server was reached"
    (undelivered,) = UndeliveredMail.objects.all()
    assert "timed out" in undelivered.error


def test_inviting_with_the_mail_server_refusing_keeps_the_membership(
    client, editor, partner, refusing_smtp, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    data = {
        "first_name": "Dana",
        "last_name": "Lawyer",
        "email": "dana@bureau.example.org",
        "partner": partner.pk,
        "role": Membership.Role.MEMBER,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(INVITE_URL, data)

    assert response.status_code == 302
    assert Membership.objects.filter(user__email="dana@bureau.example.org").exists()
    (undelivered,) = UndeliveredMail.objects.all()
    assert (undelivered.task, undelivered.recipient) == (
        "partners.invitation",
        "dana@bureau.example.org",
    )


def test_submitting_for_review_with_the_mail_server_refusing_keeps_the_step(
    client, partner, editor, refusing_smtp, django_capture_on_commit_callbacks
):
    member = factories.MembershipFactory(partner=partner).user
    story = factories.ArticleFactory(
        title="Our story",
        slug="our-story",
        status="draft",
        publish_at=None,
        author=member,
        source_partner=partner,
    )
    story.partners.add(partner)
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("portal:story-submit", args=[story.pk]))

    assert response.status_code == 303
    story.refresh_from_db()
    assert story.status == Article.Status.IN_REVIEW
    (undelivered,) = UndeliveredMail.objects.all()
    assert (undelivered.task, undelivered.recipient) == ("articles.workflow_mail", editor.email)


def test_password_reset_with_the_mail_server_refusing_answers_normally(
    client, refusing_smtp, django_capture_on_commit_callbacks
):
    user = factories.UserFactory(email="staff@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "staff@example.org"})

    assert response.status_code == 302
    (undelivered,) = UndeliveredMail.objects.all()
    assert undelivered.task == "accounts.password_reset"
    assert undelivered.recipient == user.email
    assert undelivered.arguments[0] == user.pk


def test_the_password_reset_token_is_made_by_the_task_not_sent_to_the_broker(
    client, django_capture_on_commit_callbacks, monkeypatch
):
    factories.UserFactory(email="staff@example.org")
    queued = []
    monkeypatch.setattr(coalition_mail, "send_now", lambda *args, **kw: queued.append(args))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": "staff@example.org"})

    ((task, *arguments),) = queued
    assert task.name == "accounts.password_reset"
    *plain, extra = arguments
    assert all(isinstance(argument, int | str | bool | None) for argument in plain)
    assert all(isinstance(value, str) for value in extra.values())
    assert "staff@example.org" not in str(arguments)
    assert "token" not in extra


def test_profile_change_notices_go_one_per_editor(
    client, partner, django_capture_on_commit_callbacks
):
    factories.UserFactory(username="e1", email="e1@example.org", is_staff=True, groups=["Editors"])
    factories.UserFactory(username="e2", email="e2@example.org", is_staff=True, groups=["Editors"])
    admin = factories.MembershipFactory(partner=partner, role=Membership.Role.ADMIN).user
    client.force_login(admin)
    data = {
        "summary": "A new summary.",
        "description": "We represent victims.",
        "website": "https://bureau.example.org/",
        "public_email": "office@bureau.example.org",
        "countries": [],
        "topics": [],
        "version": partner.version,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("portal:partner-edit", args=[partner.slug]), data)

    assert response.status_code == 303
    assert sorted(message.to for message in mail.outbox) == [
        ["e1@example.org"],
        ["e2@example.org"],
    ]


# Retries, then the list in the admin


def fake_task(retries, is_eager=False):
    calls = []

    def retry(**options):
        calls.append(options)
        return RuntimeError("retry")

    request = types.SimpleNamespace(retries=retries, is_eager=is_eager)
    task = types.SimpleNamespace(name="articles.workflow_mail", request=request, retry=retry)
    return task, calls


def failures():
    message = mail.EmailMessage("Subject", "Body", to=["dana@example.org"])
    return [(message, ConnectionRefusedError("refused"))]


def test_a_failure_is_retried_later_and_later_for_the_failed_recipients_only(settings, caplog):
    settings.MAIL_RETRIES, settings.MAIL_RETRY_DELAY = 5, 60
    for retries, countdown in [(0, 60), (1, 120), (4, 960)]:
        task, calls = fake_task(retries)
        with pytest.raises(RuntimeError, match="retry"):
            coalition_mail.handle_failures(task, (7,), "en", failures())
        assert calls[0]["countdown"] == countdown
        assert calls[0]["kwargs"] == {"only_to": ["dana@example.org"], "language": "en"}
    assert not UndeliveredMail.objects.exists()
    assert "articles.workflow_mail for [7] not delivered (attempt 1, will retry)" in caplog.text
    assert "dana@example.org" not in caplog.text


def test_after_the_last_retry_the_mail_is_recorded(settings, caplog):
    settings.MAIL_RETRIES = 5
    task, calls = fake_task(retries=5)

    coalition_mail.handle_failures(task, (7, None), "ru", failures())

    assert calls == []
    (undelivered,) = UndeliveredMail.objects.all()
    assert (undelivered.arguments, undelivered.language) == ([7, None], "ru")
    assert (undelivered.recipient, undelivered.subject) == ("dana@example.org", "Subject")
    assert "recorded for the admin" in caplog.text


def test_a_refused_recipient_does_not_stop_the_others(monkeypatch):
    import smtplib

    sent = []

    class Backend(mail.backends.locmem.EmailBackend):
        def send_messages(self, messages):
            if messages[0].to == ["bad@example.org"]:
                raise smtplib.SMTPRecipientsRefused({"bad@example.org": (550, b"no")})
            sent.extend(messages)
            return len(messages)

    monkeypatch.setattr(coalition_mail, "get_connection", lambda **kwargs: Backend())
    messages = [mail.EmailMessage("S", "B", to=[address]) for address in ("bad@x.org", "a@x.org")]
    messages[0].to = ["bad@example.org"]

    failed = coalition_mail.deliver(messages)

    assert [message.to for message, _error in failed] == [["bad@example.org"]]
    assert [message.to for message in sent] == [["a@x.org"]]


@pytest.fixture
def undelivered_confirmation(campaign):
    signature = factories.SignatureFactory(
        article=campaign, email="dana@example.org", confirmed_at=None
    )
    return UndeliveredMail.objects.create(
        task="articles.signature_confirmation",
        arguments=[signature.pk],
        recipient="dana@example.org",
        subject="Confirm your voice",
        error="ConnectionRefusedError: [Errno 111] Connection refused",
    )


def test_editors_see_the_mail_not_delivered(client, editor, undelivered_confirmation):
    client.force_login(editor)
    response = client.get(reverse("admin:coalition_undeliveredmail_changelist"))

    assert response.status_code == 200
    assert b"dana@example.org" in response.content
    assert b"Connection refused" in response.content


def test_authors_do_not_see_the_mail_not_delivered(client, author, undelivered_confirmation):
    client.force_login(author)
    response = client.get(reverse("admin:coalition_undeliveredmail_changelist"))
    assert response.status_code == 403


def test_send_again_delivers_the_mail_and_marks_it(
    client, editor, undelivered_confirmation, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:coalition_undeliveredmail_changelist"),
            {"action": "send_again", "_selected_action": [undelivered_confirmation.pk]},
        )

    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["dana@example.org"]
    assert "/confirm/" in message.body or "confirm" in message.body.lower()
    undelivered_confirmation.refresh_from_db()
    assert undelivered_confirmation.sent_again_at is not None


def test_sending_again_while_the_server_still_refuses_lists_it_again(
    undelivered_confirmation, refusing_smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        undelivered_confirmation.send_again()

    assert UndeliveredMail.objects.count() == 2


def test_a_broker_that_cannot_be_reached_records_the_mail(campaign, monkeypatch):
    from articles.signatures import confirmation_mail

    signature = factories.SignatureFactory(
        article=campaign, email="x@example.org", confirmed_at=None
    )

    def unreachable(*args, **kwargs):
        raise ConnectionRefusedError("broker down")

    monkeypatch.setattr(confirmation_mail, "apply_async", unreachable)

    coalition_mail.send_now(confirmation_mail, signature.pk, language="en")

    (undelivered,) = UndeliveredMail.objects.all()
    assert (undelivered.recipient, undelivered.arguments) == ("x@example.org", [signature.pk])
    assert "broker down" in undelivered.error


def test_the_editors_group_may_view_and_send_again_undelivered_mail():
    editors = Group.objects.get(name="Editors")
    codenames = set(editors.permissions.values_list("codename", flat=True))
    assert {"view_undeliveredmail", "change_undeliveredmail"} <= codenames
