"""Hostile values in every address and query string: a clear 4xx, never a server error.

A fixed list of values, not random ones: the same requests every run, bounded in time.
"""

import pytest
from django.urls import reverse
from django.urls.converters import IntConverter

from tests import factories
from tests.admin_helpers import admin_url, change_form_data, open_change_form
from tests.security.urls import routes

# Zero and negatives are no ids; 2**63 overflows a signed 64-bit column and 2**64 any.
HOSTILE_IDS = ["0", "-1", str(2**63), str(2**64)]


def test_every_integer_in_an_address_uses_the_id_converter():
    plain_ints = [
        route.route
        for route in routes()
        if any(isinstance(c, IntConverter) for c in route.converters.values())
    ]
    assert plain_ints == []


def id_routes(surface):
    return [route for route in routes() if route.surface == surface and route.id_parameters]


def sweep(client, surface):
    """Each id parameter of each route of `surface`, one at a time, with each hostile value."""
    client.raise_request_exception = False
    answers = {}
    for route in id_routes(surface):
        for name in route.id_parameters:
            for value in HOSTILE_IDS:
                url = route.url(**{name: value})
                answers[url] = client.get(url).status_code
    assert answers, f"no {surface} route has an id"
    return answers


def test_hostile_ids_in_public_addresses_are_404(client, public_case):
    factories.CaseDocumentFactory(case=public_case)
    answers = sweep(client, "public") | sweep(client, "portal")
    assert {url: status for url, status in answers.items() if status not in (302, 404)} == {}


def test_hostile_ids_in_portal_addresses_are_404(client, partner_member):
    client.force_login(partner_member)
    answers = sweep(client, "portal")
    assert {url: status for url, status in answers.items() if status != 404} == {}


def test_hostile_ids_in_admin_addresses_are_never_a_server_error(admin_client, published_article):
    answers = sweep(admin_client, "admin")
    assert {url: status for url, status in answers.items() if status >= 500} == {}


@pytest.mark.parametrize("value", HOSTILE_IDS)
@pytest.mark.parametrize("side", ["a", "b"])
def test_comparing_revisions_with_hostile_numbers_is_404(
    admin_client, published_article, side, value
):
    numbers = {"a": "1", "b": "1", side: value}
    url = admin_url(published_article, "revisions_compare")
    response = admin_client.get(url, numbers)
    assert response.status_code == 404


def test_a_hostile_version_in_the_admin_form_is_a_form_error(admin_client, published_article):
    page = open_change_form(admin_client, published_article)
    data = change_form_data(page, title="Changed", opened_version=str(2**63))
    response = admin_client.post(admin_url(published_article, "change"), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["opened_version"]
    published_article.refresh_from_db()
    assert published_article.title != "Changed"


def test_a_hostile_version_in_a_portal_form_is_a_form_error(client, partner, partner_member):
    story = factories.ArticleFactory(
        source_partner=partner, author=partner_member, status="draft", publish_at=None
    )
    client.force_login(partner_member)
    response = client.post(
        reverse("portal:story-edit", args=[story.pk]),
        {
            "source_partner": partner.pk,
            "title": "Changed",
            "standfirst": "A summary.",
            "body": "Text.",
            "version": str(2**64),
        },
    )
    assert response.status_code == 400
    story.refresh_from_db()
    assert story.title != "Changed"


# Every public and portal address with hostile path values and query strings -------------------

HOSTILE_PATH_VALUES = [
    *HOSTILE_IDS,
    "%C3%A9t%C3%A9",  # unicode
    "%F0%9F%92%A5",  # an emoji, four bytes
    "..%2F..%2Fetc%2Fpasswd",
    "%00",
    "x" * 2000,
    "1%27%20OR%20%271%27%3D%271",  # SQL
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "%25",
    "%FF",  # not UTF-8
]

HOSTILE_QUERIES = [
    "page=-1",
    "page=0",
    f"page={10**30}",
    "page=abc",
    "page=1&page=2",
    "page[]=1",
    "q=" + "x" * 5000,
    "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "q=%00",
    "q=%FF%FE",
    "q=%27%22%3B--",
    "topic=..%2F..%2F",
    "topic[]=torture&topic[]=x",
    "country=ZZ&country=KZ",
    "partner=%00",
    f"case={2**64}",
    "case=-1",
    f"year={10**20}",
    "year=-2024",
    "kind=%3Cb%3E",
    "status=unknown&forum=x",
    "unknown=1&another[]=2",
    "format=json&callback=alert",
]


def fuzz_routes(surface):
    return [route for route in routes() if route.surface == surface]


def walk(client, surface):
    """Each route of `surface` with each hostile value in each parameter; the non-4xx/3xx/2xx."""
    client.raise_request_exception = False
    errors = {}
    for route in fuzz_routes(surface):
        for name in route.converters:
            for value in HOSTILE_PATH_VALUES:
                url = route.url(**{name: value})
                status = client.get(url).status_code
                if status >= 500:
                    errors[url[:120]] = status
    return errors


def query_walk(client, surface):
    """Each route of `surface` without parameters, with each hostile query string."""
    client.raise_request_exception = False
    errors = {}
    for route in fuzz_routes(surface):
        if route.converters:
            continue
        for query in HOSTILE_QUERIES:
            url = f"{route.url()}?{query}"
            status = client.get(url).status_code
            if status >= 500:
                errors[url[:120]] = status
    return errors


@pytest.fixture
def content(public_case, partner, published_article, torture):
    """Something behind each public address, so that pages do more than answer 404."""
    published_article.topics.add(torture)
    published_article.partners.add(partner)
    published_article.cases.add(public_case)
    factories.CaseDocumentFactory(case=public_case)


def test_hostile_path_values_never_cause_a_server_error(client, content, partner_member):
    assert walk(client, "public") == {}
    assert walk(client, "portal") == {}
    client.force_login(partner_member)
    assert walk(client, "portal") == {}


def test_hostile_query_strings_never_cause_a_server_error(client, content, partner_member):
    assert query_walk(client, "public") == {}
    client.force_login(partner_member)
    assert query_walk(client, "portal") == {}


def test_the_walk_covers_every_public_and_portal_page():
    names = {route.name for route in routes() if route.surface in ("public", "portal")}
    for expected in ("home", "search", "articles:list", "cases:list", "portal:dashboard"):
        assert expected in names
