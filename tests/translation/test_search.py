"""Search finds partners and cases by their translated text too, never what is hidden."""

import pytest
from django.db import connection

from coalition import search
from coalition.search.backends import text_search_config, with_translations
from coalition.search.sources import SearchDocument
from tests import factories

pytestmark = pytest.mark.django_db


def found(results):
    return [result.object for result in results[0:100]]


@pytest.fixture
def monitors():
    partner = factories.PartnerFactory(name="Osh Monitors", slug="osh-monitors")
    partner.set_translations("ru", {"summary": "Наблюдатели за местами лишения свободы."})
    partner.set_translations("kk", {"name": "Ош бақылаушылары"})
    partner.save()
    return partner


def test_a_partner_is_found_by_its_russian_summary(monitors):
    assert found(search.search("наблюдатели")) == [monitors]


def test_a_partner_is_found_by_its_kazakh_name(monitors):
    assert found(search.search("бақылаушылары")) == [monitors]


def test_a_case_is_found_by_its_translated_title_and_facts():
    case = factories.LitigationCaseFactory(title="Abdullaev v. Kazakhstan")
    case.set_translations(
        "ru", {"title": "Абдуллаев против Казахстана", "facts": "Заявителя **избили**."}
    )
    case.save()

    assert found(search.search("Абдуллаев")) == [case]
    assert found(search.search("избили")) == [case]


def test_hidden_partners_and_cases_are_not_found_by_their_translations(monitors):
    monitors.is_active = False
    monitors.save()
    private = factories.LitigationCaseFactory(title="Secret", is_public=False)
    private.set_translations("ru", {"title": "Секретное дело наблюдатели"})
    private.save()

    assert found(search.search("наблюдатели")) == []
    assert found(search.search("секретное")) == []


def test_the_index_follows_a_changed_translation(monitors):
    monitors.set_translations("ru", {"summary": "Правозащитники из Оша."})
    monitors.save()

    assert found(search.search("наблюдатели")) == []
    assert found(search.search("правозащитники")) == [monitors]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming is PostgreSQL's")
def test_russian_translations_are_stemmed_in_russian_on_postgresql(monitors):
    assert found(search.search("наблюдателей")) == [monitors]


def test_each_language_has_its_postgresql_configuration(settings):
    settings.SEARCH_CONFIG = "russian"

    assert text_search_config("en") == "russian"  # the source language: the site's own
    assert text_search_config("ru") == "russian"
    assert text_search_config("de") == "german"
    assert text_search_config("kk") == "simple"  # PostgreSQL has no Kazakh stemmer
    assert text_search_config("xx") == "simple"


def test_the_sqlite_index_keeps_translations_in_the_body_column():
    document = SearchDocument(
        "Title", "Summary", "Body", translations=(("ru", "Заголовок", "Резюме", "Текст"),)
    )

    assert with_translations(document) == "Body Заголовок Резюме Текст"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="web search syntax is PostgreSQL's")
def test_excluding_a_word_excludes_it_in_every_language(monitors):
    other = factories.PartnerFactory(name="Bishkek Monitors", slug="bishkek-monitors")

    assert found(search.search("monitors -osh")) == [other]
