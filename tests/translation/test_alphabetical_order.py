"""Topics, countries and partners listed in the reader's alphabet, not by their English names."""

import re

import pytest

from coalition.models import Country
from coalition.translation.collation import in_alphabetical_order, sort_key
from tests import factories
from tests.articles.test_views import LIST_QUERIES as ARTICLE_LIST_QUERIES
from tests.cases.test_views import LIST_QUERIES as CASE_LIST_QUERIES
from tests.coalition.test_views import HOME_QUERIES
from tests.partners.test_views import DETAIL_QUERIES as PARTNER_DETAIL_QUERIES
from tests.partners.test_views import LIST_QUERIES as PARTNER_LIST_QUERIES

pytestmark = pytest.mark.django_db

# (English, Russian, Kazakh): the English names sort one way, the Russian another, and the
# Kazakh ones need the letters Ә and Қ in their places (after А and К), not after Я.
NAMES = [
    ("Women", "Женщины", "Әйелдер"),
    ("Torture", "Пытки", "Азаптау"),
    ("Children", "Дети", "Балалар"),
    ("Bail", "Залог", "Кепілдік"),
    ("Detention", "Задержание", "Қамау"),
    ("Terrorism", "Терроризм", "Лаңкестік"),
]
IN_ENGLISH = ["Bail", "Children", "Detention", "Terrorism", "Torture", "Women"]
IN_RUSSIAN = ["Дети", "Женщины", "Задержание", "Залог", "Пытки", "Терроризм"]
IN_KAZAKH = ["Азаптау", "Әйелдер", "Балалар", "Кепілдік", "Қамау", "Лаңкестік"]
IN_ORDER = {"en": IN_ENGLISH, "ru": IN_RUSSIAN, "kk": IN_KAZAKH}


@pytest.fixture(autouse=True)
def three_languages(settings):
    settings.LANGUAGES = [("en", "English"), ("ru", "Russian"), ("kk", "Kazakh")]


def translated(factory, english, russian, kazakh, **fields):
    return factory(
        name=english,
        slug=english.lower().replace(" ", "-"),
        translations={"ru": {"name": russian}, "kk": {"name": kazakh}},
        **fields,
    )


@pytest.fixture
def topics():
    return [translated(factories.TopicFactory, *names) for names in NAMES]


@pytest.fixture
def countries():
    # Named like the topics, with codes kept for private use: their order is what is checked.
    return [
        Country.objects.create(
            code=f"Q{letter}",
            name=en,
            slug=f"country-{en.lower()}",
            translations={"ru": {"name": ru}, "kk": {"name": kk}},
        )
        for letter, (en, ru, kk) in zip("MNOPQR", NAMES, strict=True)
    ]


@pytest.fixture
def partners(topics, countries):
    made = [
        translated(factories.PartnerFactory, f"{en} Bureau", f"Бюро {ru}", f"{kk} бюросы")
        for en, ru, kk in NAMES
    ]
    for partner in made:
        partner.topics.set(topics)
        partner.countries.set(countries)
    return made


def prefix(language):
    """The start of a page's address in `language`: English pages have none."""
    return "" if language == "en" else f"/{language}"


