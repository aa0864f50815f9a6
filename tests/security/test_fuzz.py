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
