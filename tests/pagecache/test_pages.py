"""Whole public pages cached for anonymous readers: what is stored, for whom, and its headers."""

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse

from articles import preview, signatures
from coalition import pagecache
from coalition.middleware import LocaleMiddleware, request_language
from tests import factories

pytestmark = pytest.mark.django_db


def stored_pages():
    """The keys of the pages in the (local memory) cache."""
    return [key for key in cache._cache if ":pagecache:page:" in key]


def public_urls(site):
    article, case, partner = site["article"], site["case"], site["partner"]
    return [
        "/",
        "/ru/",
        article.get_absolute_url(),
        site["translation"].get_absolute_url(),
        "/articles/",
        "/articles/?topic=torture",
        "/ru/articles/?topic=torture&page=1",
        "/partners/",
        partner.get_absolute_url(),
        "/cases/",
        case.get_absolute_url(),
        f"/ru{case.get_absolute_url()}",
        "/feeds/articles/rss/",
        "/feeds/articles/atom/",
        "/feeds/topics/torture/rss/",
        f"/feeds/cases/{case.pk}/atom/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/robots.txt",
    ]


def without_request_id(headers):
    return {name: value for name, value in headers.items() if name != "X-Request-ID"}


def test_every_public_page_is_served_from_the_cache_without_a_query(
    client, page_cache, site, django_assert_num_queries
):
    for url in public_urls(site):
        first = client.get(url)
        assert first.status_code == 200, url
        with django_assert_num_queries(0):
            again = client.get(url)
        assert again.status_code == 200
        assert again.content == first.content, url
        # Each response, cached or not, carries the id of its own request.
        assert again.headers["X-Request-ID"] != first.headers["X-Request-ID"], url
        assert without_request_id(again.headers) == without_request_id(first.headers), url
    assert len(stored_pages()) == len(public_urls(site))


def test_a_cached_page_renders_no_template(client, page_cache, site):
    url = site["article"].get_absolute_url()
    assert client.get(url).templates

    assert client.get(url).templates == []


def test_public_pages_set_no_cookie_and_do_not_vary_on_cookies(client, page_cache, site):
    for url in public_urls(site):
        response = client.get(url)
        assert not response.cookies, url
        assert "Cookie" not in response.get("Vary", ""), url
        assert b"csrfmiddlewaretoken" not in response.content, url


def test_the_headers_let_browsers_and_shared_caches_keep_a_page_briefly(client, page_cache, site):
    response = client.get(site["article"].get_absolute_url())

    assert response["Cache-Control"] == "public, max-age=30, s-maxage=60"
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith(" GMT")
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["X-Frame-Options"] == "DENY"


def test_a_page_is_stored_per_address(client, page_cache, site, fair_trial):
    other = factories.ArticleFactory(title="A fair trial denied", slug="fair-trial-denied")
    other.topics.add(fair_trial)

    torture = client.get("/articles/?topic=torture").content.decode()
    fair = client.get("/articles/?topic=fair-trial").content.decode()

    assert "Torture in Kazakhstan" in torture
    assert "A fair trial denied" not in torture
    assert "A fair trial denied" in fair
    assert "Torture in Kazakhstan" not in fair
    assert client.get("/articles/?topic=torture").content.decode() == torture


def test_a_page_is_stored_per_language(client, page_cache, site):
    english = client.get("/articles/")
    russian = client.get("/ru/articles/")

    assert '<html lang="en">' in english.content.decode()
    assert '<html lang="ru">' in russian.content.decode()
    assert client.get("/ru/articles/").content == russian.content


def test_pages_without_a_language_address_are_stored_per_language_asked_for(
    client, page_cache, site
):
    english = client.get("/feeds/articles/rss/", HTTP_ACCEPT_LANGUAGE="en")
    russian = client.get("/feeds/articles/rss/", HTTP_ACCEPT_LANGUAGE="ru")

    assert english.content != russian.content
    assert "Accept-Language" in english["Vary"]
    assert client.get("/feeds/articles/rss/", HTTP_ACCEPT_LANGUAGE="ru").content == (
        russian.content
    )


def test_the_language_cookie_chooses_the_stored_page_of_a_page_without_a_language_address(
    client, page_cache, site, settings
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    russian = client.get("/feeds/articles/rss/", HTTP_ACCEPT_LANGUAGE="en")
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    english = client.get("/feeds/articles/rss/", HTTP_ACCEPT_LANGUAGE="en")

    assert russian["Content-Language"] == "ru"
    assert english["Content-Language"] == "en"
    assert english.content != russian.content


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/", {}),
        ("/", {"HTTP_ACCEPT_LANGUAGE": "ru"}),
        ("/ru/articles/", {"HTTP_ACCEPT_LANGUAGE": "en"}),
        ("/kk/cases/", {}),
        ("/articles/", {"HTTP_COOKIE": "django_language=kk"}),
        ("/feeds/articles/rss/", {}),
        ("/feeds/articles/rss/", {"HTTP_ACCEPT_LANGUAGE": "kk, en;q=0.5"}),
        ("/feeds/articles/rss/", {"HTTP_ACCEPT_LANGUAGE": "de"}),
        ("/feeds/articles/atom/", {"HTTP_COOKIE": "django_language=ru"}),
        ("/sitemap.xml", {"HTTP_ACCEPT_LANGUAGE": "ru-RU"}),
        ("/robots.txt", {"HTTP_COOKIE": "django_language=xx"}),
    ],
)
def test_the_page_cache_finds_the_language_locale_middleware_gives(path, headers, rf):
    request = rf.get(path, **headers)
    found = request_language(request)

    LocaleMiddleware(lambda request: HttpResponse()).process_request(request)

    assert found == request.LANGUAGE_CODE


