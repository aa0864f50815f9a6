"""The Content-Security-Policy as Chromium enforces it: no page we serve breaks it.

Every violation shows up twice: as a `securitypolicyviolation` event in the page (recorded
by an init script, which the policy cannot block) and as an error in Chromium's console.
"""

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.admin_helpers import admin_url

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
    `at ${event.sourceFile}:${event.lineNumber} ${event.sample}`
  );
});
"""


@pytest.fixture
def site(db):
    torture = factories.TopicFactory(name="Torture", slug="torture")
    partner = factories.PartnerFactory(
        name="Kazakhstan Bureau",
        slug="kazakhstan-bureau",
        description="We **document** torture. ![Our office](/media/nowhere.png)",
        logo=factories.ImageFactory(file=factories.image_upload("logo.png", size=(320, 160))),
    )
    case = factories.LitigationCaseFactory(title="Abdullaev v. Kazakhstan", slug="abdullaev")
    factories.CasePartnerFactory(case=case, partner=partner)
    factories.CaseEventFactory(case=case, title="Application lodged")
    factories.CaseDocumentFactory(case=case, title="The application")
    article = factories.ArticleFactory(
        title="Torture in Kazakhstan",
        slug="torture-in-kazakhstan",
        body="## What the files show\n\n> Torture remains widespread.\n\n| a | b |\n|---|---|",
        hero=factories.ImageFactory(
            file=factories.image_upload("hero.jpg", size=(1200, 600), format="JPEG"),
            alt="A courthouse in Almaty",
        ),
        cta_enabled=True,
        cta_prompt="Call on Kazakhstan to investigate.",
    )
    article.topics.add(torture)
    article.partners.add(partner)
    article.cases.add(case)
    factories.ArticleLinkFactory(article=article, label="The report")
    staff = factories.MembershipFactory(
        partner=partner, role="admin", user__username="dana", user__groups=["Partner staff"]
    ).user
    story = factories.ArticleFactory(
        title="Our story", status="draft", publish_at=None, author=staff, source_partner=partner
    )
    return {"article": article, "case": case, "partner": partner, "staff": staff, "story": story}


@pytest.fixture
def csp_page(page):
    """The test page, recording CSP violations from its events and the console of every page
    it opens (pop-ups included)."""
    console = []
    page.context.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text or "Permissions-Policy" in message.text
            else None
        ),
    )
    page.context.add_init_script(RECORD_VIOLATIONS)
    page.console_csp_errors = console
    return page


def visit(page, address, found):
    """Open `address` with every lazy image loaded, and note its violations."""
    response = page.goto(address)
    assert response.status == 200, address
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page.mouse.wheel(0, 20_000)
    page.wait_for_load_state("networkidle")
    violations = page.evaluate("window.cspViolations")
    if violations:
        found[address] = violations


def log_in(page, user, address):
    page.context.clear_cookies()
    page.goto(address)
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_public_pages_break_no_rule_of_the_policy(csp_page, site):
    found = {}
    for address in [
        "/",
        "/articles/",
        site["article"].get_absolute_url(),
        site["case"].get_absolute_url(),
        site["partner"].get_absolute_url(),
        "/search/?q=torture",
        "/accounts/login/",
    ]:
        visit(csp_page, address, found)
    # The "Add your voice" form's errors come back on the page.
    csp_page.goto(site["article"].get_absolute_url())
    csp_page.get_by_role("button", name="Add your voice").click()
    expect(csp_page.get_by_role("alert").first).to_be_visible()
    found["voice form errors"] = csp_page.evaluate("window.cspViolations")

    assert {address: v for address, v in found.items() if v} == {}
    assert csp_page.console_csp_errors == []


def test_portal_pages_break_no_rule_of_the_policy(csp_page, site):
    log_in(csp_page, site["staff"], "/accounts/login/?next=/portal/")
    expect(csp_page.get_by_role("heading", level=1)).to_have_text("Partner portal")
    found = {}
    story = site["story"]
    for address in [
        "/portal/",
        f"/portal/organisations/{site['partner'].slug}/",
        f"/portal/organisations/{site['partner'].slug}/edit/",
        "/portal/stories/",
        f"/portal/stories/{story.pk}/",
        f"/portal/stories/{story.pk}/edit/",
        f"/portal/cases/{site['case'].pk}/",
    ]:
        visit(csp_page, address, found)
    csp_page.goto(f"/portal/stories/{story.pk}/edit/")
    csp_page.get_by_label("Body").fill("He told his lawyer **everything**.")
    csp_page.get_by_role("button", name="Preview").click()
    expect(csp_page.locator("#story-preview + .prose strong")).to_have_text("everything")
    found["story preview"] = csp_page.evaluate("window.cspViolations")

    assert {address: v for address, v in found.items() if v} == {}
    assert csp_page.console_csp_errors == []


def test_admin_pages_break_no_rule_of_the_policy(csp_page, site, editor):
    log_in(csp_page, editor, "/admin/login/?next=/admin/")
    expect(csp_page.locator("#editorial-dashboard-heading")).to_be_attached()
    found = {}
    for address in [
        "/admin/",
        "/admin/articles/article/",
        admin_url(site["article"], "change"),
        admin_url(site["article"], "history"),
        admin_url(site["partner"], "change"),
        admin_url(site["case"], "change"),
        admin_url(site["article"], "revisions"),
        admin_url(site["article"], "preview"),
        "/admin/articles/article/add/",
        "/admin/articles/article/reports/aging/",
        "/admin/partners/membership/",
        "/admin/coalition/topic/add/?_to_field=id&_popup=1",
        "/admin/password_change/",
    ]:
        visit(csp_page, address, found)
    # The autocomplete widgets (select2) open their drop-down and fetch choices.
    csp_page.goto(admin_url(site["article"], "change"))
    csp_page.locator("#id_topics").locator("xpath=..").locator(".select2-selection").click()
    expect(csp_page.locator(".select2-results__option").first).to_be_visible()
    csp_page.keyboard.press("Escape")
    # The date and time shortcuts open their calendar.
    csp_page.locator(".datetimeshortcuts a").first.click()
    found["widgets"] = csp_page.evaluate("window.cspViolations")
    # A related object added in a pop-up window answers with Django's popup response page.
    with csp_page.expect_popup() as popup_info:
        csp_page.locator("#add_id_topics").click()
    popup = popup_info.value
    popup.locator("#id_name").fill("Fair trial")
    popup.locator("#id_slug").fill("fair-trial")
    with popup.expect_event("close"):
        popup.get_by_role("button", name="Save", exact=True).click()
    expect(csp_page.locator("#id_topics option", has_text="Fair trial")).to_be_attached()
    found["related pop-up"] = csp_page.evaluate("window.cspViolations")

    assert {address: v for address, v in found.items() if v} == {}
    assert csp_page.console_csp_errors == []
