import re

import pytest
from playwright.sync_api import expect

from articles.models import Article, ArticleTransition
from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Confessions under torture in Almaty"


def log_in(page, user):
    page.context.clear_cookies()
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#editorial-dashboard-heading")).to_be_attached()


def open_from_dashboard(page, section, title):
    page.goto("/admin/")
    page.locator(f"#dashboard-{section}").get_by_role("link", name=title).click()
    expect(page.locator("#id_title")).to_have_value(title)


def test_article_goes_from_author_to_editor_and_back_until_published(
    page, author, editor, screenshot
):
    # The author writes a draft and submits it.
    log_in(page, author)
    page.goto("/admin/articles/article/add/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_standfirst").fill("Three men say police beat them into confessing.")
    page.locator("#id_body").fill("The men were held for **three days** without a lawyer.")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    # The slug field fills itself from the title, as the admin's prepopulated fields do.
    article = Article.objects.get(title=TITLE)
    assert (article.author, article.status) == (author, "draft")
    screenshot("1-author-draft")

    with page.context.expect_page() as preview_page:
        page.get_by_role("link", name="Preview", exact=True).click()
    preview = preview_page.value
    expect(preview.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(preview.get_by_role("status")).to_have_text("Preview — not published")
    screenshot("2-preview", preview)
    preview.close()

    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("for review")
    screenshot("3-author-submitted")

    # An editor finds it in their review queue and sends it back.
    log_in(page, editor)
    expect(page.locator("#dashboard-awaiting_review")).to_contain_text(TITLE)
    screenshot("4-editor-dashboard")
    open_from_dashboard(page, "awaiting_review", TITLE)
    page.get_by_label("Comment").fill("Name the police station and the dates, please.")
    page.get_by_role("button", name="Request changes").click()
    expect(page.locator(".messagelist")).to_contain_text("back to its author")
    screenshot("5-editor-requested-changes")

    # The author sees the request, fixes the text and submits again.
    log_in(page, author)
    expect(page.locator("#dashboard-changes_requested")).to_contain_text(TITLE)
    open_from_dashboard(page, "changes_requested", TITLE)
    expect(page.get_by_text("Name the police station and the dates, please.")).to_be_visible()
    page.locator("#id_body").fill(
        "The men were held at the Medeu district station from 3 to 6 May "
        "for **three days** without a lawyer."
    )
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("for review")
    screenshot("6-author-resubmitted")

    # The editor approves and publishes; the public page shows the corrected article.
    log_in(page, editor)
    open_from_dashboard(page, "awaiting_review", TITLE)
    page.get_by_role("button", name="Approve").click()
    expect(page.locator(".messagelist")).to_contain_text("Approved")
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Published")
    screenshot("7-editor-published")

    page.context.clear_cookies()
    page.goto(article.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator(".prose")).to_contain_text("Medeu district station")
    expect(page.get_by_text("Preview — not published")).to_have_count(0)
    screenshot("8-public-page")

    steps = ArticleTransition.objects.filter(article=article).order_by("created_at", "pk")
    assert [(step.from_status, step.to_status) for step in steps] == [
        ("draft", "in_review"),
        ("in_review", "changes_requested"),
        ("changes_requested", "in_review"),
        ("in_review", "approved"),
        ("approved", "published"),
    ]


def test_shared_preview_link_works_without_an_account_until_revoked(page, author, screenshot):
    draft = factories.ArticleFactory(
        title="Facts for our lawyer to check",
        status="draft",
        publish_at=None,
        author=author,
    )
    log_in(page, author)
    page.goto(f"/admin/articles/article/{draft.pk}/change/")
    page.get_by_role("button", name="Share preview").click()
    message = page.locator(".messagelist")
    expect(message).to_contain_text("Anyone with this link can read the draft")
    screenshot("1-link-shared")
    link = re.search(r"https?://\S+/articles/preview/\S+/", message.inner_text()).group(0)

    page.context.clear_cookies()
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Facts for our lawyer to check")
    expect(page.get_by_role("status")).to_have_text("Preview — not published")
    screenshot("2-shared-preview")

    log_in(page, author)
    page.goto(f"/admin/articles/article/{draft.pk}/change/")
    page.get_by_role("button", name="Revoke all preview links").click()
    expect(page.locator(".messagelist")).to_contain_text("now fails")
    page.context.clear_cookies()
    response = page.goto(link)
    assert response.status == 404
    screenshot("3-revoked")
