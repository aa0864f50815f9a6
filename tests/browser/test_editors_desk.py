"""The editors' story of issue 13 in one walk through Chromium: three images uploaded at once,
described and focused, one inserted into the seed article with the chooser, seen in the live
preview and on the public page once published; a partner's document put in a portal story the
same way; the broken-links report finds a dead link.

With GUIDE_SCREENSHOTS set to a folder (`make screenshots`), it also saves the pictures of
the README's editors' guide there, small enough to commit."""

import io
import os
import re
from pathlib import Path

import pytest
from PIL import Image as Picture
from PIL import ImageDraw
from playwright.sync_api import expect

from articles.models import Article
from coalition.demo import files
from coalition.library.models import Image
from coalition.links import checker
from partners.models import Partner
from tests import factories
from tests.browser.test_editorial_workflow import log_in, open_from_dashboard
from tests.browser.test_library_chooser import place_cursor_after, seed_article  # noqa: F401
from tests.browser.test_portal_story_media import REPORT, dana  # noqa: F401
from tests.browser.test_writing import wait_for_autosave
from tests.links.conftest import let_the_checker_reach, local_link_server

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

GUIDE_SCREENSHOTS = os.environ.get("GUIDE_SCREENSHOTS")
STORY = "Monitoring the detention centres"
ALT = {
    "barred-window": "A barred cell window high in a grey wall",
    "cell-doors": "A row of steel cell doors along a corridor",
    "court-steps": "The steps of the city court, its doors shut",
}


def court_steps_png():
    """A third illustration, drawn as the demo draws its own."""
    width, height = files.HERO_SIZE
    picture = Picture.new("RGB", files.HERO_SIZE, "#c9d3dc")
    draw = ImageDraw.Draw(picture)
    draw.polygon([(250, 220), (600, 90), (950, 220)], fill="#8a8f96")
    draw.rectangle((280, 220, 920, 440), fill="#b7bcc2")
    for left in range(320, 900, 110):
        draw.rectangle((left, 240, left + 40, 430), fill="#e4e6e8")
    for step in range(5):
        draw.rectangle(
            (220 - step * 30, 440 + step * 35, 980 + step * 30, 475 + step * 35),
            fill=("#9aa0a7" if step % 2 else "#aeb3b9"),
        )
    draw.rectangle((0, 615, width, height), fill="#6b7078")
    buffer = io.BytesIO()
    picture.convert("P", palette=Picture.Palette.ADAPTIVE, colors=8).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def pictures(tmp_path):
    made = {
        "barred-window": files.hero_png("barred_window"),
        "cell-doors": files.hero_png("cell_doors"),
        "court-steps": court_steps_png(),
    }
    paths = []
    for name, content in made.items():
        path = tmp_path / f"{name}.png"
        path.write_bytes(content)
        paths.append(path)
    return paths


@pytest.fixture
def tags():
    return [factories.TagFactory(name=name) for name in ("courts", "detention", "protest")]


@pytest.fixture
def guide():
    """guide(name, target, clip=None): a small PNG of `target` for the README, when asked."""

    def take(name, target, **options):
        if not GUIDE_SCREENSHOTS:
            return
        folder = Path(GUIDE_SCREENSHOTS)
        folder.mkdir(parents=True, exist_ok=True)
        picture = Picture.open(io.BytesIO(target.screenshot(animations="disabled", **options)))
        # A palette of 256 colours keeps admin pages sharp at a third of the size.
        small = picture.convert("RGB").quantize(256, method=Picture.Quantize.MEDIANCUT)
        small.save(folder / f"{name}.png", optimize=True)

    return take


@pytest.fixture
def link_server(settings):
    with local_link_server() as server:
        yield let_the_checker_reach(server, settings)


