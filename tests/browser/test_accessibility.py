"""WCAG 2.2 AA in Chromium with axe-core, a visible keyboard focus, and the page weight budget.

axe-core is an npm package, installed outside the repository's tracked files by
`make test-browser` (into build/axe); AXE_CORE_JS may point to another copy of axe.min.js.
"""

import os
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles import signatures
from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROOT = Path(__file__).resolve().parents[2]
AXE_CANDIDATES = [
    os.environ.get("AXE_CORE_JS", ""),
    ROOT / "build" / "axe" / "node_modules" / "axe-core" / "axe.min.js",
    ROOT / "node_modules" / "axe-core" / "axe.min.js",
]
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# An article page with its CSS, before images, in bytes.
PAGE_WEIGHT_BUDGET = 100_000


@pytest.fixture(scope="session")
def axe_script():
    for candidate in AXE_CANDIDATES:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    pytest.fail(
        "axe-core not found: run `make test-browser`, or "
        "`npm install --no-save --prefix build/axe axe-core@4`, or set AXE_CORE_JS."
    )


@pytest.fixture
def site():
    """Demo-like content: a campaign article linked to a case with a timeline and a partner."""
    torture = factories.TopicFactory(
        name="Torture", translations={"ru": {"name": "Пытки"}}, slug="torture"
    )
    partner = factories.PartnerFactory(
        name="Kazakhstan International Bureau for Human Rights",
        short_name="KIBHR",
        slug="kibhr",
        description="We **document** torture in custody and represent its victims in court.",
    )
    partner.countries.add(factories.country("KZ"))
    partner.topics.add(torture)
    case = factories.LitigationCaseFactory(title="Abdullaev v. Kazakhstan", slug="abdullaev")
    case.topics.add(torture)
    proceeding = factories.ProceedingFactory(case=case)
    factories.CasePartnerFactory(case=case, partner=partner)
    factories.CaseEventFactory(case=case, title="Application lodged")
    factories.CaseDocumentFactory(case=case, title="The application")
    article = factories.ArticleFactory(
        title="Torture in Kazakhstan: Eradicated by 2013?",
        slug="torture-in-kazakhstan",
        kind="commentary",
        is_featured=True,
        standfirst="The government promised to end torture; our partners' files say otherwise.",
        body=(
            "## What the files show\n\n"
            "> Torture remains widespread.\n\n"
            "Our partners documented *dozens* of complaints. Read [the report]"
            "(https://example.org/report).\n\n- Beatings in custody\n- Forced confessions"
        ),
        hero=factories.ImageFactory(
            file=factories.image_upload(
                "hero.jpg", size=(1200, 675), colour="#3a5a80", format="JPEG"
            ),
            alt="Lawyers outside a courthouse in Almaty",
            credit="Coalition",
        ),
        cta_enabled=True,
        cta_prompt="Call on Kazakhstan to investigate every complaint of torture.",
    )
    article.topics.add(torture)
    article.countries.add(factories.country("KZ"))
    article.partners.add(partner)
    article.cases.add(case)
    factories.ArticleLinkFactory(article=article, label="The Special Rapporteur's report")
    factories.SignatureFactory.create_batch(3, article=article)
    for number in range(4):
        other = factories.ArticleFactory(title=f"Trial monitoring report {number}")
        other.topics.add(torture)
    russian = factories.ArticleFactory(
        title="Пытки в Казахстане: искоренены к 2013 году?",
        slug="pytki-v-kazakhstane",
        language="ru",
        translation_of=article,
        kind="commentary",
        standfirst="Правительство обещало покончить с пытками; дела наших партнёров говорят иное.",
        body=article.body,
        cta_enabled=True,
        cta_prompt="Призовите Казахстан расследовать каждую жалобу на пытки.",
    )
    russian.topics.add(torture)
    return {
        "article": article,
        "russian article": russian,
        "case": case,
        "partner": partner,
        "proceeding": proceeding,
    }


