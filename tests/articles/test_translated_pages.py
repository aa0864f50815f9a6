"""The public side of translations: one address per article under its language, the others
named (hreflang, "Read in", switcher, sitemap), lists and search per language; and never an
unpublished translation anywhere."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import Article
from tests import factories

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(autouse=True)
def three_languages(settings):
    settings.LANGUAGES = [("en", "English"), ("ru", "Russian"), ("kk", "Kazakh")]


@pytest.fixture
def group(partner, torture):
    """An English source with a published Russian translation and a Kazakh draft."""
    english = factories.ArticleFactory(
        title="Torture in Kazakhstan", slug="torture", standfirst="Ten years on."
    )
    russian = factories.ArticleFactory(
        title="Пытки в Казахстане",
        slug="pytki",
        language="ru",
        translation_of=english,
        standfirst="Десять лет спустя.",
        body="Пытки продолжаются.",
    )
    kazakh = factories.ArticleFactory(
        title="Қазақстандағы азаптау",
        slug="azaptau",
        language="kk",
        translation_of=english,
        status="draft",
        publish_at=None,
        standfirst="Он жыл өтті.",
        body="Азаптау жалғасуда.",
    )
    for article in (english, russian, kazakh):
        article.partners.add(partner)
        article.topics.add(torture)
    return {"en": english, "ru": russian, "kk": kazakh}


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html))


def absolute(path):
    return f"http://testserver{path}"


def test_an_article_has_its_address_under_its_own_language(group):
    assert group["en"].get_absolute_url() == "/articles/torture/"
    assert group["ru"].get_absolute_url() == "/ru/articles/pytki/"
    assert group["kk"].get_absolute_url() == "/kk/articles/azaptau/"


def test_the_page_names_its_published_translations_only(client, group):
    html = client.get("/articles/torture/").content.decode()

    assert alternates(html) == {
        "en": absolute("/articles/torture/"),
        "ru": absolute("/ru/articles/pytki/"),
        "x-default": absolute("/articles/torture/"),
    }
    assert (
        '<p class="read-in">Read in: <a href="/ru/articles/pytki/" lang="ru" hreflang="ru">'
        "Русский</a></p>" in html
    )
    assert "azaptau" not in html
    assert "Қазақстандағы" not in html


def test_the_translation_is_its_own_canonical_page(client, group):
    html = client.get("/ru/articles/pytki/").content.decode()

    assert '<html lang="ru">' in html
    assert f'<link rel="canonical" href="{absolute("/ru/articles/pytki/")}">' in html
    assert alternates(html)["x-default"] == absolute("/articles/torture/")
    assert 'href="/articles/torture/" lang="en" hreflang="en">English</a>' in html


def test_the_switcher_goes_to_the_translation_or_to_the_home_page_with_a_note(client, group):
    html = client.get("/articles/torture/").content.decode()
    switcher = html[html.index('class="language-switcher"') :]
    switcher = switcher[: switcher.index("</nav>")]

    assert 'href="/ru/articles/pytki/" hreflang="ru"' in switcher
    assert 'href="/kk/?not_translated=1" hreflang="kk"' in switcher


def test_the_home_page_says_the_article_is_not_in_its_language(client, group):
    html = client.get("/kk/?not_translated=1").content.decode()

    assert "This article is not available in" in html or "Бұл мақала" in html
    assert "not available" not in client.get("/kk/").content.decode()


def test_an_article_asked_for_in_another_language_goes_to_its_translation(client, group):
    assert client.get("/ru/articles/torture/")["Location"] == "/ru/articles/pytki/"
    assert client.get("/articles/pytki/")["Location"] == "/articles/torture/"


def test_without_a_published_translation_it_goes_to_the_article_itself(client, group):
    response = client.get("/kk/articles/torture/")

    assert response.status_code == 302
    assert response["Location"] == "/articles/torture/"


def test_an_unpublished_translation_has_no_page_in_any_language(client, group):
    for url in ("/kk/articles/azaptau/", "/articles/azaptau/", "/ru/articles/azaptau/"):
        assert client.get(url).status_code == 404


def test_a_list_shows_its_languages_articles_and_marks_the_untranslated(client, group):
    untranslated = factories.ArticleFactory(title="Only in English", slug="only-english")

    russian = client.get("/ru/articles/").content.decode()
    english = client.get("/articles/").content.decode()
    kazakh = client.get("/kk/articles/").content.decode()

    assert "Пытки в Казахстане" in russian
    assert "Torture in Kazakhstan" not in russian
    assert f'href="{untranslated.get_absolute_url()}" lang="en" hreflang="en"' in russian
    assert '<span class="badge badge-language" lang="en"' in russian
    assert "Torture in Kazakhstan" in english
    assert "Пытки" not in english
    assert "badge-language" not in english
    # The Kazakh draft is not shown: its source stands in for it, marked.
    assert "Қазақстандағы" not in kazakh
    assert "Torture in Kazakhstan" in kazakh


def test_untranslated_articles_stay_out_of_lists_when_the_setting_says_so(client, settings, group):
    settings.SHOW_UNTRANSLATED_ARTICLES = False
    factories.ArticleFactory(title="Only in English", slug="only-english")

    russian = client.get("/ru/articles/").content.decode()

    assert "Пытки в Казахстане" in russian
    assert "Only in English" not in russian
    assert "Torture in Kazakhstan" not in client.get("/kk/articles/").content.decode()


def test_the_home_page_and_the_partner_and_case_blocks_follow_the_language(
    client, group, partner, public_case
):
    for article in group.values():
        article.cases.add(public_case)
    partner_url, case_url = partner.get_absolute_url(), public_case.get_absolute_url()

    for url in ("/ru/", f"/ru{partner_url}", f"/ru{case_url}"):
        html = client.get(url).content.decode()
        assert "Пытки в Казахстане" in html, url
        assert "Torture in Kazakhstan" not in html, url
        assert "Қазақстандағы" not in html, url
    english = client.get(partner_url).content.decode()
    assert "Torture in Kazakhstan" in english
    assert "Пытки" not in english


def test_feeds_follow_the_readers_language(client, group):
    russian = client.get("/feeds/articles/rss/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    english = client.get("/feeds/articles/rss/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    kazakh = client.get("/feeds/articles/rss/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()

    assert "Пытки в Казахстане" in russian
    assert "/ru/articles/pytki/" in russian
    assert "Torture in Kazakhstan" in english
    assert "Пытки" not in english
    assert "Қазақстандағы" not in kazakh


def test_search_finds_the_readers_language(client, group):
    russian = client.get("/ru/search/?q=Пытки").content.decode()
    english = client.get("/search/?q=Пытки").content.decode()
    kazakh = client.get("/kk/search/?q=Азаптау").content.decode()

    assert "/ru/articles/pytki/" in russian
    assert "/ru/articles/pytki/" not in english
    assert "azaptau" not in kazakh


def sitemap_entries(client):
    root = ET.fromstring(client.get("/sitemap-articles.xml").content)  # noqa: S314 (our own output)
    return {
        url.findtext(f"{SITEMAP}loc"): {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        for url in root.findall(f"{SITEMAP}url")
    }


def test_the_sitemap_lists_each_article_once_with_its_published_translations(client, group):
    lone = factories.ArticleFactory(title="Alone", slug="alone")

    entries = sitemap_entries(client)

    expected = {
        "en": absolute("/articles/torture/"),
        "ru": absolute("/ru/articles/pytki/"),
        "x-default": absolute("/articles/torture/"),
    }
    assert entries[absolute("/articles/torture/")] == expected
    assert entries[absolute("/ru/articles/pytki/")] == expected
    assert entries[absolute(lone.get_absolute_url())] == {}
    assert set(entries) == {
        absolute("/articles/torture/"),
        absolute("/ru/articles/pytki/"),
        absolute("/articles/alone/"),
    }


def test_the_sitemap_reads_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for n in range(5):
        source = factories.ArticleFactory(slug=f"source-{n}")
        factories.ArticleFactory(slug=f"source-{n}-ru", language="ru", translation_of=source)

    with django_assert_max_num_queries(4):
        client.get("/sitemap-articles.xml")


def test_publishing_a_translation_changes_the_sources_cached_page(
    client, settings, group, editor, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    assert "/kk/articles/azaptau/" not in client.get("/articles/torture/").content.decode()
    assert client.get("/articles/torture/").content == client.get("/articles/torture/").content

    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(group["kk"], editor)

    html = client.get("/articles/torture/").content.decode()
    assert alternates(html)["kk"] == absolute("/kk/articles/azaptau/")
    assert 'href="/kk/articles/azaptau/" lang="kk" hreflang="kk"' in html


def test_a_scheduled_translation_shows_nowhere_until_its_time(client, group, editor):
    group["kk"].publish_at = timezone.now() + timezone.timedelta(days=1)
    group["kk"].save()
    workflow.publish(group["kk"], editor, at=group["kk"].publish_at)

    assert Article.objects.published().filter(language="kk").count() == 0
    assert "azaptau" not in client.get("/articles/torture/").content.decode()
    assert client.get("/kk/articles/azaptau/").status_code == 404
