"""'Add your voice' done right: double opt-in, withdrawal, abuse checks and the editors' export."""

import csv
import datetime
import io
import re
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core import mail
from django.urls import resolve, reverse
from django.utils import timezone

from articles import signatures, workflow
from articles.models import Signature
from tests import factories
from tests.conftest import FROM_OUR_PAGE

pytestmark = pytest.mark.django_db

SENT_URL = "/articles/torture-in-kazakhstan/voice/sent/"
EXPORT_URL = "/admin/articles/signature/export/"


def sign_url(article):
    return reverse("articles:sign", kwargs={"slug": article.slug})


def sign(client, article, capture, **overrides):
    """Post the form and run what waits for the commit, such as the email."""
    with capture(execute=True):
        return client.post(
            sign_url(article), factories.signature_form_data(**overrides), **FROM_OUR_PAGE
        )


def links_in(message):
    return re.findall(r"https?://\S+", message.body)


def confirm_url(signature):
    return reverse("articles:confirm-signature", args=[signatures.confirmation_token(signature)])


def withdraw_url(signature):
    return reverse("articles:withdraw-signature", args=[signatures.withdrawal_token(signature)])


def named_by(link):
    """The view and the signature an emailed link names.

    Tokens carry the second they were signed in, so comparing them with one made later is flaky.
    """
    match = resolve(urlsplit(link).path)
    load = {
        "articles:confirm-signature": signatures.signature_for_confirmation,
        "articles:withdraw-signature": signatures.signature_for_withdrawal,
    }[match.view_name]
    return match.view_name, load(match.kwargs["token"])


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


@pytest.fixture
def pending(campaign):
    return factories.SignatureFactory(
        article=campaign, email="dana@example.org", confirmed_at=None
    )


# Double opt-in


def test_signing_emails_what_was_signed_with_confirm_and_withdraw_links(
    client, campaign, capture, settings
):
    settings.SITE_URL = "https://coalition.example.org"

    response = sign(client, campaign, capture)

    assert response.status_code == 303
    assert response["Location"] == SENT_URL
    signature = Signature.objects.get()
    assert signature.confirmed_at is None
    [message] = mail.outbox
    assert message.to == ["dana@example.org"]
    assert "Torture in Kazakhstan: Eradicated by 2013?" in message.subject
    assert "Call on Kazakhstan to investigate every complaint of torture." in message.body
    assert "within 7 days" in message.body
    confirm, withdraw, article = links_in(message)
    assert confirm.startswith("https://coalition.example.org/")
    assert named_by(confirm) == ("articles:confirm-signature", signature)
    assert withdraw.startswith("https://coalition.example.org/")
    assert named_by(withdraw) == ("articles:withdraw-signature", signature)
    assert article == "https://coalition.example.org/articles/torture-in-kazakhstan/"


def test_no_email_leaves_when_the_signature_is_not_committed(client, campaign, capture):
    with capture(execute=False) as callbacks:
        client.post(sign_url(campaign), factories.signature_form_data(), **FROM_OUR_PAGE)

    assert len(callbacks) == 1
    assert mail.outbox == []


def test_the_sent_page_tells_the_reader_to_check_their_email(client, campaign):
    response = client.get(SENT_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Check your email</h1>" in html
    assert "The link works for 7 days." in html
    assert 'content="noindex, nofollow"' in html


def test_the_sent_page_of_a_hidden_article_is_404(client, hidden_article):
    hidden_article.cta_enabled = True
    hidden_article.cta_prompt = "Act."
    hidden_article.save()
    url = reverse("articles:signature-sent", kwargs={"slug": hidden_article.slug})

    assert client.get(url).status_code == 404


def test_an_unconfirmed_signature_is_not_counted(client, campaign, pending):
    html = client.get(campaign.get_absolute_url()).content.decode()

    assert "0 people have added their voice." in html


def test_opening_the_confirmation_link_asks_before_counting(client, campaign, pending):
    response = client.get(confirm_url(pending))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Confirm your voice</h1>" in html
    assert "Torture in Kazakhstan: Eradicated by 2013?" in html
    assert "Call on Kazakhstan to investigate every complaint of torture." in html
    assert f"<dd>{pending.name}</dd>" in html
    assert '<form method="post">' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'content="noindex, nofollow"' in html
    pending.refresh_from_db()
    assert pending.confirmed_at is None


def test_a_mail_scanner_opening_the_link_counts_nothing(client, campaign, pending):
    for _attempt in range(3):
        client.get(confirm_url(pending))
        client.head(confirm_url(pending))

    pending.refresh_from_db()
    assert pending.confirmed_at is None
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert "0 people have added their voice." in page


def test_pressing_confirm_counts_the_voice(client, campaign, pending):
    url = confirm_url(pending)
    # The withdrawal link is signed with the time: the page's and the test's must agree.
    with time_machine.travel(timezone.now(), tick=False):
        response = client.post(url)
        html = client.get(url).content.decode()
        link = withdraw_url(pending)

    assert response.status_code == 303
    assert response["Location"] == url
    pending.refresh_from_db()
    assert pending.confirmed_at is not None
    assert "<h1>Your voice has been added</h1>" in html
    assert f'href="{link}"' in html
    assert 'href="/articles/torture-in-kazakhstan/#add-your-voice"' in html
    assert "<form" not in html.split("<main", 1)[-1].split("</main>", 1)[0]
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert "1 person has added their voice." in page


def test_confirming_needs_the_csrf_token(pending):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)

    assert client.post(confirm_url(pending)).status_code == 403
    pending.refresh_from_db()
    assert pending.confirmed_at is None


