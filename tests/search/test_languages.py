"""Search per language: readers find the articles of their language; on PostgreSQL each
article is stemmed by its own language's configuration and the query by the reader's."""

import pytest
from django.db import connection
from django.utils import translation

from coalition import search
from tests import factories

pytestmark = pytest.mark.django_db

ON_POSTGRES = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="text search configurations are PostgreSQL's"
)


@pytest.fixture(autouse=True)
def three_languages(settings):
    settings.LANGUAGES = [("en", "English"), ("ru", "Russian"), ("kk", "Kazakh")]


def found(query, language):
    with translation.override(language):
        return [result.object.slug for result in search.search(query)[0:10]]


@pytest.fixture
def articles():
    source = factories.ArticleFactory(
        slug="beaten",
        title="Detainees were tortured in police custody",
        standfirst="Lawyers were kept away.",
    )
    factories.ArticleFactory(
        slug="izbity",
        language="ru",
        translation_of=source,
        title="Задержанных пытали в полиции",
        standfirst="Адвокатов к ним не пускали.",
    )
    factories.ArticleFactory(
        slug="azaptau",
        language="kk",
        title="Ұсталғандарды полицияда азаптады",
        standfirst="ACDR адвокаттарын жібермеді.",
    )


def test_readers_find_the_articles_of_their_language(articles, settings):
    settings.SHOW_UNTRANSLATED_ARTICLES = False

    assert found("полиции", "ru") == ["izbity"]
    assert found("полиции", "en") == []
    assert found("полицияда", "kk") == ["azaptau"]
    assert found("полицияда", "ru") == []


def test_untranslated_articles_are_found_too_when_the_setting_says_so(articles):
    # The Kazakh article has no Russian translation; the English one has. (On PostgreSQL
    # the query is read as Russian: a name is found in any article, Kazakh inflections not.)
    assert found("police", "ru") == []
    assert found("ACDR", "ru") == ["azaptau"]


@ON_POSTGRES
def test_each_article_is_stemmed_in_its_own_language(articles):
    assert found("torturing", "en") == ["beaten"]
    assert found("пытать полиция", "ru") == ["izbity"]
    # Kazakh has no stemmer: its words are found as written.
    assert found("азаптады", "kk") == ["azaptau"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector::text FROM articles_article WHERE slug = 'beaten'")
        [(vector,)] = cursor.fetchall()
    assert "'tortur'" in vector