def options(page, name):
    """The labels of the <select name=…>'s options, the empty choice left out."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.DOTALL).group(1)
    return [
        label
        for value, label in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)<', select)
        if value
    ]


def in_page_order(page, names):
    """`names` in the order the page first shows them."""
    return sorted(names, key=page.index)


# The key


@pytest.mark.parametrize(
    ("language", "before", "after"),
    [
        ("kk", "Кепілдік", "Қамау"),
        ("kk", "Қамау", "Лаңкестік"),
        ("kk", "Азаптау", "Әйелдер"),
        ("kk", "Әйелдер", "Балалар"),
        ("kk", "Ғалым", "Дала"),
        ("kk", "Ұлы", "Үй"),
        ("kk", "Ыстық", "Іле"),
        ("ru", "Ёж", "Ель"),
        ("ru", "ёж", "ель"),
        ("ru", "Ёлка", "Ель"),
        ("ru", "Ёлка", "Жук"),
        ("ru", "ёж", "Жук"),
        ("ru", "Дом", "дом2"),
        ("ru", "ABC Bureau", "Бюро"),
    ],
)
def test_names_sort_in_the_language_alphabet(language, before, after):
    assert sort_key(before, language) < sort_key(after, language)


def test_case_does_not_change_the_order():
    names = ["бюро", "Анкара", "Астана"]

    assert in_alphabetical_order(names, language="ru") == ["Анкара", "Астана", "бюро"]


def test_code_point_order_would_be_wrong_for_kazakh():
    # What the database does: every Kazakh-only letter after Я.
    assert sorted(IN_KAZAKH) != IN_KAZAKH
    assert in_alphabetical_order(reversed(IN_KAZAKH), language="kk") == IN_KAZAKH


# Public filter forms


@pytest.fixture
def published_articles(topics, countries, partners):
    article = factories.ArticleFactory()
    article.topics.set(topics)
    article.countries.set(countries)
    article.partners.set(partners)
    return article


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_article_filters_are_in_the_reader_alphabet(
    client, django_assert_max_num_queries, published_articles, language
):
    with django_assert_max_num_queries(ARTICLE_LIST_QUERIES):
        page = client.get(f"{prefix(language)}/articles/").text

    assert options(page, "topic") == IN_ORDER[language]
    assert options(page, "country") == IN_ORDER[language]
    bureaus = {
        "en": [f"{name} Bureau" for name in IN_ENGLISH],
        "ru": [f"Бюро {name}" for name in IN_RUSSIAN],
        "kk": [f"{name} бюросы" for name in IN_KAZAKH],
    }
    assert options(page, "partner") == bureaus[language]


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_case_filters_are_in_the_reader_alphabet(
    client, django_assert_max_num_queries, topics, countries, language
):
    case = factories.LitigationCaseFactory()
    case.topics.set(topics)
    case.respondent_states.set(countries)

    with django_assert_max_num_queries(CASE_LIST_QUERIES):
        page = client.get(f"{prefix(language)}/cases/").text

    assert options(page, "topic") == IN_ORDER[language]
    assert options(page, "country") == IN_ORDER[language]


@pytest.mark.parametrize("language", ["en", "kk"])
def test_the_search_filters_are_in_the_reader_alphabet(client, published_articles, language):
    page = client.get(f"{prefix(language)}/search/").text

    assert options(page, "topic") == IN_ORDER[language]
    assert options(page, "country") == IN_ORDER[language]


def test_the_kept_choices_are_kept_per_language(client, published_articles):
    # The same kept generation, read in one language and then in the others.
    for language in ["kk", "en", "ru", "kk"]:
        page = client.get(f"{prefix(language)}/articles/").text
        assert options(page, "topic") == IN_ORDER[language]


# Lists readers see


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_partner_list_is_in_the_reader_alphabet(
    client, django_assert_max_num_queries, partners, language
):
    with django_assert_max_num_queries(PARTNER_LIST_QUERIES):
        response = client.get(f"{prefix(language)}/partners/")

    names = [partner.in_language(language).name for partner in response.context["partners"]]
    assert names == sorted(names, key=lambda name: sort_key(name, language))
    assert options(response.text, "country") == IN_ORDER[language]
    assert options(response.text, "topic") == IN_ORDER[language]
    sidebar = response.text.split('id="by-country"')[1]
    assert in_page_order(sidebar, IN_ORDER[language]) == IN_ORDER[language]


def test_the_partner_list_pages_follow_the_reader_alphabet(client):
    kazakh = [f"{letter} бюросы" for letter in "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ"]
    for number, name in enumerate(reversed(kazakh)):
        factories.PartnerFactory(
            name=f"Bureau {number:02}", slug=f"b{number}", translations={"kk": {"name": name}}
        )

    first = client.get("/kk/partners/").context["partners"]
    second = client.get("/kk/partners/", {"page": 2}).context["partners"]

    shown = [partner.translation("name", "kk") for partner in [*first, *second]]
    assert shown == kazakh[: len(shown)]
    assert len(first) == 24
    assert client.get("/kk/partners/", {"page": 9}).status_code == 404


def test_a_filtered_partner_list_keeps_its_own_order(client, partners, countries):
    other = factories.PartnerFactory(
        name="Another", slug="another", translations={"kk": {"name": "Ғ бюросы"}}
    )
    other.countries.add(countries[0])

    page = client.get("/kk/partners/", {"country": countries[0].slug})

    names = [partner.translation("name", "kk") for partner in page.context["partners"]]
    assert names == [f"{name} бюросы" for name in IN_KAZAKH[:3]] + ["Ғ бюросы"] + [
        f"{name} бюросы" for name in IN_KAZAKH[3:]
    ]


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_partner_page_lists_topics_and_countries_in_the_reader_alphabet(
    client, django_assert_max_num_queries, partners, language
):
    with django_assert_max_num_queries(PARTNER_DETAIL_QUERIES):
        page = client.get(f"{prefix(language)}{partners[0].get_absolute_url()}").text

    aside = page.split("<aside")[-1]
    topics, countries = aside.split("?topic=", 1)[1], aside.split("?topic=", 1)[0]
    assert in_page_order(countries, IN_ORDER[language]) == IN_ORDER[language]
    assert in_page_order(topics, IN_ORDER[language]) == IN_ORDER[language]


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_home_page_shows_the_first_partners_in_the_reader_alphabet(
    client, django_assert_max_num_queries, partners, language
):
    with django_assert_max_num_queries(HOME_QUERIES):
        response = client.get(f"{prefix(language)}/")

    names = [partner.translation("name", language) for partner in response.context["partners"]]
    assert names == sorted(names, key=lambda name: sort_key(name, language))
    assert response.context["partner_count"] == len(partners)


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_an_article_page_lists_its_topics_and_partners_in_the_reader_alphabet(
    client, published_articles, language
):
    published_articles.language = language
    published_articles.save()

    response = client.get(published_articles.get_absolute_url())

    assert [topic.localised_name for topic in response.context["topics"]] == IN_ORDER[language]
    names = [partner.translation("name", language) for partner in response.context["partners"]]
    assert names == sorted(names, key=lambda name: sort_key(name, language))