def test_following_the_confirmation_link_again_is_harmless(client, campaign, pending):
    client.post(confirm_url(pending))
    pending.refresh_from_db()
    first_confirmation = pending.confirmed_at

    opened = client.get(confirm_url(pending))
    pressed = client.post(confirm_url(pending))

    assert opened.status_code == 200
    assert b"<h1>Your voice has been added</h1>" in opened.content
    assert pressed.status_code == 303
    pending.refresh_from_db()
    assert pending.confirmed_at == first_confirmation
    assert Signature.objects.count() == 1


def test_the_link_from_the_email_confirms_once_pressed(client, campaign, capture):
    sign(client, campaign, capture)
    confirm_path = links_in(mail.outbox[0])[0].removeprefix("http://127.0.0.1:8000")

    assert client.get(confirm_path).status_code == 200
    assert Signature.objects.get().confirmed_at is None
    assert client.post(confirm_path).status_code == 303
    assert Signature.objects.get().confirmed_at is not None


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_expired_confirmation_link_offers_to_sign_again(client, campaign, pending, method):
    url = confirm_url(pending)

    with time_machine.travel(datetime.timedelta(days=8)):
        response = getattr(client, method)(url)

    assert response.status_code == 410
    html = response.content.decode()
    assert "This confirmation link has expired" in html
    assert 'href="/articles/torture-in-kazakhstan/#add-your-voice"' in html
    pending.refresh_from_db()
    assert pending.confirmed_at is None


def test_an_old_link_of_a_confirmed_voice_says_it_counts(client, campaign, pending):
    url = confirm_url(pending)
    client.post(url)

    with time_machine.travel(datetime.timedelta(days=30)):
        response = client.get(url)

    assert response.status_code == 200
    assert b"<h1>Your voice has been added</h1>" in response.content


def test_a_confirmation_link_works_until_the_set_number_of_days(client, pending, settings):
    settings.SIGNATURE_CONFIRM_DAYS = 2
    url = confirm_url(pending)

    with time_machine.travel(datetime.timedelta(days=1, hours=23)):
        assert client.get(url).status_code == 200
        assert client.post(url).status_code == 303
    pending.refresh_from_db()
    assert pending.confirmed_at is not None


def test_an_expired_link_of_a_closed_call_says_it_is_closed(client, campaign, pending):
    campaign.cta_enabled = False
    campaign.save()
    url = confirm_url(pending)

    with time_machine.travel(datetime.timedelta(days=8)):
        response = client.get(url)

    assert response.status_code == 410
    assert b"This call is no longer open." in response.content
    assert b"#add-your-voice" not in response.content


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: "x" + token,
        lambda token: "not-a-token",
    ],
)
def test_a_tampered_confirmation_link_is_404(client, pending, tamper, method):
    token = tamper(signatures.confirmation_token(pending))

    response = getattr(client, method)(reverse("articles:confirm-signature", args=[token]))

    assert response.status_code == 404
    pending.refresh_from_db()
    assert pending.confirmed_at is None


def test_a_withdrawal_link_does_not_confirm(client, pending):
    token = signatures.withdrawal_token(pending)
    url = reverse("articles:confirm-signature", args=[token])

    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    pending.refresh_from_db()
    assert pending.confirmed_at is None


