"""Attacks on "Add your voice": probing who signed, reading links, counting after a call closed."""

import base64
import datetime
import re
import zlib

import pytest
import time_machine
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from articles import signatures, workflow
from articles.models import Signature
from tests import factories
from tests.conftest import FROM_OUR_PAGE

ADDRESS = "dana.reader@example.org"


@pytest.fixture
def campaign(db):
    return factories.ArticleFactory(
        title="Stop torture", slug="stop-torture", cta_enabled=True, cta_prompt="Stop it."
    )


@pytest.fixture
def counted(campaign):
    return factories.SignatureFactory(article=campaign, email=ADDRESS, name="Dana Reader")


@pytest.fixture
def pending(campaign):
    return factories.SignatureFactory(article=campaign, email=ADDRESS, confirmed_at=None)


def sign(client, campaign, email, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(
            reverse("articles:sign", args=[campaign.slug]),
            {"name": "A Prober", "email": email, "consent": "on"},
            **FROM_OUR_PAGE,
        )


def answer(response):
    """What the answer tells the person who sent the form: status, address, page."""
    return response.status_code, response.get("Location"), response.content


# Probing who signed ------------------------------------------------------------------------------


def test_a_counted_address_gets_the_same_answer_as_a_new_one(
    client, campaign, counted, django_capture_on_commit_callbacks
):
    known = sign(client, campaign, ADDRESS, django_capture_on_commit_callbacks)
    new = sign(client, campaign, "never.signed@example.org", django_capture_on_commit_callbacks)
    assert answer(known) == answer(new)
    assert known.status_code == 303


def test_the_owner_of_a_counted_address_is_told_by_email(
    client, campaign, counted, django_capture_on_commit_callbacks
):
    sign(client, campaign, ADDRESS.upper(), django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert message.to == [ADDRESS]
    assert "already added it" in message.body
    assert "A Prober" not in message.body
    counted.refresh_from_db()
    assert counted.name == "Dana Reader"
    assert Signature.objects.count() == 1


def test_a_pending_address_gets_the_same_answer_as_a_new_one(
    client, campaign, pending, django_capture_on_commit_callbacks
):
    known = sign(client, campaign, ADDRESS, django_capture_on_commit_callbacks)
    new = sign(client, campaign, "never.signed@example.org", django_capture_on_commit_callbacks)
    assert answer(known) == answer(new)


# Opaque links ----------------------------------------------------------------------------------


def decoded(token):
    """Everything a reader could decode from a link's token without the secret key."""
    payload = token.split(":")[0]
    compressed = payload.startswith(".")
    raw = base64.urlsafe_b64decode(payload.lstrip(".") + "=" * (-len(payload) % 4))
    return (zlib.decompress(raw) if compressed else raw).decode()


@pytest.mark.parametrize("make", [signatures.confirmation_token, signatures.withdrawal_token])
def test_a_link_does_not_carry_the_address(pending, make):
    token = make(pending)
    assert ADDRESS not in decoded(token)
    assert "example.org" not in decoded(token)
    assert "@" not in token


def test_the_emailed_links_do_not_carry_the_address(
    client, campaign, django_capture_on_commit_callbacks
):
    sign(client, campaign, ADDRESS, django_capture_on_commit_callbacks)
    [message] = mail.outbox
    tokens = re.findall(r"/voice/(?:confirm|withdraw)/([^/\s]+)/", message.body)
    assert len(tokens) == 2
    for token in tokens:
        assert "example.org" not in decoded(token)


def test_a_link_emailed_before_the_change_still_withdraws(client, pending):
    # Links sent before carried the address itself; withdrawal links never expire.
    legacy = signing.dumps([pending.pk, pending.email], salt=signatures.WITHDRAW_SALT)
    response = client.post(reverse("articles:withdraw-signature", args=[legacy]))
    assert response.status_code == 303
    assert not Signature.objects.filter(pk=pending.pk).exists()


def test_a_signed_id_alone_does_not_make_a_link(client, pending):
    forged = signing.dumps([pending.pk, "0" * 24], salt=signatures.CONFIRM_SALT)
    assert client.post(reverse("articles:confirm-signature", args=[forged])).status_code == 404
    pending.refresh_from_db()
    assert pending.confirmed_at is None


# Confirming after the call closed -----------------------------------------------------------


def close_call(campaign):
    campaign.cta_enabled = False
    campaign.save()


def unpublish(campaign):
    workflow.place(campaign, "unpublished")
    campaign.save()


def move_to_the_future(campaign):
    campaign.publish_at = campaign.publish_at + datetime.timedelta(days=365)
    campaign.save()


@pytest.mark.parametrize("closing", [close_call, unpublish, move_to_the_future])
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_confirmation_link_of_a_closed_call_counts_nothing(client, pending, closing, method):
    url = reverse("articles:confirm-signature", args=[signatures.confirmation_token(pending)])
    closing(pending.article)

    response = getattr(client, method)(url)

    assert response.status_code == 410
    assert "This call is closed" in response.text
    pending.refresh_from_db()
    assert pending.confirmed_at is None


def test_a_call_closing_while_the_page_is_open_counts_nothing(client, pending):
    url = reverse("articles:confirm-signature", args=[signatures.confirmation_token(pending)])
    assert client.get(url).status_code == 200
    close_call(pending.article)
    assert client.post(url).status_code == 410
    pending.refresh_from_db()
    assert pending.confirmed_at is None


def test_a_closed_call_still_offers_to_withdraw(client, pending):
    url = reverse("articles:confirm-signature", args=[signatures.confirmation_token(pending)])
    close_call(pending.article)
    # The withdrawal link is signed with the time: the page's and the test's must agree.
    with time_machine.travel(timezone.now(), tick=False):
        page = client.get(url).text
        withdraw = reverse(
            "articles:withdraw-signature", args=[signatures.withdrawal_token(pending)]
        )
    assert withdraw in page


def test_a_voice_counted_before_the_call_closed_still_shows_as_counted(client, counted):
    url = reverse("articles:confirm-signature", args=[signatures.confirmation_token(counted)])
    close_call(counted.article)
    assert client.get(url).status_code == 200


def test_signing_a_closed_call_is_404(client, campaign, django_capture_on_commit_callbacks):
    close_call(campaign)
    response = sign(client, campaign, ADDRESS, django_capture_on_commit_callbacks)
    assert response.status_code == 404
    assert mail.outbox == []
