"""An editor finds a link the local test server answers 404 and keeps it, in Chromium."""

import pytest
from playwright.sync_api import expect

from coalition.links import checker
from tests import factories
from tests.browser.test_editorial_workflow import log_in
from tests.links.conftest import let_the_checker_reach, local_link_server

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Torture in Kazakhstan: Eradicated by 2013?"


@pytest.fixture
def link_server(settings):
    with local_link_server() as server:
        yield let_the_checker_reach(server, settings)


def test_an_editor_finds_a_dead_link_and_keeps_it(page, editor, link_server, screenshot):
    dead = link_server.url("/status/404")
    article = factories.ArticleFactory(
        title=TITLE, body=f"The [Committee's findings]({dead}) were never acted upon."
    )
    factories.ArticleLinkFactory(article=article, url=link_server.url("/status/200"))
    checker.check_links()

    log_in(page, editor)
    page.locator("#editorial-reports").get_by_role("link", name="Broken links").click()
    row = page.get_by_role("row").filter(has_text=dead)
    expect(row).to_contain_text(TITLE)
    expect(row.get_by_role("cell").nth(1)).to_have_text("404")
    expect(page.get_by_text(link_server.url("/status/200"))).to_have_count(0)
    # Long addresses wrap: the report fits a phone's width.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot("1-report")

    row.get_by_role("link", name=TITLE).click()
    panel = page.locator("section.broken-links")
    expect(panel).to_contain_text(dead)
    screenshot("2-article-page")

    page.go_back()
    page.get_by_role("row").filter(has_text=dead).get_by_role(
        "button", name="Checked, keep"
    ).click()
    expect(page.locator(".messagelist")).to_contain_text("checked, keep")
    expect(page.get_by_text("No broken links: every link worked")).to_be_visible()

    page.get_by_role("link", name="Show the links kept although broken").click()
    page.get_by_role("row").filter(has_text=dead).get_by_role("button", name="Undo").click()
    expect(page.get_by_role("row").filter(has_text=dead)).to_have_count(0)
    page.get_by_role("link", name="Show the broken links to look at").click()
    expect(page.get_by_role("row").filter(has_text=dead)).to_have_count(1)
    screenshot("3-report-after-undo")


def test_a_dead_document_of_a_case_leads_to_its_admin_page(page, editor, link_server):
    dead = link_server.url("/status/404")
    case = factories.LitigationCaseFactory(title="Abdullaev v. Kazakhstan", facts="No links.")
    factories.CaseDocumentFactory(case=case, title="Judgment", file="", external_url=dead)
    checker.check_links()

    log_in(page, editor)
    page.locator("#editorial-reports").get_by_role("link", name="Broken links").click()
    row = page.get_by_role("row").filter(has_text=dead)
    expect(row).to_contain_text("document of the case “Abdullaev v. Kazakhstan”")
    row.get_by_role("link", name="Judgment").click()
    expect(page.locator("#id_external_url")).to_have_value(dead)
    # The case's own page lists the links of its documents too.
    page.goto(f"/admin/cases/litigationcase/{case.pk}/change/")
    expect(page.locator("section.broken-links")).to_contain_text(dead)