def test_a_link_does_not_fit_a_later_signature_with_the_same_id(client, campaign, pending):
    url = confirm_url(pending)
    pk = pending.pk
    pending.delete()
    factories.SignatureFactory(
        pk=pk, article=campaign, email="other@example.org", confirmed_at=None
    )

    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert Signature.objects.get().confirmed_at is None


# Withdrawal


def test_opening_the_withdrawal_link_asks_before_deleting(client, pending):
    response = client.get(withdraw_url(pending))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Withdraw your voice</h1>" in html
    assert '<form method="post">' in html
    assert "Torture in Kazakhstan: Eradicated by 2013?" in html
    assert Signature.objects.filter(pk=pending.pk).exists()


def test_pressing_withdraw_deletes_the_signature(client, campaign):
    confirmed = factories.SignatureFactory(article=campaign)
    other = factories.SignatureFactory(article=campaign)

    response = client.post(withdraw_url(confirmed))

    assert response.status_code == 303
    assert response["Location"] == reverse("articles:signature-withdrawn")
    assert list(Signature.objects.all()) == [other]
    page = client.get(response["Location"])
    assert b"Your voice has been withdrawn" in page.content
    article = client.get(campaign.get_absolute_url()).content.decode()
    assert "1 person has added their voice." in article


def test_a_used_withdrawal_link_is_404(client, pending):
    url = withdraw_url(pending)
    client.post(url)

    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


def test_a_withdrawal_link_never_expires(client, pending):
    url = withdraw_url(pending)

    with time_machine.travel(datetime.timedelta(days=3650)):
        assert client.get(url).status_code == 200


def test_a_tampered_withdrawal_link_is_404(client, pending):
    token = signatures.withdrawal_token(pending)

    response = client.post(reverse("articles:withdraw-signature", args=[token + "x"]))

    assert response.status_code == 404
    assert Signature.objects.exists()


def test_withdrawing_needs_the_csrf_token(pending):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)

    assert client.post(withdraw_url(pending)).status_code == 403
    assert Signature.objects.exists()


def test_a_signature_on_a_closed_call_can_still_be_withdrawn(client, pending):
    workflow.place(pending.article, "unpublished")
    pending.article.save()

    assert client.post(withdraw_url(pending)).status_code == 303
    assert not Signature.objects.exists()


# Signing again


def test_signing_again_before_confirming_sends_the_link_again(client, campaign, pending, capture):
    response = sign(client, campaign, capture, email="DANA@example.org")

    assert response.status_code == 303
    assert response["Location"] == SENT_URL
    assert Signature.objects.get() == pending
    [message] = mail.outbox
    assert message.to == ["dana@example.org"]
    assert named_by(links_in(message)[0]) == ("articles:confirm-signature", pending)


def test_signing_again_after_confirming_tells_only_the_addresss_owner(client, campaign, capture):
    counted = factories.SignatureFactory(article=campaign, email="dana@example.org")

    response = sign(client, campaign, capture, name="Someone Else")

    assert response.status_code == 303
    assert response.url == SENT_URL
    [message] = mail.outbox
    assert message.to == ["dana@example.org"]
    assert "already" in message.subject
    assert named_by(links_in(message)[0]) == ("articles:withdraw-signature", counted)
    assert Signature.objects.get().name == "Dana Reader"


# Abuse


def test_the_form_has_a_honeypot_hidden_from_people(client, campaign):
    html = client.get(campaign.get_absolute_url()).content.decode()

    honeypot = re.search(r'<div class="honeypot" aria-hidden="true">(.*?)</div>', html, re.S)
    assert honeypot
    assert '<label for="id_website">Leave this empty:</label>' in honeypot.group(1)
    assert 'autocomplete="off"' in honeypot.group(1)
    assert 'tabindex="-1"' in honeypot.group(1)
    assert html.count('name="website"') == 1


def test_a_filled_honeypot_stores_nothing_and_keeps_what_was_typed(client, campaign, capture):
    response = sign(client, campaign, capture, website="https://spam.example")

    assert response.status_code == 400
    assert not Signature.objects.exists()
    assert mail.outbox == []
    html = response.content.decode()
    assert "Your voice could not be added; nothing has been stored." in html
    assert 'value="Dana Reader"' in html
    assert "Every complaint deserves an investigation." in html
    assert "spam.example" not in html


