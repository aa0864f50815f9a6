"""The portal's forms offer topics, countries and organisations in the reader's alphabet."""

import pytest
from django.urls import reverse

from tests import factories
from tests.translation.test_alphabetical_order import (
    IN_KAZAKH,
    IN_RUSSIAN,
    NAMES,
    three_languages,  # noqa: F401 - a fixture
)
from tests.translation.test_alphabetical_order import (
    countries as countries,  # noqa: F401 - a fixture
)
from tests.translation.test_alphabetical_order import topics as topics  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db


def labels(field, among):
    """The field's labels that are in `among`, in the order offered."""
    return [label for _value, label in field.choices if label in among]


def test_the_story_form_offers_topics_and_countries_in_kazakh_order(
    client, our_member, topics, countries
):
    client.force_login(our_member)

    response = client.get(reverse("portal:story-create"), HTTP_ACCEPT_LANGUAGE="kk")

    form = response.context["form"]
    assert labels(form.fields["topics"], IN_KAZAKH) == IN_KAZAKH
    assert labels(form.fields["countries"], IN_KAZAKH) == IN_KAZAKH
    assert sorted(IN_KAZAKH, key=response.text.index) == IN_KAZAKH


def test_the_story_form_offers_my_organisations_in_russian_order(client, our_member, partner):
    for english, russian, _kazakh in NAMES[:3]:
        other = factories.PartnerFactory(
            name=english, slug=english.lower(), translations={"ru": {"name": russian}}
        )
        factories.MembershipFactory(partner=other, user=our_member)
    client.force_login(our_member)

    response = client.get(reverse("portal:story-create"), HTTP_ACCEPT_LANGUAGE="ru")

    offered = labels(response.context["form"].fields["source_partner"], IN_RUSSIAN)
    assert offered == ["Дети", "Женщины", "Пытки"]


def test_the_profile_form_offers_topics_in_russian_order(client, our_admin, partner, topics):
    client.force_login(our_admin)

    response = client.get(
        reverse("portal:partner-edit", args=[partner.slug]), HTTP_ACCEPT_LANGUAGE="ru"
    )

    assert labels(response.context["form"].fields["topics"], IN_RUSSIAN) == IN_RUSSIAN


def test_english_keeps_the_database_order(client, our_member, topics):
    client.force_login(our_member)

    response = client.get(reverse("portal:story-create"), HTTP_ACCEPT_LANGUAGE="en")

    english = [name for name, _ru, _kk in NAMES]
    assert labels(response.context["form"].fields["topics"], english) == sorted(english)