def test_an_editor_and_a_partner_illustrate_their_texts_and_a_dead_link_is_reported(
    page,
    editor,
    seed_article,  # noqa: F811 - a fixture
    pictures,
    tags,
    dana,  # noqa: F811 - a fixture
    link_server,
    settings,
    guide,
):
    settings.EDITOR_AUTOSAVE_SECONDS = 1
    page.set_viewport_size({"width": 1100, "height": 700})
    log_in(page, editor)

    # Three images at once on the library's add-many page, each with its progress bar.
    page.goto("/admin/library/image/")
    page.get_by_role("link", name="Upload many images").click()
    page.get_by_label("Images").set_input_files(pictures)
    page.get_by_label("Credit").fill("Drawing: Coalition secretariat")
    page.get_by_label("Tags").select_option("detention")
    page.get_by_role("button", name="Upload").click()
    progress = page.locator(".library-progress")
    expect(progress.locator("li.is-done")).to_have_count(3)
    for bar in progress.locator("progress").all():
        expect(bar).to_have_js_property("value", 100)
    guide("library-upload-many", page.locator("#content"))

    # They are described together on one page.
    progress.get_by_role("link", name="Give them their alt text").click()
    forms = page.locator(".library-describe > li")
    expect(forms).to_have_count(3)
    for number in range(3):
        form = forms.nth(number)
        title = form.get_by_label("Title").input_value()
        form.get_by_label("Alt text").fill(ALT[title.replace(" ", "-")])
    guide("library-describe", page.locator("#content"))
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messagelist")).to_contain_text("The images are described")
    expect(page.locator("#result_list tbody tr")).to_have_count(3)
    expect(page.get_by_text("No alt text")).to_have_count(0)
    for thumbnail in page.locator("#result_list img").all():
        expect(thumbnail).to_have_js_property("complete", True)
    guide("library-grid", page.locator("#content"))

    # A click on the barred window keeps it in every crop.
    page.locator("#result_list tbody tr").filter(has_text="barred window").locator("img").click(
        force=True
    )
    picker = page.locator(".focal-picker")
    picker.scroll_into_view_if_needed()
    box = picker.locator(".focal-picker__area img").bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.25)
    expect(page.locator("#id_focal_x")).to_have_value("0.5")
    expect(page.locator("#id_focal_y")).to_have_value("0.25")
    guide("library-focal-point", page, clip=around(picker))
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    window = Image.objects.get(title="barred window")
    assert window.focal_point == pytest.approx((0.5, 0.25), abs=0.002)
    assert [tag.name for tag in window.tags.all()] == ["detention"]

    # The seed article: the image goes in after the first paragraph with the chooser, and a
    # link to a page that has gone after the last.
    address = f"/admin/articles/article/{seed_article.pk}/change/"
    page.goto(address)
    page.wait_for_load_state()
    body = page.locator("#id_body")
    preview = page.locator("#id_body_preview")
    first_paragraph = body.input_value().split("\n\n")[0]
    place_cursor_after(body, first_paragraph)
    page.get_by_role("toolbar", name="Formatting").get_by_role("button", name="Image").click()
    dialog = page.get_by_role("dialog", name="Insert an image")
    expect(dialog.get_by_label("Search")).to_be_focused()
    for thumbnail in dialog.locator("img").all():
        expect(thumbnail).to_have_js_property("complete", True)
    guide("chooser", dialog)
    dialog.get_by_label("Caption (optional)").fill("Drawn after the Special Rapporteur's visit")
    dialog.get_by_role("button", name=re.compile("barred window")).click()
    expect(dialog).to_be_hidden()
    reference = f'![](image:{window.pk} "Drawn after the Special Rapporteur\'s visit")'
    expect(body).to_have_value(re.compile(re.escape(f"{first_paragraph}\n\n{reference}\n\n")))
    figure = preview.locator("figure.md-figure")
    expect(figure.locator("img")).to_have_attribute("alt", ALT["barred-window"])
    expect(figure.locator("img")).to_have_js_property("complete", True)
    figure.evaluate("f => f.scrollIntoView({block: 'center'})")
    guide("preview-figure", page, clip=editor_and_preview(body, figure))

    dead = link_server.url("/status/404")
    body.evaluate("t => { t.focus(); t.setSelectionRange(t.value.length, t.value.length); }")
    page.keyboard.insert_text(f"\n\nRead [the Committee findings]({dead}).")
    expect(body).to_have_value(re.compile(re.escape(f"({dead}).") + "$"))
    expect(preview.locator(f"a[href='{dead}']")).to_have_text("the Committee findings")

    # The laptop dies before saving; the page offers the autosaved text back.
    expect(page.locator("#autosave-status")).to_contain_text("Autosaved at")
    wait_for_autosave(page, seed_article, lambda data: dead in data["body"])
    page.goto(address)
    restore = page.get_by_role("link", name=re.compile("Restore the autosaved draft from"))
    expect(restore).to_be_visible()
    assert reference not in body.input_value()
    guide("autosave-offer", page.locator(".autosave-offer"))
    restore.click()
    expect(body).to_have_value(re.compile(re.escape(reference)))
    expect(body).to_have_value(re.compile(re.escape(dead)))

    # Saved, it is a draft of the change; the workflow's Publish puts it live.
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Published")
    article = Article.objects.get(pk=seed_article.pk)
    assert (article.live, article.has_unpublished_changes) == (True, False)

    # The public page shows the figure, sized for each screen.
    page.context.clear_cookies()
    page.goto(article.get_absolute_url())
    public = page.locator(".prose figure.md-figure")
    expect(public).to_have_count(1)
    expect(public.locator("source[type='image/webp']")).to_have_attribute(
        "srcset", re.compile(r"480w, .* 960w")
    )
    expect(public.locator("img")).to_have_attribute("srcset", re.compile(r"\.jpeg 480w"))
    expect(public.locator("img")).to_have_js_property("complete", True)
    expect(public.locator("figcaption")).to_contain_text("Special Rapporteur's visit")
    public.evaluate("f => f.scrollIntoView({block: 'center'})")
    guide("public-figure", page, clip=around(public, margin=16))

    # A partner's staff member does the same with a document in a portal story.
    page.goto("/portal/stories/new/")
    page.get_by_label("Username").fill(dana.username)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Title").fill(STORY)
    page.get_by_label("Standfirst").fill("What our lawyers found on their visits.")
    story_body = page.get_by_label("Body")
    story_body.fill("Our findings are in the report: ")
    story_body.press("End")
    page.get_by_role("toolbar", name="Formatting").get_by_role("button", name="Document").click()
    dialog = page.get_by_role("dialog", name="Insert a document")
    dialog.get_by_text("Upload a new document").click()
    dialog.get_by_label("File").set_input_files(
        {"name": "shadow-report.pdf", "mimeType": "application/pdf", "buffer": REPORT}
    )
    dialog.get_by_label("Title").fill("Shadow report 2024")
    dialog.get_by_label("Language").select_option("en")
    guide("portal-chooser", dialog)
    dialog.get_by_role("button", name="Upload and insert").click()
    expect(dialog).to_be_hidden()
    story_preview = page.locator("#id_body_preview")
    expect(story_preview.get_by_role("link", name="Shadow report 2024")).to_be_visible()
    expect(story_preview.locator(".md-document")).to_have_text(re.compile(r"PDF, [0-9.]+\s?KB"))
    page.get_by_role("button", name="Save and submit for review").click()
    expect(page.get_by_role("status")).to_contain_text("with the editors for review")

    # An editor approves and publishes it from the review queue; the public page links it.
    log_in(page, editor)
    open_from_dashboard(page, "awaiting_review", STORY)
    page.get_by_role("button", name="Approve").click()
    expect(page.locator(".messagelist")).to_contain_text("Approved")
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Published")
    story = Article.objects.get(title=STORY)
    anonymous = page.context.browser.new_context(base_url=page.url.split("/admin/")[0])
    public = anonymous.new_page()
    public.goto(story.get_absolute_url())
    link = public.locator(".prose").get_by_role("link", name="Shadow report 2024")
    assert anonymous.request.get(link.get_attribute("href")).body() == REPORT
    anonymous.close()

    # The weekly check finds the dead link; the report names it and where it is. The partner's
    # website is one that answers: the checker never leaves this machine.
    Partner.objects.filter(memberships__user=dana).update(website=link_server.url("/"))
    checker.check_links()
    page.goto("/admin/")
    page.locator("#editorial-reports").get_by_role("link", name="Broken links").click()
    row = page.get_by_role("row").filter(has_text=dead)
    expect(row).to_contain_text(article.title)
    expect(row.get_by_role("cell").nth(1)).to_have_text("404")
    # That row alone in its table's body: the links that work are not listed.
    expect(row.locator("xpath=..").get_by_role("row")).to_have_count(1)
    guide("broken-links", page.locator("#content"))


def around(locator, margin=12, above=None, below=None):
    """The region (viewport coordinates) of `locator` with a margin, more above or below."""
    box = locator.bounding_box()
    top = max(box["y"] - (margin if above is None else above), 0)
    bottom = box["y"] + box["height"] + (margin if below is None else below)
    left = max(box["x"] - margin, 0)
    return {"x": left, "y": top, "width": box["width"] + 2 * margin, "height": bottom - top}


def editor_and_preview(body, figure):
    """The region holding the text box and the preview's figure side by side."""
    text, shown = body.bounding_box(), figure.bounding_box()
    left = min(text["x"], shown["x"]) - 10
    right = max(text["x"] + text["width"], shown["x"] + shown["width"]) + 10
    top = max(shown["y"] - 140, 0)
    return {
        "x": left,
        "y": top,
        "width": right - left,
        "height": shown["y"] - top + shown["height"] + 50,
    }
