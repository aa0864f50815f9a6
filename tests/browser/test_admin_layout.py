"""The admin's object tools above an article's change form (Preview, Share preview, History and
changes...) stand clear of the page title, on a wide screen and a narrow one."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SHOTS = Path(os.environ.get("REFLOW_SHOTS", "test-results/reflow"))


def overlap(first, second):
    """Whether two bounding boxes ({x, y, width, height}) share any area."""
    return (
        first["x"] < second["x"] + second["width"]
        and second["x"] < first["x"] + first["width"]
        and first["y"] < second["y"] + second["height"]
        and second["y"] < first["y"] + first["height"]
    )


@pytest.mark.parametrize("width", [1280, 800])
def test_the_object_tools_do_not_cover_the_title(browser, live_server, editor, width):
    article = factories.ArticleFactory(
        title="Torture in Kazakhstan: Eradicated by 2013? What the government promised, and "
        "what our partners' files say ten years later"
    )
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 800}, locale="en-GB"
    )
    page = context.new_page()
    try:
        page.goto("/admin/login/?next=/admin/")
        page.get_by_label("Username").fill(editor.username)
        page.get_by_label("Password").fill(factories.PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.goto(f"/admin/articles/article/{article.pk}/change/")
        expect(page.get_by_role("link", name="History and changes")).to_be_visible()
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SHOTS / f"admin-article-{width}.png")

        # The page's title and, under it, the article's own.
        headings = page.locator("#content > h1, #content > h2")
        titles = [headings.nth(n).bounding_box() for n in range(headings.count())]
        tools = page.locator(".object-tools > li")
        boxes = {
            tools.nth(n).text_content().strip(): tools.nth(n).bounding_box()
            for n in range(tools.count())
        }
    finally:
        context.close()

    assert {"Preview", "Share preview", "History and changes"} <= set(boxes)
    assert len(titles) == 2
    assert [name for name, box in boxes.items() if any(overlap(box, t) for t in titles)] == []
    names = list(boxes)
    assert [
        (first, second)
        for n, first in enumerate(names)
        for second in names[n + 1 :]
        if overlap(boxes[first], boxes[second])
    ] == []
