"""Writing in the Markdown editor: toolbar, shortcuts and the live preview, in Chromium."""

import re

import pytest
from playwright.sync_api import expect

from coalition import revisions
from tests import factories
from tests.browser import test_accessibility

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def log_in(page, user, address="/admin/"):
    page.context.clear_cookies()
    page.goto(f"/admin/login/?next={address}")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Log in").click()


def select(textarea, word):
    """Select the first `word` in `textarea`, as a double click would."""
    start = textarea.input_value().index(word)
    textarea.evaluate("(t, [a, b]) => t.setSelectionRange(a, b)", [start, start + len(word)])


@pytest.fixture
def csp_errors(page):
    found = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return found


@pytest.fixture
def draft(author):
    return factories.ArticleFactory(
        title="Confessions in Almaty",
        status="draft",
        publish_at=None,
        author=author,
        body="Three men were held.",
    )


def test_typing_updates_the_preview_and_bold_wraps_the_selection(page, author, draft, csp_errors):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, author, f"/admin/articles/article/{draft.pk}/change/")
    body = page.locator("#id_body")
    preview = page.locator("#id_body_preview")
    expect(preview).to_contain_text("Three men were held.")

    body.fill("## Findings\n\nThe police beat them.")
    expect(preview.locator("h2")).to_have_text("Findings")
    expect(page.locator("#id_body_statistics")).to_have_text("5 words · 1 min read")

    # The toolbar button wraps the selected word.
    select(body, "police")
    page.get_by_role("toolbar", name="Formatting").get_by_role("button", name="Bold").click()
    expect(body).to_have_value("## Findings\n\nThe **police** beat them.")
    expect(preview.locator("strong")).to_have_text("police")

    # So does Ctrl+B, and again undoes it.
    select(body, "beat")
    body.press("Control+b")
    expect(body).to_have_value("## Findings\n\nThe **police** **beat** them.")
    body.press("Control+b")
    expect(body).to_have_value("## Findings\n\nThe **police** beat them.")
    assert csp_errors == []


def test_the_toolbar_works_from_the_keyboard(page, author, draft):
    log_in(page, author, f"/admin/articles/article/{draft.pk}/change/")
    body = page.locator("#id_body")
    body.fill("First\nSecond")
    body.evaluate("t => t.setSelectionRange(0, t.value.length)")
    toolbar = page.get_by_role("toolbar", name="Formatting")
    toolbar.get_by_role("button", name="Heading", exact=True).focus()
    # One tab stop; the arrow keys move along the buttons.
    for _ in range(6):
        page.keyboard.press("ArrowRight")
    expect(toolbar.get_by_role("button", name="Bulleted list")).to_be_focused()
    page.keyboard.press("Enter")
    expect(body).to_have_value("- First\n- Second")
    body.press("Control+Shift+7")
    expect(body).to_have_value("1. First\n2. Second")


def test_the_portal_story_form_previews_too(page, csp_errors):
    partner = factories.PartnerFactory(name="Kazakhstan Bureau", slug="kazakhstan-bureau")
    staff = factories.MembershipFactory(
        partner=partner, user__username="dana", user__groups=["Partner staff"]
    ).user
    page.goto("/portal/stories/new/")
    page.get_by_label("Username").fill(staff.username)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("toolbar", name="Formatting")).to_be_visible()
    page.get_by_label("Body").fill("He told his lawyer **everything**.")
    expect(page.locator("#id_body_preview strong")).to_have_text("everything")
    assert csp_errors == []


def test_links_are_reordered_with_the_keyboard(page, editor, draft):
    for number, label in enumerate(["UN report", "Court ruling", "Press release"], start=1):
        factories.ArticleLinkFactory(article=draft, label=label, order=number)
    log_in(page, editor, f"/admin/articles/article/{draft.pk}/change/")
    links = page.locator("#links-group")
    # The order numbers are hidden: the rows are moved instead.
    expect(links.locator("td.field-order").first).to_be_hidden()
    third = links.locator("tr.form-row").nth(2)
    expect(third.locator("td.field-label input")).to_have_value("Press release")
    third.get_by_role("button", name="Move up").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="moved to position")).to_have_text(
        "“Press release” moved to position 1 of 3."
    )
    moved = links.locator("tr.form-row").first
    expect(moved.get_by_role("button", name="Move up")).to_be_focused()
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert [link.label for link in draft.links.all()] == [
        "Press release",
        "UN report",
        "Court ruling",
    ]


def test_the_change_page_reads_as_a_writing_page(page, editor, draft, screenshot):
    draft.body = (
        "## What happened\n\nThree men were held for **three days** without a lawyer at the "
        "Medeu district station.\n\n> We were beaten until we signed.\n\n- Held 3 to 6 May\n"
        "- No lawyer\n\n![](/media/station.jpg)"
    )
    draft.save()
    factories.ArticleLinkFactory(article=draft, label="UN Committee against Torture", order=1)
    for width in (1280, 800):
        page.set_viewport_size({"width": width, "height": 900})
        log_in(page, editor, f"/admin/articles/article/{draft.pk}/change/")
        expect(page.locator("#id_body_preview blockquote")).to_be_visible()
        expect(page.locator("#publish-warnings-panel")).to_be_visible()
        screenshot(f"article-{width}")


