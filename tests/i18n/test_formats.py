"""Counts and dates read right in each language: plural forms through the catalogues, dates
through each language's formats (coalition/formats), never a format written into a template."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from tests import factories

TEMPLATES = Path(settings.BASE_DIR) / "templates"
COUNTS = [1, 2, 5, 21]

# Each plural string of the public pages, the template it is in, and what 1, 2, 5 and 21 read
# as in each language (Kazakh nouns stay singular after a number).
PLURALS = [
    (
        "articles/article_list.html",
        "{{ counter }} article{% plural %}{{ counter }} articles",
        {
            "en": ["1 article", "2 articles", "5 articles", "21 articles"],
            "ru": ["1 статья", "2 статьи", "5 статей", "21 статья"],
            "kk": ["1 мақала", "2 мақала", "5 мақала", "21 мақала"],
        },
    ),
    (
        "cases/case_list.html",
        "{{ counter }} case{% plural %}{{ counter }} cases",
        {
            "en": ["1 case", "2 cases", "5 cases", "21 cases"],
            "ru": ["1 дело", "2 дела", "5 дел", "21 дело"],
            "kk": ["1 іс", "2 іс", "5 іс", "21 іс"],
        },
    ),
    (
        "partners/partner_list.html",
        "{{ counter }} partner organisation{% plural %}{{ counter }} partner organisations",
        {
            "en": ["1 partner organisation", "2 partner organisations"],
            "ru": [
                "1 партнёрская организация",
                "2 партнёрские организации",
                "5 партнёрских организаций",
                "21 партнёрская организация",
            ],
            "kk": ["1 серіктес ұйым", "2 серіктес ұйым", "5 серіктес ұйым", "21 серіктес ұйым"],
        },
    ),
    (
        "articles/includes/add_your_voice.html",
        "{{ counter }} person has added their voice.{% plural %}"
        "{{ counter }} people have added their voice.",
        {
            "en": ["1 person has added their voice.", "2 people have added their voice."],
            "ru": [
                "1 человек присоединил свой голос.",
                "2 человека присоединили свой голос.",
                "5 человек присоединили свой голос.",
                "21 человек присоединил свой голос.",
            ],
            "kk": [f"{n} адам дауысын қосты." for n in COUNTS],
        },
    ),
    (
        "coalition/includes/search_counts.html",
        "{{ counter }} result for “{{ query }}”{% plural %}"
        "{{ counter }} results for “{{ query }}”",
        {
            "en": ["1 result for “torture”", "2 results for “torture”"],
            "ru": [
                "1 результат по запросу «torture»",
                "2 результата по запросу «torture»",
                "5 результатов по запросу «torture»",
                "21 результат по запросу «torture»",
            ],
            "kk": [f"«torture» бойынша {n} нәтиже" for n in COUNTS],
        },
    ),
    (
        "coalition/includes/search_counts.html",
        "More than {{ counted }} result for “{{ query }}”; the newest are shown{% plural %}"
        "More than {{ counted }} results for “{{ query }}”; the newest are shown",
        {
            "ru": [
                "Более 1 результата по запросу «torture»; показаны самые новые",
                "Более 2 результатов по запросу «torture»; показаны самые новые",
                "Более 5 результатов по запросу «torture»; показаны самые новые",
                "Более 21 результата по запросу «torture»; показаны самые новые",
            ],
            "kk": [
                f"«torture» бойынша {n} нәтижеден көп; ең жаңалары көрсетілген" for n in COUNTS
            ],
        },
    ),
    (
        "coalition/home.html",
        "{{ counter }} organisation works together in the coalition.{% plural %}"
        "{{ counter }} organisations work together in the coalition.",
        {
            "ru": [
                "В коалиции вместе работает 1 организация.",
                "В коалиции вместе работают 2 организации.",
                "В коалиции вместе работают 5 организаций.",
                "В коалиции вместе работает 21 организация.",
            ],
            "kk": [f"Коалицияда {n} ұйым бірге жұмыс істейді." for n in COUNTS],
        },
    ),
    (
        "articles/signature_sent.html",
        "The link works for {{ days }} day. Until you follow it, your voice is not counted."
        "{% plural %}The link works for {{ days }} days. Until you follow it, your voice is not"
        " counted.",
        {
            "ru": [
                f"Ссылка действует {n} {word}. Пока вы по ней не перейдёте, ваш голос не "
                "учитывается."
                for n, word in zip(COUNTS, ["день", "дня", "дней", "день"], strict=True)
            ],
            "kk": [
                f"Сілтеме {n} күн жұмыс істейді. Оған өтпейінше, дауысыңыз саналмайды."
                for n in COUNTS
            ],
        },
    ),
]


def squeeze(text):
    return re.sub(r"\s+", " ", text).strip()


def render_plural(source, count):
    """The plural string rendered as the templates render it, with `count` for its number."""
    variable = re.search(r"\{\{ (counter|days|counted) \}\}", source).group(1)
    number = "counter" if variable == "counted" else variable
    extra = " with counted=count" if variable == "counted" else ""
    template = Template(
        "{% load i18n %}{% blocktranslate trimmed count "
        + number
        + "=count"
        + extra
        + " %}"
        + source
        + "{% endblocktranslate %}"
    )
    return squeeze(template.render(Context({"count": count, "query": "torture"})))


CASES = [
    pytest.param(template, source, language, expected, id=f"{template}-{language}-{source[:20]}")
    for template, source, forms in PLURALS
    for language, expected in forms.items()
]


@pytest.mark.parametrize(("template", "source", "language", "expected"), CASES)
def test_counts_take_the_plural_form_of_the_language(template, source, language, expected):
    with translation.override(language):
        rendered = [render_plural(source, count) for count in COUNTS[: len(expected)]]

    assert rendered == expected


@pytest.mark.parametrize(("template", "source"), sorted({(t, s) for t, s, _ in PLURALS}))
def test_the_plural_strings_tested_are_those_of_the_pages(template, source):
    text = squeeze((TEMPLATES / template).read_text(encoding="utf-8"))
    singular, plural = (squeeze(part) for part in source.split("{% plural %}"))

    assert singular in text
    assert plural in text


def test_templates_name_a_format_instead_of_writing_one():
    """A date shown to people goes through the language's formats; machine dates may not."""
    machine = {"c", "Y-m-d", "Y-m", "Y", "U"}
    written = [
        f"{path.relative_to(TEMPLATES)}: {found}"
        for path in TEMPLATES.rglob("*.*")
        for found in re.findall(
            r"""(?:\|date:|\{% now )["']([^"']+)["']""", path.read_text(encoding="utf-8")
        )
        if found not in machine and not found.endswith("FORMAT")
    ]
    assert written == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "16 March 2010"), ("ru", "16 марта 2010"), ("kk", "2010 жылғы 16 наурыз")],
)
def test_an_article_page_dates_the_article_in_the_language(client, language, expected):
    published = datetime.datetime(2010, 3, 16, 12, tzinfo=datetime.UTC)
    # An article's page is in its own language.
    article = factories.ArticleFactory(
        language=language, first_published_at=published, last_published_at=published
    )

    html = client.get(article.get_absolute_url()).content.decode()

    assert f'<time datetime="2010-03-16T12:00:00+00:00">{expected}</time>' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "day", "month"),
    [
        ("", "16 March 2010", "March 2010"),
        ("/ru", "16 марта 2010", "Март 2010 г."),
        ("/kk", "2010 жылғы 16 наурыз", "2010 жылғы наурыз"),
    ],
)
def test_a_case_page_dates_its_status_and_timeline_in_the_language(client, prefix, day, month):
    case = factories.LitigationCaseFactory(status_changed_on=datetime.date(2010, 3, 16))
    factories.CaseEventFactory(case=case, date=datetime.date(2010, 3, 16))
    factories.CaseEventFactory(case=case, date=datetime.date(2010, 3, 1), date_precision="month")

    html = client.get(f"{prefix}{case.get_absolute_url()}").content.decode()

    assert f'<time datetime="2010-03-16">{day}</time>' in html
    assert f'<time datetime="2010-03">{month}</time>' in html
