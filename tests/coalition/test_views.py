import datetime
from unittest import mock

import pytest
from django.db import DatabaseError, InterfaceError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.views import defaults

from coalition import health
from tests import factories

pytestmark = pytest.mark.django_db

HOME_QUERIES = 7


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


# Home


def test_home_answers_with_the_site_name(client, settings):
    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert f"<h1>{settings.SITE_NAME}</h1>".encode() in response.content


def test_home_shows_featured_articles_once(client):
    featured = factories.ArticleFactory(title="The featured campaign", is_featured=True)
    latest = factories.ArticleFactory(title="An ordinary story")

    response = client.get("/")

    assert response.context["featured_articles"] == [featured]
    assert list(response.context["latest_articles"]) == [latest]
    html = response.content.decode()
    assert html.count(f'href="{featured.get_absolute_url()}"') == 1
    assert f'<a href="{latest.get_absolute_url()}">An ordinary story</a>' in html


def test_home_shows_the_six_latest_articles_newest_first(client):
    articles = [factories.ArticleFactory(publish_at=days_ago(day)) for day in range(1, 9)]

    response = client.get("/")

    assert list(response.context["latest_articles"]) == articles[:6]
    assert articles[6].title.encode() not in response.content


def test_home_never_shows_unpublished_articles(client, published_article, draft_article):
    scheduled = factories.ArticleFactory(
        title="Scheduled story", is_featured=True, publish_at=days_ago(-1)
    )
    expired = factories.ArticleFactory(
        title="Expired story", publish_at=days_ago(10), unpublish_at=days_ago(1)
    )
    featured_draft = factories.ArticleFactory(
        title="Featured draft", is_featured=True, status="in_review", publish_at=None
    )

    response = client.get("/")

    assert response.context["featured_articles"] == []
    assert list(response.context["latest_articles"]) == [published_article]
    for hidden in (draft_article, scheduled, expired, featured_draft):
        assert hidden.title.encode() not in response.content


def test_home_shows_active_public_cases_with_last_update(client, public_case):
    factories.CaseEventFactory(case=public_case, date=datetime.date(2031, 4, 2))

    response = client.get("/")

    assert list(response.context["active_cases"]) == [public_case]
    html = response.content.decode()
    assert f'<a href="{public_case.get_absolute_url()}">Abdullaev v. Kazakhstan</a>' in html
    assert "Kazakhstan" in html
    assert '<time datetime="2031-04-02">2 April 2031</time>' in html


def test_home_never_shows_private_or_finished_cases(client, public_case, private_case):
    factories.LitigationCaseFactory(title="Closed v. Kazakhstan", status="closed")

    response = client.get("/")

    assert list(response.context["active_cases"]) == [public_case]
    assert b"Secret v. Kazakhstan" not in response.content
    assert b"Closed v. Kazakhstan" not in response.content


def test_home_shows_the_last_updated_cases_first_and_follows_each_change(client, public_case):
    cases = [
        factories.LitigationCaseFactory(
            title=f"Case {n}", status_changed_on=datetime.date(2030, 1, n)
        )
        for n in range(1, 6)
    ]
    public_case.status_changed_on = datetime.date(2029, 1, 1)
    public_case.save()
    assert client.get("/").context["active_cases"] == cases[:0:-1]

    # A new public event, a case closed, a case hidden: each shows at once.
    factories.CaseEventFactory(case=public_case, date=datetime.date(2031, 4, 2))
    assert client.get("/").context["active_cases"] == [public_case, *cases[:1:-1]]
    cases[4].status = "closed"
    cases[4].save()
    assert client.get("/").context["active_cases"] == [public_case, cases[3], cases[2], cases[1]]
    cases[3].is_public = False
    cases[3].save()
    assert client.get("/").context["active_cases"] == [public_case, cases[2], cases[1], cases[0]]


