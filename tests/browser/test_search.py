import pytest
from playwright.sync_api import expect

from coalition.search import SOURCES
from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def content():
    article = factories.ArticleFactory(
        title="Torture in Kazakhstan: eradicated?",
        standfirst="Officials say torture ended in 2013; survivors disagree.",
    )
    factories.LitigationCaseFactory(title="Abdullaev v. Kazakhstan", summary="Torture in custody.")
    factories.ArticleFactory(title="A torture draft", status="draft", publish_at=None)
    yield article
    # The database is emptied after each of these tests but the SQLite index is not: delete
    # through the models, whose signals take the rows out of the index too.
    for source in SOURCES.values():
        source.model._default_manager.all().delete()


def test_reader_searches_from_the_header_and_narrows_to_articles(page, content, screenshot):
    page.goto("/")
    page.get_by_role("searchbox", name="Search the site").fill("torture")
    page.get_by_role("search", name="Site search").get_by_role("button").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    expect(page.get_by_role("status")).to_contain_text("2 results for “torture”")
    expect(page.locator("main mark").first).to_have_text("torture")
    expect(page.get_by_text("A torture draft")).to_have_count(0)
    screenshot("results")

    page.get_by_role("link", name="Articles (1)").click()
    expect(page.get_by_role("link", name="Abdullaev v. Kazakhstan")).to_have_count(0)
    page.get_by_role("link", name="Torture in Kazakhstan: eradicated?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(content.title)


def test_reader_can_search_with_the_keyboard_alone(page, content):
    page.goto("/search/")
    page.get_by_label("Search for").fill("survivors")
    page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_contain_text("1 result for “survivors”")
