"""'Add your voice' on a cached article page: no per-reader token, still safe from other sites."""

import re

import pytest
from django.core import mail
from django.test import Client

from articles.models import Signature
from tests import factories

pytestmark = pytest.mark.django_db

OUR_ORIGIN = "http://testserver"


@pytest.fixture
def browser():
    """A browser whose requests Django checks for CSRF as it does in production."""
    return Client(enforce_csrf_checks=True)


def form_action(html):
    return re.search(r'<form method="post" action="([^"#]+)#add-your-voice"', html).group(1)


def test_a_reader_signs_from_the_cached_page(
    browser, page_cache, commit, site, django_assert_num_queries
):
    url = site["article"].get_absolute_url()
    browser.get(url)
    with django_assert_num_queries(0):
        page = browser.get(url).content.decode()
    assert "csrfmiddlewaretoken" not in page

    with commit():
        response = browser.post(
            form_action(page),
            factories.signature_form_data(),
            HTTP_SEC_FETCH_SITE="same-origin",
            HTTP_ORIGIN=OUR_ORIGIN,
            HTTP_REFERER=f"{OUR_ORIGIN}{url}",
        )

    assert response.status_code == 303
    assert response["Location"] == f"{url}voice/sent/"
    signature = Signature.objects.get()
    assert (signature.email, signature.confirmed_at) == ("dana@example.org", None)
    assert [message.to for message in mail.outbox] == [["dana@example.org"]]
    assert not browser.cookies


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": OUR_ORIGIN},
        {"HTTP_REFERER": f"{OUR_ORIGIN}/articles/torture-in-kazakhstan/"},
        {"HTTP_SEC_FETCH_SITE": "none"},
    ],
    ids=["origin-only", "referer-only", "the-readers-own-doing"],
)
def test_browsers_that_say_less_can_sign_too(browser, page_cache, site, headers):
    url = form_action(browser.get(site["article"].get_absolute_url()).content.decode())

    assert browser.post(url, factories.signature_form_data(), **headers).status_code == 303
    assert Signature.objects.count() == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "https://elsewhere.example"},
        # The browser's word wins over an Origin another site's script cannot set anyway.
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": OUR_ORIGIN},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_ORIGIN": "https://elsewhere.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_ORIGIN": "https://testserver"},
        {"HTTP_REFERER": "https://elsewhere.example/articles/torture-in-kazakhstan/"},
        {"HTTP_REFERER": "not a url"},
        {},
    ],
    ids=[
        "cross-site",
        "cross-site-claiming-our-origin",
        "same-site-but-another-origin",
        "foreign-origin",
        "opaque-origin",
        "other-scheme",
        "foreign-referer",
        "broken-referer",
        "says-nothing",
    ],
)
def test_a_form_sent_from_another_site_is_refused_and_nothing_typed_is_lost(
    browser, page_cache, site, headers
):
    url = site["article"].get_absolute_url()

    response = browser.post(
        f"{url}voice/",
        factories.signature_form_data(name="Dana Forged", website="http://spam.example"),
        **headers,
    )

    assert response.status_code == 403
    assert not Signature.objects.exists()
    assert mail.outbox == []
    html = response.content.decode()
    assert "the form did not come from this site" in html
    assert 'value="Dana Forged"' in html
    assert 'value="dana@example.org"' in html
    assert "Every complaint deserves an investigation." in html
    # The trap field is never sent back filled.
    assert "spam.example" not in html
    assert "csrfmiddlewaretoken" not in html


def test_the_reader_sends_the_refused_form_again_from_our_page(browser, page_cache, site):
    url = site["article"].get_absolute_url()
    refused = browser.post(
        f"{url}voice/", factories.signature_form_data(), HTTP_SEC_FETCH_SITE="cross-site"
    )

    again = browser.post(
        form_action(refused.content.decode()),
        factories.signature_form_data(),
        HTTP_SEC_FETCH_SITE="same-origin",
    )

    assert again.status_code == 303
    assert Signature.objects.count() == 1


def test_an_origin_trusted_in_the_settings_may_sign(browser, page_cache, site, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://coalition.example.org"]
    url = f"{site['article'].get_absolute_url()}voice/"

    response = browser.post(
        url, factories.signature_form_data(), HTTP_ORIGIN="https://coalition.example.org"
    )

    assert response.status_code == 303


def test_a_refusal_does_not_count_against_the_rate_limit(browser, page_cache, site, settings):
    settings.SIGNATURE_RATE_LIMIT = 1
    url = f"{site['article'].get_absolute_url()}voice/"
    for _ in range(3):
        browser.post(url, factories.signature_form_data(), HTTP_SEC_FETCH_SITE="cross-site")

    assert (
        browser.post(
            url, factories.signature_form_data(), HTTP_SEC_FETCH_SITE="same-origin"
        ).status_code
        == 303
    )


def test_the_other_forms_of_the_site_keep_djangos_csrf_token(browser, page_cache, site):
    html = browser.get("/accounts/login/").content.decode()

    assert "csrfmiddlewaretoken" in html
    response = browser.post(
        "/accounts/login/", {"username": "x", "password": "y"}, HTTP_ORIGIN=OUR_ORIGIN
    )
    assert response.status_code == 403