def test_a_page_made_in_another_language_than_its_key_says_is_not_stored(
    client, page_cache, site, monkeypatch
):
    monkeypatch.setattr(pagecache, "request_language", lambda request: "kk")

    response = client.get("/feeds/articles/rss/", HTTP_ACCEPT_LANGUAGE="ru")

    assert response["Content-Language"] == "ru"
    assert "private" in response["Cache-Control"]
    assert stored_pages() == []


# Conditional requests


def test_a_matching_etag_is_answered_with_304_without_a_query(
    client, page_cache, site, django_assert_num_queries
):
    url = site["article"].get_absolute_url()
    etag = client.get(url)["ETag"]

    with django_assert_num_queries(0):
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"] == "public, max-age=30, s-maxage=60"


def test_an_unchanged_date_is_answered_with_304(client, page_cache, site):
    url = site["article"].get_absolute_url()
    last_modified = client.get(url)["Last-Modified"]

    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_the_first_request_answers_a_conditional_get_too(client, page_cache, site):
    url = site["article"].get_absolute_url()
    etag = client.get(url)["ETag"]
    cache.clear()

    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_stale_etag_gets_the_whole_page(client, page_cache, site):
    url = site["article"].get_absolute_url()
    client.get(url)

    response = client.get(url, HTTP_IF_NONE_MATCH='"old"')

    assert response.status_code == 200
    assert b"Torture in Kazakhstan" in response.content


def test_head_is_answered_from_the_page_stored_for_get(
    client, page_cache, site, django_assert_num_queries
):
    url = site["article"].get_absolute_url()
    page = client.get(url)

    with django_assert_num_queries(0):
        response = client.head(url)

    assert response.status_code == 200
    assert response["ETag"] == page["ETag"]


# Who bypasses the cache


def test_a_logged_in_reader_gets_their_own_page_not_a_stored_one(client, page_cache, site, editor):
    url = site["article"].get_absolute_url()
    client.get(url)
    client.force_login(editor)

    response = client.get(url)

    assert "Log out" in response.content.decode()
    assert "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    assert len(stored_pages()) == 1


def test_a_page_made_for_a_logged_in_reader_is_never_stored(client, page_cache, site, editor):
    client.force_login(editor)
    url = site["article"].get_absolute_url()
    client.get(url)

    assert stored_pages() == []
    client.logout()
    assert "Log out" not in client.get(url).content.decode()


def test_any_session_cookie_bypasses_the_cache(client, page_cache, site, settings):
    url = site["article"].get_absolute_url()
    client.get(url)
    client.cookies[settings.SESSION_COOKIE_NAME] = "expired-or-forged"

    response = client.get(url)

    assert response.templates
    assert "private" in response["Cache-Control"]


def test_a_reader_with_messages_waiting_gets_them_not_a_stored_page(client, page_cache, site):
    url = site["article"].get_absolute_url()
    client.get(url)
    client.cookies["messages"] = "waiting"

    response = client.get(url)

    assert response.templates
    assert "private" in response["Cache-Control"]


def test_only_get_and_head_are_served_from_the_cache(client, page_cache, site):
    client.get("/articles/")

    response = client.post("/articles/")

    assert response.status_code == 405
    assert "private" in response["Cache-Control"]


def test_pages_that_are_not_public_are_never_stored(
    client, page_cache, site, editor, our_member_client, campaign_signature
):
    article = site["article"]
    urls = [
        "/healthz",
        "/search/?q=torture",
        "/accounts/login/",
        "/ru/accounts/login/",
        reverse("articles:shared-preview", args=[preview.make_preview_token(article)]),
        reverse(
            "articles:confirm-signature", args=[signatures.confirmation_token(campaign_signature)]
        ),
        reverse(
            "articles:withdraw-signature", args=[signatures.withdrawal_token(campaign_signature)]
        ),
        reverse("articles:signature-sent", args=[article.slug]),
        "/admin/login/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 302), url
        assert "public" not in response.get("Cache-Control", ""), url
    our_member_client.get("/portal/")

    assert stored_pages() == []


def test_not_found_and_gone_pages_are_not_stored(client, page_cache, site, hidden_article):
    assert client.get("/articles/no-such-article/").status_code == 404
    client.get(hidden_article.get_absolute_url())

    assert stored_pages() == []


def test_the_page_cache_can_be_turned_off(client, page_cache, site, settings):
    settings.PAGE_CACHE_ENABLED = False

    response = client.get(site["article"].get_absolute_url())

    assert "Cache-Control" not in response
    assert "ETag" not in response
    assert stored_pages() == []


def test_a_response_that_is_not_the_same_for_everyone_is_not_storable():
    assert pagecache.is_storable(HttpResponse("page"))

    with_cookie = HttpResponse("page")
    with_cookie.set_cookie("csrftoken", "x")
    varies = HttpResponse("page", headers={"Vary": "Accept-Language, Cookie"})
    with_nonce = HttpResponse(
        "page", headers={"Content-Security-Policy": "script-src 'self' 'nonce-abc123'"}
    )
    without_nonce = HttpResponse("page", headers={"Content-Security-Policy": "default-src 'self'"})
    private = HttpResponse("page", headers={"Cache-Control": "private"})

    assert not pagecache.is_storable(with_cookie)
    assert not pagecache.is_storable(varies)
    assert not pagecache.is_storable(with_nonce)
    assert pagecache.is_storable(without_nonce)
    assert not pagecache.is_storable(private)
    assert not pagecache.is_storable(HttpResponse("gone", status=410))


@pytest.fixture
def our_member_client(client, partner_member):
    from django.test import Client

    member = Client()
    member.force_login(partner_member)
    return member


@pytest.fixture
def campaign_signature(site):
    return factories.SignatureFactory(article=site["article"], confirmed_at=None)