def test_too_many_attempts_from_one_address_are_refused(client, campaign, capture, settings):
    settings.SIGNATURE_RATE_LIMIT = 2
    settings.SIGNATURE_RATE_PERIOD = 3600
    sign(client, campaign, capture, email="one@example.org")
    sign(client, campaign, capture, email="two@example.org")

    response = sign(client, campaign, capture, email="three@example.org", name="Third Reader")

    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 3600
    html = response.content.decode()
    assert "Too many attempts from your connection. Please try again in" in html
    assert 'value="Third Reader"' in html
    assert 'value="three@example.org"' in html
    assert sorted(Signature.objects.values_list("email", flat=True)) == [
        "one@example.org",
        "two@example.org",
    ]
    assert len(mail.outbox) == 2


def test_the_rate_limit_counts_each_address_apart(client, campaign, capture, settings):
    settings.SIGNATURE_RATE_LIMIT = 1
    sign(client, campaign, capture, email="one@example.org")

    with capture(execute=True):
        response = client.post(
            sign_url(campaign),
            factories.signature_form_data(email="two@example.org"),
            REMOTE_ADDR="192.0.2.7",
            **FROM_OUR_PAGE,
        )

    assert response.status_code == 303
    assert Signature.objects.count() == 2


def test_mistakes_do_not_count_against_the_rate_limit(client, campaign, capture, settings):
    settings.SIGNATURE_RATE_LIMIT = 1
    mistakes = [{"email": "dana@example"}, {"consent": ""}, {"name": ""}, {"country": "abc"}]
    for mistake in mistakes:
        assert sign(client, campaign, capture, **mistake).status_code == 400

    assert sign(client, campaign, capture).status_code == 303
    assert sign(client, campaign, capture, email="two@example.org").status_code == 429
    assert Signature.objects.count() == 1


def test_a_filled_honeypot_counts_against_the_rate_limit(client, campaign, capture, settings):
    settings.SIGNATURE_RATE_LIMIT = 1

    assert sign(client, campaign, capture, website="https://spam.example").status_code == 400
    assert sign(client, campaign, capture, website="https://spam.example").status_code == 429
    assert sign(client, campaign, capture).status_code == 429
    assert not Signature.objects.exists()


def test_sending_the_link_again_counts_against_the_rate_limit(
    client, campaign, pending, capture, settings
):
    settings.SIGNATURE_RATE_LIMIT = 1

    assert sign(client, campaign, capture).status_code == 303
    assert sign(client, campaign, capture).status_code == 429
    assert len(mail.outbox) == 1


def test_asking_about_a_counted_address_counts_against_the_rate_limit(
    client, campaign, capture, settings
):
    factories.SignatureFactory(article=campaign, email="dana@example.org")
    settings.SIGNATURE_RATE_LIMIT = 1

    assert sign(client, campaign, capture).status_code == 303
    response = sign(client, campaign, capture)

    assert response.status_code == 429
    assert b"already added your voice" not in response.content


def test_a_forged_forwarded_header_is_ignored_without_trusted_proxies(
    client, campaign, capture, settings
):
    settings.SIGNATURE_RATE_LIMIT = 1
    settings.TRUSTED_PROXY_COUNT = 0

    def sign_as(email, forwarded_for):
        with capture(execute=True):
            return client.post(
                sign_url(campaign),
                factories.signature_form_data(email=email),
                HTTP_X_FORWARDED_FOR=forwarded_for,
                **FROM_OUR_PAGE,
            )

    assert sign_as("one@example.org", "198.51.100.1").status_code == 303
    assert sign_as("two@example.org", "198.51.100.2").status_code == 429


def test_behind_a_trusted_proxy_each_reader_has_their_own_limit(
    client, campaign, capture, settings
):
    settings.SIGNATURE_RATE_LIMIT = 1
    settings.TRUSTED_PROXY_COUNT = 1

    def sign_as(email, forwarded_for):
        with capture(execute=True):
            return client.post(
                sign_url(campaign),
                factories.signature_form_data(email=email),
                REMOTE_ADDR="10.0.0.2",
                HTTP_X_FORWARDED_FOR=forwarded_for,
                **FROM_OUR_PAGE,
            )

    assert sign_as("one@example.org", "198.51.100.1").status_code == 303
    assert sign_as("two@example.org", "198.51.100.2").status_code == 303
    # Whatever the client puts on the left, the proxy's entry on the right decides.
    assert sign_as("three@example.org", "203.0.113.9, 198.51.100.1").status_code == 429


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "address"),
    [
        (0, None, "10.0.0.2"),
        (0, "198.51.100.1", "10.0.0.2"),
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "203.0.113.9, 198.51.100.1", "198.51.100.1"),
        (2, "203.0.113.9, 198.51.100.1, 10.0.0.1", "198.51.100.1"),
        (2, "198.51.100.1", "10.0.0.2"),
        (1, None, "10.0.0.2"),
        (1, "", "10.0.0.2"),
        (1, "198.51.100.1, ", "10.0.0.2"),
    ],
)
def test_the_client_address_trusts_only_the_proxies_we_run(
    rf, settings, proxies, forwarded_for, address
):
    settings.TRUSTED_PROXY_COUNT = proxies
    headers = {} if forwarded_for is None else {"HTTP_X_FORWARDED_FOR": forwarded_for}
    request = rf.post("/", REMOTE_ADDR="10.0.0.2", **headers)

    assert signatures.client_address(request) == address


