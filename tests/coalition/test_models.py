import pytest
from django.db import IntegrityError

from coalition.models import Country, Topic
from tests import factories

pytestmark = pytest.mark.django_db


def test_topic_str_is_its_name():
    assert str(factories.TopicFactory(name="Torture")) == "Torture"


def test_topic_slug_is_unique():
    factories.TopicFactory(name="Torture", slug="torture")
    with pytest.raises(IntegrityError):
        Topic.objects.create(name="Torture in custody", slug="torture")


def test_topic_name_is_unique():
    factories.TopicFactory(name="Torture", slug="torture")
    with pytest.raises(IntegrityError):
        Topic.objects.create(name="Torture", slug="torture-2")


def test_every_iso_country_is_loaded_with_kosovo():
    assert Country.objects.count() == 250
    names = dict(Country.objects.filter(code__in=["KZ", "KG", "XK"]).values_list("code", "name"))
    assert names == {"KZ": "Kazakhstan", "KG": "Kyrgyzstan", "XK": "Kosovo"}


def test_loaded_countries_have_slugs():
    assert factories.country("KZ").slug == "kazakhstan"
    assert not Country.objects.filter(slug="").exists()


def test_country_str_is_its_name():
    assert str(factories.country("KG")) == "Kyrgyzstan"


@pytest.mark.parametrize("code", ["kz", "K", "K1", "  "])
def test_country_code_must_be_two_capital_letters(code):
    with pytest.raises(IntegrityError):
        Country.objects.create(code=code, name="Nowhere", slug="nowhere")


def test_country_code_is_unique():
    with pytest.raises(IntegrityError):
        Country.objects.create(code="KZ", name="Kazakhstan again", slug="kazakhstan-again")


def test_country_slug_is_unique():
    with pytest.raises(IntegrityError):
        Country.objects.create(code="QQ", name="Kazakhstan again", slug="kazakhstan")


def test_a_well_formed_new_code_is_accepted():
    Country.objects.create(code="QQ", name="Test land", slug="test-land")
    assert Country.objects.filter(code="QQ").exists()
