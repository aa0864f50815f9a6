"""An editor translates the campaign post in the admin and publishes it; readers find three
linked pages, each naming the others."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from coalition.demo.content import article_translations as translations
from coalition.demo.content import campaign
from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SOURCE = campaign.CAMPAIGN


@pytest.fixture(autouse=True)
def three_languages(settings):
    settings.LANGUAGES = [("en", "English"), ("ru", "Russian"), ("kk", "Kazakh")]


@pytest.fixture
def seed_article(torture):
    article = factories.ArticleFactory(
        title=SOURCE["title"],
        slug=SOURCE["slug"],
        kind=SOURCE["kind"],
        byline=SOURCE["byline"],
        standfirst=SOURCE["standfirst"],
        body=SOURCE["body"].replace("({partner:", "(/partners/").replace("({case:", "(/cases/"),
        cta_enabled=True,
        cta_prompt=SOURCE["cta_prompt"],
    )
    article.topics.add(torture)
    return article


def log_in(page, user):
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#editorial-dashboard-heading")).to_be_attached()


def translate(page, source, language_name, text):
    """From the source's admin page: translate, fill in the text, save, publish."""
    page.goto(f"/admin/articles/article/{source.pk}/change/")
    page.get_by_role("button", name=f"Translate into {language_name}").click()
    expect(page.locator(".messagelist")).to_contain_text("draft translation")
    # The source stays beside the form, read-only, in its own language.
    expect(page.locator("aside.translation-source")).to_contain_text(SOURCE["title"])
    expect(page.locator("#id_title")).to_have_value(SOURCE["title"])
    page.locator("#id_title").fill(text["title"])
    page.locator("#id_standfirst").fill(text["standfirst"])
    page.locator("#id_body").fill(text["body"].replace("({", "(#").replace("})", ")"))
    page.locator("#id_cta_prompt").fill(text["cta_prompt"])
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("ublished")
    return Article.objects.get(translation_of=source, language=text["language"])


def hreflangs(page):
    links = page.locator('head link[rel="alternate"][hreflang]')
    return {
        links.nth(n).get_attribute("hreflang"): links.nth(n).get_attribute("href")
        for n in range(links.count())
    }


def test_an_editor_translates_the_campaign_and_readers_find_each_language(
    page, editor, seed_article, screenshot, live_server
):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, editor)
    russian = translate(page, seed_article, "Russian", translations.CAMPAIGN_RU)
    screenshot("admin-russian-translation")
    kazakh = translate(page, seed_article, "Kazakh", translations.CAMPAIGN_KK)
    assert russian.live
    assert kazakh.live
    assert russian.translation_of == kazakh.translation_of == seed_article

    page.context.clear_cookies()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(russian.get_absolute_url())
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("heading", level=1)).to_have_text(translations.CAMPAIGN_RU["title"])
    expected = {
        "en": f"{live_server.url}{seed_article.get_absolute_url()}",
        "ru": f"{live_server.url}{russian.get_absolute_url()}",
        "kk": f"{live_server.url}{kazakh.get_absolute_url()}",
        "x-default": f"{live_server.url}{seed_article.get_absolute_url()}",
    }
    assert hreflangs(page) == expected
    read_in = page.locator(".read-in")
    expect(read_in.get_by_role("link", name="English")).to_have_attribute("hreflang", "en")
    expect(read_in.get_by_role("link", name="Қазақ")).to_have_attribute("lang", "kk")
    screenshot("ru")

    page.goto(seed_article.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(SOURCE["title"])
    assert hreflangs(page) == expected
    screenshot("en")
    # The switcher goes to the same article in the other language.
    page.locator(".language-switcher").get_by_role("link", name="Қазақ").click()
    expect(page).to_have_url(re.compile(re.escape(kazakh.get_absolute_url()) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(translations.CAMPAIGN_KK["title"])
    assert hreflangs(page) == expected
    screenshot("kk")