def test_the_rate_limit_opens_again_in_the_next_period():
    limit = signatures.RateLimit("test", limit=1, period=60)

    assert limit.hit("192.0.2.1", now=120) == 0
    assert limit.hit("192.0.2.1", now=150) == 30
    assert limit.hit("192.0.2.1", now=180) == 0


def test_signing_without_a_word_on_where_the_form_came_from_is_refused(campaign):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)

    assert client.post(sign_url(campaign), factories.signature_form_data()).status_code == 403
    assert not Signature.objects.exists()


# Privacy


def test_the_form_states_consent_and_privacy(client, campaign):
    html = client.get(campaign.get_absolute_url()).content.decode()

    assert "I agree that the coalition keeps these details." in html
    assert "We never publish your email address or share it." in html
    assert "never your email address" in html


def test_email_addresses_are_never_shown_publicly(client, campaign, pending):
    factories.SignatureFactory(article=campaign, email="confirmed.reader@example.org")
    pages = [
        campaign.get_absolute_url(),
        SENT_URL,
        "/",
        "/articles/",
        confirm_url(pending),
        withdraw_url(pending),
    ]

    for url in pages:
        html = client.get(url).content.decode()
        assert "confirmed.reader@example.org" not in html, url
        assert "dana@example.org" not in html, url


# Export


@pytest.fixture
def export_signatures(campaign):
    factories.SignatureFactory(
        article=campaign,
        name="Dana Reader",
        email="dana@example.org",
        country=factories.country("KZ"),
        message="Investigate, now.",
    )
    factories.SignatureFactory(
        article=campaign, name="=HYPERLINK(1)", email="eve@example.org", message=""
    )
    factories.SignatureFactory(
        article=campaign, email="unconfirmed@example.org", confirmed_at=None
    )
    factories.SignatureFactory(email="other.article@example.org")


def read_csv(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_editors_export_the_confirmed_signatures_of_an_article(
    client, editor, campaign, export_signatures
):
    client.force_login(editor)

    response = client.get(EXPORT_URL, {"article": campaign.pk})

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="signatures-torture-in-kazakhstan.csv"'
    )
    header, *rows = read_csv(response)
    assert header == ["name", "email", "country", "message", "confirmed_at"]
    assert [row[:4] for row in rows] == [
        ["Dana Reader", "dana@example.org", "Kazakhstan", "Investigate, now."],
        ["'=HYPERLINK(1)", "eve@example.org", "", ""],
    ]
    confirmed = Signature.objects.get(email="dana@example.org").confirmed_at
    assert rows[0][4] == confirmed.isoformat()


def test_staff_without_the_view_permission_cannot_export(client, author, campaign):
    factories.SignatureFactory(article=campaign)
    client.force_login(author)

    assert client.get(EXPORT_URL, {"article": campaign.pk}).status_code == 403


def test_the_export_needs_a_login(client, campaign):
    response = client.get(EXPORT_URL, {"article": campaign.pk})

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("article", ["", "abc", "99999", "1;DROP"])
def test_exporting_an_unknown_article_is_404(client, editor, campaign, article):
    client.force_login(editor)

    assert client.get(EXPORT_URL, {"article": article}).status_code == 404


def test_the_admin_action_exports_the_confirmed_among_the_selected(
    client, editor, campaign, export_signatures
):
    client.force_login(editor)
    selected = Signature.objects.filter(article=campaign)

    response = client.post(
        reverse("admin:articles_signature_changelist"),
        {"action": "export_confirmed_csv", "_selected_action": [s.pk for s in selected]},
    )

    assert response.status_code == 200
    emails = [row[1] for row in read_csv(response)[1:]]
    assert sorted(emails) == ["dana@example.org", "eve@example.org"]