def axe_violations(page, axe_script):
    # Evaluated through the DevTools protocol: a <script> tag would be inline code, which our
    # Content-Security-Policy rightly blocks.
    page.evaluate(axe_script.read_text())
    results = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: "tag", values: tags}})""", WCAG_22_AA
    )
    return [
        {
            "id": violation["id"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in results["violations"]
    ]


def page_addresses(site, language_prefix=""):
    """The public pages to check, in English or, with language_prefix="/ru", in Russian."""
    addresses = {
        "home": "/",
        "article list": "/articles/",
        "article": site["article"].get_absolute_url(),
        "case list": "/cases/",
        "case": site["case"].get_absolute_url(),
        "partner list": "/partners/",
        "partner": site["partner"].get_absolute_url(),
        "search": "/search/?q=torture",
        "empty search": "/search/",
        "login": "/accounts/login/",
        "not found": "/no-such-page/",
    }
    addresses = {name: f"{language_prefix}{address}" for name, address in addresses.items()}
    if language_prefix == "/ru":
        # An article lives under its own language's prefix: Russian readers get its translation.
        addresses["article"] = site["russian article"].get_absolute_url()
    return addresses


@pytest.mark.parametrize(("locale", "language_prefix"), [("en-GB", ""), ("ru", "/ru")])
def test_public_pages_have_no_wcag_22_aa_violations(
    browser, live_server, site, axe_script, locale, language_prefix
):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, locale=locale
    )
    page = context.new_page()
    found = {}
    try:
        for name, address in page_addresses(site, language_prefix).items():
            page.goto(address)
            expect(page.locator("html")).to_have_attribute("lang", locale[:2])
            violations = axe_violations(page, axe_script)
            if violations:
                found[name] = violations
    finally:
        context.close()

    assert found == {}


def test_wide_screen_pages_have_no_wcag_22_aa_violations(browser, live_server, site, axe_script):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    found = {}
    try:
        for name in ["home", "article", "case", "partner", "search"]:
            page.goto(page_addresses(site)[name])
            violations = axe_violations(page, axe_script)
            if violations:
                found[name] = violations
    finally:
        context.close()

    assert found == {}


def test_a_form_with_errors_has_no_wcag_22_aa_violations(page, site, axe_script, screenshot):
    page.goto(site["article"].get_absolute_url())
    page.get_by_role("button", name="Add your voice").click()

    expect(page.get_by_role("alert").first).to_be_visible()
    screenshot("voice-errors")
    assert axe_violations(page, axe_script) == []


def test_signature_pages_have_no_wcag_22_aa_violations(page, site, axe_script):
    signature = factories.SignatureFactory(article=site["article"], confirmed_at=None)
    confirmed = factories.SignatureFactory(article=site["article"])
    addresses = [
        reverse("articles:signature-sent", args=[site["article"].slug]),
        reverse("articles:confirm-signature", args=[signatures.confirmation_token(signature)]),
        reverse("articles:confirm-signature", args=[signatures.confirmation_token(confirmed)]),
        reverse("articles:withdraw-signature", args=[signatures.withdrawal_token(signature)]),
        reverse("articles:signature-withdrawn"),
    ]
    found = {}
    for address in addresses:
        page.goto(address)
        violations = axe_violations(page, axe_script)
        if violations:
            found[address] = violations

    assert found == {}


def test_the_keyboard_focus_is_visible(page, site):
    page.goto("/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")

    focused = page.evaluate(
        """() => {
            const element = document.activeElement;
            const style = getComputedStyle(element);
            return {tag: element.tagName, outline: style.outlineStyle, width: style.outlineWidth};
        }"""
    )
    assert focused["tag"] == "A"
    assert focused["outline"] != "none"
    assert float(focused["width"].removesuffix("px")) >= 2


def test_the_honeypot_is_hidden_from_people(page, site):
    page.goto(site["article"].get_absolute_url())

    expect(page.get_by_label("Leave this empty")).to_be_hidden()
    expect(page.get_by_label("Your name")).to_be_visible()


def test_an_article_page_weighs_under_the_budget_before_images(page, site):
    responses = []
    page.on("response", lambda response: responses.append(response))

    page.goto(site["article"].get_absolute_url())
    page.wait_for_load_state("load")

    weights = {}
    for response in responses:
        kind = response.request.resource_type
        if kind == "image":
            continue
        weights[response.url] = (kind, len(response.body()))
    kinds = {kind for kind, _size in weights.values()}
    assert "font" not in kinds, "The pages need no web fonts."
    assert "script" not in kinds, "The pages need no JavaScript."
    assert "document" in kinds, weights
    assert "stylesheet" in kinds, weights
    total = sum(size for _kind, size in weights.values())
    assert total < PAGE_WEIGHT_BUDGET, weights
