import pytest
from django.db import IntegrityError

from partners.models import Membership, Partner
from tests import factories

pytestmark = pytest.mark.django_db


def test_published_holds_only_active_partners():
    active = factories.PartnerFactory()
    factories.PartnerFactory(is_active=False)
    assert list(Partner.objects.published()) == [active]


def test_for_user_holds_only_the_partners_the_user_is_a_member_of(partner, other_partner):
    membership = factories.MembershipFactory(partner=partner)
    factories.MembershipFactory(partner=other_partner)
    assert list(Partner.objects.for_user(membership.user)) == [partner]


def test_for_user_without_membership_is_empty(partner):
    assert not Partner.objects.for_user(factories.UserFactory()).exists()


def test_display_name_prefers_the_short_name():
    partner = factories.PartnerFactory.build(name="Kazakhstan Bureau", short_name="KIBHR")
    assert partner.display_name == "KIBHR"


def test_display_name_falls_back_to_the_name():
    partner = factories.PartnerFactory.build(name="Kazakhstan Bureau", short_name="")
    assert partner.display_name == "Kazakhstan Bureau"


def test_str_is_the_name():
    assert str(factories.PartnerFactory.build(name="Kazakhstan Bureau")) == "Kazakhstan Bureau"


def test_absolute_url_is_the_partner_page(partner):
    assert partner.get_absolute_url() == "/partners/kazakhstan-bureau/"


def test_description_is_rendered_to_html_on_save():
    partner = factories.PartnerFactory(description="We **document** torture.")
    assert "<strong>document</strong>" in partner.description_html


@pytest.mark.parametrize(
    ("description", "forbidden"),
    [
        ("<script>alert(1)</script>", "<script"),
        ('<img src="x.png" onerror="alert(1)">', "onerror"),
        ("[our site](javascript:alert(1))", "javascript:"),
    ],
)
def test_description_html_is_sanitised(description, forbidden):
    partner = factories.PartnerFactory(description=description)
    assert forbidden not in partner.description_html


def test_description_html_follows_an_edit(partner):
    partner.description = "Now *changed*."
    partner.save()
    partner.refresh_from_db()
    assert partner.description_html == "<p>Now <em>changed</em>.</p>"


def test_slug_is_unique(partner):
    with pytest.raises(IntegrityError):
        Partner.objects.create(name="Another name", slug=partner.slug, summary="Another.")


def test_one_membership_per_user_and_partner(partner):
    membership = factories.MembershipFactory(partner=partner)
    with pytest.raises(IntegrityError):
        Membership.objects.create(
            user=membership.user, partner=partner, role=Membership.Role.ADMIN
        )


def test_a_user_may_be_member_of_two_partners(partner, other_partner):
    membership = factories.MembershipFactory(partner=partner)
    factories.MembershipFactory(user=membership.user, partner=other_partner)
    assert membership.user.memberships.count() == 2


def test_membership_str_names_user_partner_and_role(partner):
    user = factories.UserFactory(username="aigerim")
    membership = factories.MembershipFactory(
        user=user, partner=partner, role=Membership.Role.ADMIN
    )
    assert str(membership) == "aigerim – Kazakhstan Bureau (partner admin)"