def test_home_last_update_ignores_private_events(client, public_case):
    factories.CaseEventFactory(case=public_case, date=datetime.date(2031, 4, 2), is_public=False)

    response = client.get("/")

    assert b"2 April 2031" not in response.content


def test_home_counts_and_shows_only_active_partners(client, partner, other_partner):
    factories.PartnerFactory(name="Dissolved Committee", is_active=False)

    response = client.get("/")

    assert response.context["partner_count"] == 2
    html = response.content.decode()
    assert "2 organisations work together in the coalition." in html
    assert f'<a href="{partner.get_absolute_url()}">Kazakhstan Bureau</a>' in html
    assert "Dissolved Committee" not in html


def test_home_with_nothing_published_still_answers(client, draft_article, private_case):
    response = client.get("/")

    assert response.status_code == 200
    assert b"No article yet." in response.content
    assert b"No active case yet." in response.content
    assert b"0 organisations work together" in response.content


def test_home_links_to_the_lists(client):
    html = client.get("/").content.decode()

    for url in (reverse("articles:list"), reverse("cases:list"), reverse("partners:list")):
        assert f'href="{url}"' in html


@pytest.mark.parametrize("number_of_items", [3, 30])
def test_home_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, number_of_items
):
    for number in range(number_of_items):
        factories.ArticleFactory(is_featured=number % 2 == 0)
        case = factories.LitigationCaseFactory(
            respondent_states=[factories.country("KZ"), factories.country("KG")]
        )
        factories.CaseEventFactory(case=case)
        factories.PartnerFactory().countries.add(factories.country("KZ"))

    with django_assert_max_num_queries(HOME_QUERIES):
        response = client.get("/")

    assert response.status_code == 200
    assert response.context["partner_count"] == number_of_items
    assert len(response.context["active_cases"]) == min(number_of_items, 4)


# Health check


def test_healthz_says_ok_for_each_component(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    lines = response.content.decode().splitlines()
    assert lines[:3] == ["database ok", "cache ok", "storage ok"]
    assert lines[3].startswith("broker skipped")
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_head_requests(client):
    assert client.head("/healthz").status_code == 200


def test_healthz_refuses_writes(client):
    assert client.post("/healthz").status_code == 405


@pytest.mark.parametrize("error", [DatabaseError("server closed"), InterfaceError("closed")])
def test_healthz_answers_503_when_the_database_fails(client, error):
    with mock.patch.object(health, "probe_database", side_effect=error):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert f"database failed: {type(error).__name__}" in response.content.decode()
    assert "cache ok" in response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]


# Error pages


def test_unknown_url_gives_the_404_page_in_the_site_style(client, settings):
    settings.DEBUG = False

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert '<header class="site-header">' in html
    assert settings.SITE_NAME in html
    assert "<h1>Page not found</h1>" in html
    assert '<meta name="robots" content="noindex">' in html


def test_missing_object_gives_the_404_page(client, settings):
    settings.DEBUG = False

    response = client.get("/partners/no-such-partner/")

    assert b"<h1>Page not found</h1>" in response.content


def test_server_error_page_renders_without_a_request_context():
    request = RequestFactory().get("/")

    response = defaults.server_error(request)

    assert response.status_code == 500
    html = response.content.decode()
    assert "<h1>Something went wrong</h1>" in html
    assert 'class="site-header"' in html
    assert 'href="/static/coalition/site.css"' in html


def test_permission_denied_page_is_in_the_site_style(settings):
    request = RequestFactory().get("/portal/")

    response = defaults.permission_denied(request, exception=None)

    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Access denied</h1>" in html
    assert settings.SITE_NAME in html


def test_bad_request_page_is_in_the_site_style(settings):
    request = RequestFactory().get("/")

    response = defaults.bad_request(request, exception=None)

    assert response.status_code == 400
    html = response.content.decode()
    assert "<h1>Bad request</h1>" in html
    assert settings.SITE_NAME in html
