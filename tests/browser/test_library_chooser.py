"""An editor inserts library items into the seed article with the chooser, in Chromium: an
image uploaded in place, a document picked from the list; the live preview shows them, and
once published so does the public page, the image as a <figure> with a srcset."""

import io
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as Picture
from playwright.sync_api import expect

from articles.models import Article
from coalition.demo.content import campaign
from coalition.library.models import Image
from tests import factories
from tests.browser import test_accessibility

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SOURCE = campaign.CAMPAIGN
COLOURS = {"Court steps": "#7b8fa6", "Rally in Almaty": "#b5651d", "Lawyers' letter": "#2e6b4f"}


# axe-core, found as the accessibility tests find it.
axe_script = test_accessibility.axe_script


def dialog_violations(page, axe_script):
    """WCAG 2.2 AA violations axe-core finds in the open dialog."""
    page.evaluate(axe_script.read_text())
    results = page.evaluate(
        """tags => axe.run(document.querySelector("dialog[open]"),
                           {runOnly: {type: "tag", values: tags}})""",
        test_accessibility.WCAG_22_AA,
    )
    return [(found["id"], found["help"]) for found in results["violations"]]


def png(colour, size=(1200, 800)):
    buffer = io.BytesIO()
    Picture.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def seed_article(torture):
    article = factories.ArticleFactory(
        title=SOURCE["title"],
        slug=SOURCE["slug"],
        kind=SOURCE["kind"],
        byline=SOURCE["byline"],
        standfirst=SOURCE["standfirst"],
        body=SOURCE["body"].replace("({partner:", "(/partners/").replace("({case:", "(/cases/"),
    )
    article.topics.add(torture)
    return article


@pytest.fixture
def library():
    """A few images (their variants made as each save commits) and a report."""
    for title, colour in COLOURS.items():
        factories.ImageFactory(
            title=title,
            alt=f"{title}, photographed in 2012",
            file=SimpleUploadedFile(f"{title[:5]}.png", png(colour), "image/png"),
        )
    return factories.DocumentFactory(title="Alternative report to the UN Committee")


def log_in(page, user, address):
    page.goto(f"/admin/login/?next={address}")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Log in").click()


def place_cursor_after(textarea, text):
    position = textarea.input_value().index(text) + len(text)
    textarea.evaluate("(t, p) => { t.focus(); t.setSelectionRange(p, p); }", position)
    return position


def test_an_editor_inserts_an_uploaded_image_and_a_chosen_document(
    page, editor, seed_article, library, screenshot, axe_script
):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, editor, f"/admin/articles/article/{seed_article.pk}/change/")
    body = page.locator("#id_body")
    preview = page.locator("#id_body_preview")
    toolbar = page.get_by_role("toolbar", name="Formatting")
    first_paragraph = body.input_value().split("\n\n")[0]
    place_cursor_after(body, first_paragraph)

    # The chooser opens as a modal dialog, the search box focused; Esc closes it and the
    # cursor is back in the text where it was.
    toolbar.get_by_role("button", name="Image").click()
    dialog = page.get_by_role("dialog", name="Insert an image")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label("Search")).to_be_focused()
    expect(dialog.get_by_role("button", name=re.compile("Court steps"))).to_be_visible()
    expect(dialog.locator("img").first).to_have_js_property("complete", True)
    screenshot("chooser")
    dialog.get_by_text("Upload a new image").click()
    assert dialog_violations(page, axe_script) == []
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(body).to_be_focused()
    assert body.evaluate("t => t.selectionStart") == len(first_paragraph)

    # Search narrows the list.
    toolbar.get_by_role("button", name="Image").click()
    dialog.get_by_label("Search").fill("rally")
    dialog.get_by_label("Search").press("Enter")
    expect(dialog.get_by_text("1 item found")).to_be_visible()

    # An image uploaded in place is saved and inserted with the caption typed.
    dialog.get_by_label("Caption (optional)").fill("Outside the court, 3 May")
    dialog.get_by_text("Upload a new image").click()
    dialog.get_by_label("Image", exact=True).set_input_files(
        {"name": "march.png", "mimeType": "image/png", "buffer": png("#5b3f8c", (1600, 900))}
    )
    dialog.get_by_label("Alt text").fill("Marchers carrying a banner along Abai Avenue")
    dialog.get_by_role("button", name="Upload and insert").click()
    expect(dialog).to_be_hidden()
    uploaded = Image.objects.get(title="march")
    reference = f'![](image:{uploaded.pk} "Outside the court, 3 May")'
    expect(body).to_have_value(re.compile(re.escape(f"{first_paragraph}\n\n{reference}\n\n")))
    expect(body).to_be_focused()
    figure = preview.locator("figure.md-figure")
    expect(figure.locator("img")).to_have_attribute(
        "alt", "Marchers carrying a banner along Abai Avenue"
    )
    expect(figure.locator("figcaption")).to_contain_text("Outside the court, 3 May")

    # A document is picked from the list; the selected words become its link.
    last = body.input_value().rstrip().rsplit(" ", 1)[-1]
    end = len(body.input_value().rstrip())
    body.evaluate(
        "(t, [a, b]) => { t.focus(); t.setSelectionRange(a, b); }", [end - len(last), end]
    )
    toolbar.get_by_role("button", name="Document").click()
    documents = page.get_by_role("dialog", name="Insert a document")
    documents.get_by_role("button", name=re.compile("Alternative report")).click()
    expect(documents).to_be_hidden()
    expect(body).to_have_value(re.compile(re.escape(f"[{last}](document:{library.pk})")))
    expect(preview.locator(".md-document")).to_contain_text("PDF")
    screenshot("inserted")

    # Saved and published, the public page shows the figure with its variants.
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    publish = page.get_by_role("button", name=re.compile(r"^Publish"))
    if publish.count():
        publish.first.click()
        expect(page.locator(".messagelist")).to_contain_text("ublished")
    article = Article.objects.get(pk=seed_article.pk)
    assert f"image:{uploaded.pk}" in article.body

    page.context.clear_cookies()
    page.goto(article.get_absolute_url())
    public = page.locator(".prose figure.md-figure")
    expect(public).to_have_count(1)
    expect(public.locator("source[type='image/webp']")).to_have_attribute(
        "srcset", re.compile(r"480w, .* 960w, .* 1600w")
    )
    expect(public.locator("img")).to_have_attribute("srcset", re.compile(r"\.jpeg 480w"))
    expect(public.locator("img")).to_have_js_property("complete", True)
    expect(public.locator("figcaption")).to_contain_text("Outside the court, 3 May")
    expect(page.locator(".prose .md-document")).to_contain_text("PDF")
    screenshot("public")


def test_without_a_chooser_the_buttons_insert_markdown_to_fill_in(page, author):
    draft = factories.ArticleFactory(
        author=author, status="draft", publish_at=None, body="Three men were held."
    )
    # Authors who may not see the library get the Markdown to fill in, as before.
    Group.objects.get(name="Authors").permissions.remove(
        *Permission.objects.filter(content_type__app_label="library", codename="view_image")
    )
    log_in(page, author, f"/admin/articles/article/{draft.pk}/change/")
    body = page.locator("#id_body")
    place_cursor_after(body, "held.")

    page.get_by_role("toolbar", name="Formatting").get_by_role("button", name="Image").click()

    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(body).to_have_value("Three men were held.\n\n![Describe the image](https://)")
