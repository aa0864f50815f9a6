import pytest
from django.urls import reverse

from partners.models import Membership, Partner
from tests import factories
from tests.admin_helpers import admin_view_url, management_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def bureau():
    return factories.PartnerFactory(name="Almaty Bureau", slug="almaty-bureau")


@pytest.fixture
def dissolved():
    return factories.PartnerFactory(name="Osh Committee", slug="osh-committee", is_active=False)


def test_partner_changelist_lists_searches_and_filters(admin_client, bureau, dissolved):
    url = admin_view_url("partners", "partner", "changelist")

    response = admin_client.get(url)
    assert response.status_code == 200
    assert "Almaty Bureau" in response.text
    assert "Osh Committee" in response.text

    response = admin_client.get(url, {"q": "almaty"})
    assert response.status_code == 200
    assert "Almaty Bureau" in response.text
    assert "Osh Committee" not in response.text

    response = admin_client.get(url, {"is_active__exact": "0"})
    assert response.status_code == 200
    assert "Osh Committee" in response.text
    assert "Almaty Bureau" not in response.text


def test_partner_add_and_change_pages_load(admin_client, bureau):
    factories.MembershipFactory(partner=bureau)
    assert admin_client.get(admin_view_url("partners", "partner", "add")).status_code == 200
    response = admin_client.get(admin_view_url("partners", "partner", "change", bureau.pk))
    assert response.status_code == 200
    assert 'value="Almaty Bureau"' in response.text


def partner_form(**changes):
    return {
        "name": "Bishkek Legal Clinic",
        "short_name": "BLC",
        "slug": "bishkek-legal-clinic",
        "summary": "Lawyers for people tortured in custody.",
        "description": "We *represent* victims.",
        "website": "https://example.org/",
        "public_email": "info@example.org",
        "countries": [factories.country("KG").pk],
        "member_since": "2016-04-01",
        "is_active": "on",
        **management_form("memberships"),
        **changes,
    }


def test_posting_the_partner_add_form_creates_it_with_a_membership(admin_client):
    member = factories.UserFactory(username="nurlan")
    data = partner_form(
        **management_form("memberships", total=1),
        **{"memberships-0-user": member.pk, "memberships-0-role": "admin"},
    )

    response = admin_client.post(admin_view_url("partners", "partner", "add"), data)

    assert response.status_code == 302
    partner = Partner.objects.get(slug="bishkek-legal-clinic")
    assert partner.description_html == "<p>We <em>represent</em> victims.</p>"
    assert [c.code for c in partner.countries.all()] == ["KG"]
    membership = partner.memberships.get()
    assert (membership.user, membership.role) == (member, Membership.Role.ADMIN)


def test_partner_add_form_refuses_the_same_member_twice(admin_client):
    member = factories.UserFactory(username="nurlan")
    rows = {}
    for index in range(2):
        rows[f"memberships-{index}-user"] = member.pk
        rows[f"memberships-{index}-role"] = "member"
    data = partner_form(**management_form("memberships", total=2), **rows)

    response = admin_client.post(admin_view_url("partners", "partner", "add"), data)

    assert response.status_code == 200
    assert not Partner.objects.filter(slug="bishkek-legal-clinic").exists()


def test_the_logo_is_chosen_from_the_library(admin_client):
    image = factories.ImageFactory(title="Clinic logo", alt="Bishkek Legal Clinic logo")

    response = admin_client.post(
        admin_view_url("partners", "partner", "add"), partner_form(logo=image.pk)
    )

    assert response.status_code == 302
    assert Partner.objects.get(slug="bishkek-legal-clinic").logo == image


def test_an_unknown_library_image_is_refused_as_a_logo(admin_client):
    response = admin_client.post(
        admin_view_url("partners", "partner", "add"), partner_form(logo=987654)
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["logo"]
    assert not Partner.objects.exists()


def test_the_change_form_searches_the_library_and_shows_the_chosen_logo(admin_client):
    image = factories.ImageFactory(title="Clinic logo", alt="Bishkek Legal Clinic logo")
    partner = factories.PartnerFactory(logo=image)

    html = admin_client.get(admin_view_url("partners", "partner", "change", partner.pk))

    content = html.content.decode()
    # The autocomplete select, with the "+" that adds an image to the library in a popup.
    assert 'data-field-name="logo"' in content
    assert 'href="/admin/library/image/add/?_to_field=id&amp;_popup=1"' in content
    assert "Alt text: Bishkek Legal Clinic logo" in content
    assert f'href="/admin/library/image/{image.pk}/change/"' in content


def test_membership_changelist_lists_searches_and_filters(admin_client, bureau, dissolved):
    factories.MembershipFactory(
        partner=bureau, user=factories.UserFactory(username="nurlan"), role="admin"
    )
    factories.MembershipFactory(
        partner=dissolved, user=factories.UserFactory(username="bakyt"), role="member"
    )
    url = admin_view_url("partners", "membership", "changelist")

    response = admin_client.get(url)
    assert response.status_code == 200
    assert "nurlan" in response.text
    assert "bakyt" in response.text

    response = admin_client.get(url, {"q": "nurlan"})
    assert response.status_code == 200
    assert "nurlan" in response.text
    assert "bakyt" not in response.text

    response = admin_client.get(url, {"role__exact": "member"})
    assert response.status_code == 200
    assert "bakyt" in response.text
    assert "nurlan" not in response.text


def test_membership_add_and_change_pages_load(admin_client, bureau):
    membership = factories.MembershipFactory(
        partner=bureau, user=factories.UserFactory(username="nurlan")
    )
    assert admin_client.get(admin_view_url("partners", "membership", "add")).status_code == 200
    response = admin_client.get(admin_view_url("partners", "membership", "change", membership.pk))
    assert response.status_code == 200
    assert "nurlan" in response.text


def test_membership_user_autocomplete_finds_users(admin_client):
    factories.UserFactory(username="nurlan")
    factories.UserFactory(username="bakyt")
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "partners",
            "model_name": "membership",
            "field_name": "user",
            "term": "nurl",
        },
    )
    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == ["nurlan"]


def test_author_may_view_partners_but_not_memberships(client, author, bureau):
    client.force_login(author)
    assert (
        client.get(admin_view_url("partners", "partner", "change", bureau.pk)).status_code == 200
    )
    assert client.get(admin_view_url("partners", "membership", "changelist")).status_code == 403
