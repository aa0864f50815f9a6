"""Translated fields: the text in the reader's language, else the source's, marked with lang."""

import pytest
from django.template import Context, Template
from django.utils import translation

from coalition.translation import TranslatedHTML, TranslatedText, in_reader_language
from tests import factories

pytestmark = pytest.mark.django_db

LANGUAGES = [("en", "English"), ("ru", "Russian"), ("kk", "Kazakh")]


@pytest.fixture(autouse=True)
def three_languages(settings):
    settings.LANGUAGES = LANGUAGES


@pytest.fixture
def bureau():
    partner = factories.PartnerFactory(
        name="Kazakhstan Bureau", short_name="KIBHR", slug="kazakhstan-bureau"
    )
    partner.set_translations(
        "ru",
        {
            "name": "Казахстанское бюро",
            "summary": "Юристы, защищающие пострадавших от пыток.",
            "description": "Мы **документируем** пытки.<script>alert(1)</script>",
        },
    )
    partner.save()
    return partner


def test_the_active_language_reads_its_translation(bureau):
    with translation.override("ru"):
        name = bureau.translated.name

    assert name == "Казахстанское бюро"
    assert name.lang == "ru"
    with translation.override("ru"):
        assert not name.is_fallback


def test_an_untranslated_field_falls_back_to_the_source_language(bureau):
    with translation.override("ru"):
        short_name = bureau.translated.short_name
    with translation.override("kk"):
        name = bureau.translated.name
        assert name.is_fallback

    assert short_name == "KIBHR"
    assert short_name.lang == "en"
    assert name == "Kazakhstan Bureau"
    assert name.lang == "en"


def test_the_source_language_reads_the_fields_themselves(bureau):
    with translation.override("en"):
        assert bureau.translated.name == "Kazakhstan Bureau"
        assert not bureau.translated.name.is_fallback
    assert bureau.in_language("ru").name == "Казахстанское бюро"
    assert str(bureau) == "Kazakhstan Bureau"


def test_translated_markdown_is_rendered_and_sanitised_on_save(bureau):
    with translation.override("ru"):
        html = bureau.translated.description_html

    assert isinstance(html, TranslatedHTML)
    assert html.lang == "ru"
    assert "<strong>документируем</strong>" in html
    assert "<script>" not in html


def test_a_blank_translation_removes_it(bureau):
    bureau.set_translations("ru", {"description": "  ", "summary": ""})
    bureau.save()
    bureau.refresh_from_db()

    assert bureau.translations == {"ru": {"name": "Казахстанское бюро"}}
    with translation.override("ru"):
        assert bureau.translated.description_html.lang == "en"


def test_only_declared_fields_are_translated(bureau):
    with pytest.raises(ValueError, match="website"):
        bureau.set_translations("ru", {"website": "https://example.ru/"})
    with pytest.raises(AttributeError):
        bureau.translated.website  # noqa: B018 - the access is what is tested


def test_the_reader_language_wins_between_a_short_and_a_long_name():
    short = TranslatedText("KIBHR", "en")
    long = TranslatedText("Казахстанское бюро", "ru")

    with translation.override("ru"):
        assert in_reader_language(short, long) == long
    with translation.override("en"):
        assert in_reader_language(short, long) == short
    assert in_reader_language("", long) == long


def render(source, **context):
    return Template("{% load translated %}" + source).render(Context(context))


def test_a_fallback_is_marked_with_its_language(bureau):
    with translation.override("kk"):
        inline = render("{{ p.translated.summary|with_lang }}", p=bureau)
        block = render("{{ p.translated.description_html|with_lang }}", p=bureau)
        attr = render("<h1{{ p.translated.name|lang_attr }}>", p=bureau)

    assert inline == f'<span lang="en">{bureau.summary}</span>'
    assert block.startswith('<div lang="en"><p>We <strong>document</strong>')
    assert attr == '<h1 lang="en">'


def test_text_in_the_reader_language_is_not_marked(bureau):
    with translation.override("ru"):
        inline = render("{{ p.translated.name|with_lang }}", p=bureau)
        attr = render("<h1{{ p.translated.name|lang_attr }}>", p=bureau)

    assert inline == "Казахстанское бюро"
    assert attr == "<h1>"


def test_marking_escapes_the_text():
    text = TranslatedText("<b>Bold</b> & co", "en")
    with translation.override("ru"):
        assert render("{{ t|with_lang }}", t=text) == (
            '<span lang="en">&lt;b&gt;Bold&lt;/b&gt; &amp; co</span>'
        )
        assert render("{{ t|with_lang }}", t="plain <i>") == "plain &lt;i&gt;"


def test_topic_and_country_names_follow_the_reader():
    topic = factories.TopicFactory(
        name="Torture", slug="torture", translations={"ru": {"name": "Пытки"}}
    )
    with translation.override("ru"):
        assert str(topic) == "Пытки"
        assert factories.country("KZ").localised_name == "Казахстан"
    with translation.override("kk"):
        assert str(topic) == "Torture"
        assert str(topic).lang == "en"