def test_autosave_keeps_the_text_and_the_page_offers_it_back(
    page, author, draft, settings, screenshot
):
    settings.EDITOR_AUTOSAVE_SECONDS = 1
    address = f"/admin/articles/article/{draft.pk}/change/"
    log_in(page, author, address)
    # The script takes what the page opened with as kept once the document has loaded: typing
    # earlier would count as nothing changed.
    page.wait_for_load_state()
    page.locator("#id_body").fill("Typed, then the laptop died.")
    expect(page.locator("#autosave-status")).to_contain_text("Autosaved at")
    draft.refresh_from_db()
    assert draft.body == "Three men were held."

    # The tab closes without saving; the author comes back.
    page.goto(address)
    expect(page.locator("#id_body")).to_have_value("Three men were held.")
    screenshot("offer")
    page.get_by_role("link", name=re.compile("Restore the autosaved draft from")).click()
    expect(page.locator("#id_body")).to_have_value("Typed, then the laptop died.")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    draft.refresh_from_db()
    assert draft.body == "Typed, then the laptop died."
    expect(page.get_by_role("link", name=re.compile("Restore the autosaved"))).to_have_count(0)


def wait_for_autosave(page, obj, found):
    """Wait until `obj`'s autosave satisfies `found`: text and choices may go in two rounds."""
    for _round in range(50):
        kept = revisions.autosaves_of(obj).first()
        if kept is not None and found(kept.data):
            return
        page.wait_for_timeout(200)
    raise AssertionError("The autosave never came.")


def test_autosave_keeps_the_learn_more_rows(page, author, draft, settings):
    settings.EDITOR_AUTOSAVE_SECONDS = 1
    factories.ArticleLinkFactory(
        article=draft, label="UN Committee", url="https://un.example/", order=1
    )
    address = f"/admin/articles/article/{draft.pk}/change/"
    log_in(page, author, address)
    page.wait_for_load_state()
    page.locator("#id_links-0-label").fill("UN Committee against Torture")
    wait_for_autosave(page, draft, lambda data: "against" in data["links"][0]["label"])
    page.goto(address)
    page.get_by_role("link", name=re.compile("Restore the autosaved draft from")).click()
    expect(page.locator("#id_links-0-label")).to_have_value("UN Committee against Torture")


def test_a_partners_autosave_keeps_its_countries_too(page, editor, settings):
    settings.EDITOR_AUTOSAVE_SECONDS = 1
    partner = factories.PartnerFactory(name="Almaty Bureau", summary="Lawyers.")
    address = f"/admin/partners/partner/{partner.pk}/change/"
    log_in(page, editor, address)
    page.wait_for_load_state()
    page.locator("#id_summary").fill("Lawyers and doctors.")
    page.locator("#id_countries").locator("xpath=..").locator(".select2-selection").click()
    page.locator("[aria-controls=select2-id_countries-results]").fill("Kyrgyz")
    page.locator(".select2-results__option", has_text="Kyrgyzstan").click()
    expect(page.locator("#autosave-status")).to_contain_text("Autosaved at")
    wait_for_autosave(
        page, partner, lambda data: data["countries"] and "doctors" in data["summary"]
    )

    page.goto(address)
    page.get_by_role("link", name=re.compile("Restore the autosaved draft from")).click()
    expect(page.locator("#id_summary")).to_have_value("Lawyers and doctors.")
    expect(page.locator("#id_countries option:checked")).to_have_text("Kyrgyzstan")
    partner.refresh_from_db()
    assert partner.summary == "Lawyers."


# axe-core, found as the accessibility tests find it.
axe_script = test_accessibility.axe_script


def test_the_story_form_with_its_editor_has_no_wcag_22_aa_violations(page, axe_script):
    partner = factories.PartnerFactory(name="Kazakhstan Bureau", slug="kazakhstan-bureau")
    staff = factories.MembershipFactory(
        partner=partner, user__username="dana", user__groups=["Partner staff"]
    ).user
    page.goto("/portal/stories/new/")
    page.get_by_label("Username").fill(staff.username)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Body").fill("## A heading\n\nHe told his lawyer **everything**.")
    expect(page.locator("#id_body_preview h2")).to_have_text("A heading")
    assert test_accessibility.axe_violations(page, axe_script) == []


def test_the_portal_story_form_autosaves_too(page, settings):
    settings.EDITOR_AUTOSAVE_SECONDS = 1
    partner = factories.PartnerFactory(name="Kazakhstan Bureau", slug="kazakhstan-bureau")
    staff = factories.MembershipFactory(
        partner=partner, user__username="dana", user__groups=["Partner staff"]
    ).user
    story = factories.ArticleFactory(
        status="draft", publish_at=None, author=staff, source_partner=partner, body="Before."
    )
    factories.TopicFactory(name="Torture")
    page.goto(f"/portal/stories/{story.pk}/edit/")
    page.get_by_label("Username").fill(staff.username)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**/portal/stories/{story.pk}/edit/")
    page.wait_for_load_state()
    page.get_by_label("Body").fill("Typed in the portal.")
    page.get_by_label("Torture").check()
    expect(page.locator("#autosave-status")).to_contain_text("Autosaved at")
    page.goto(f"/portal/stories/{story.pk}/edit/")
    expect(page.get_by_label("Torture")).not_to_be_checked()
    page.get_by_role("link", name=re.compile("Restore the autosaved draft from")).click()
    expect(page.get_by_label("Body")).to_have_value("Typed in the portal.")
    expect(page.get_by_label("Torture")).to_be_checked()
