"""WCAG 2.2 success criterion 1.4.10 "Reflow": every public and portal page reads without
sideways scrolling on a 320 px phone and a 1280 px screen, in English, Russian and Kazakh.

axe-core does not catch a page wider than its window, so the test measures it; on the Kazakh
pages it runs axe-core as well (see test_accessibility.py).
"""

import datetime
import os
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from articles.models import Article
from coalition.cases.models import CaseDocument, CasePartner
from partners.models import Membership
from tests import factories
from tests.browser.test_accessibility import axe_script as axe_script  # the fixture
from tests.browser.test_accessibility import axe_violations
from tests.factories import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SIZES = [(320, 640), (1280, 800)]
LANGUAGES = [("en-GB", ""), ("ru", "/ru"), ("kk", "/kk")]
SHOTS = Path(os.environ.get("REFLOW_SHOTS", "test-results/reflow"))
LONG_URL = "https://example.org/reports/2024/" + "torture-in-custody-" * 8 + "full-text.pdf"
LONG_WORD = "Правозащитная" * 6

# The element reaching furthest past the window's right edge, named so a reader can find it.
WIDEST_ELEMENT = """() => {
  let widest = null, right = window.innerWidth;
  for (const element of document.querySelectorAll("body *")) {
    const box = element.getBoundingClientRect();
    // Text too long for its box overflows the box without widening it: count the text too.
    const reach = box.left + Math.max(box.width, element.scrollWidth);
    if (box.width && reach >= right) { right = reach; widest = element; }
  }
  if (!widest) return null;
  const name = widest.tagName.toLowerCase() + (widest.id ? "#" + widest.id : "")
    + [...widest.classList].map(c => "." + c).join("");
  const text = (widest.textContent || "").replace(/\\s+/g, " ").trim().slice(0, 60);
  return `${name} (right edge ${Math.round(right)} px): ${text}`;
}"""


@pytest.fixture
def site():
    """A case with every kind of row and long names, an article with a long address, a partner
    and its portal user."""
    torture = factories.TopicFactory(
        name="Torture",
        translations={"ru": {"name": "Пытки"}, "kk": {"name": "Азаптау"}},
        slug="torture",
    )
    partner = factories.PartnerFactory(
        name="Kazakhstan International Bureau for Human Rights and the Rule of Law",
        short_name="KIBHR",
        slug="kibhr",
        website=LONG_URL,
        description=f"We document torture. {LONG_WORD}. Our report: {LONG_URL}",
    )
    partner.countries.add(factories.country("KZ"))
    partner.topics.add(torture)
    case = factories.LitigationCaseFactory(
        title="Abdullaev and Others v. Kazakhstan (Karaganda police station torture)",
        short_title="Abdullaev v. KZ",
        slug="abdullaev",
        status_changed_on=datetime.date(2010, 3, 16),
        facts=f"The applicant was beaten. {LONG_WORD}. See {LONG_URL}",
    )
    case.topics.add(torture)
    case.respondent_states.add(factories.country("KZ"))
    forum = factories.ForumFactory(name="United Nations Human Rights Committee (CCPR)")
    first = factories.ProceedingFactory(
        case=case,
        forum=forum,
        number="CCPR/C/123/D/4567/2019 and CCPR/C/124/D/4568/2020",
        communicated_on=datetime.date(2020, 2, 3),
        decided_on=datetime.date(2023, 7, 21),
        outcome="Violation of articles 7 and 14 of the Covenant, compensation ordered",
    )
    factories.ProceedingFactory(case=case, parent=first)
    for role in CasePartner.Role.values:
        factories.CasePartnerFactory(
            case=case, role=role, partner=factories.PartnerFactory(name=f"Bureau {role}")
        )
    factories.CasePartnerFactory(case=case, partner=partner, role=CasePartner.Role.LEAD_COUNSEL)
    factories.CaseEventFactory(case=case, title="Application lodged", description=LONG_URL)
    factories.CaseDocumentFactory(
        case=case, title="Application to the Human Rights Committee with annexes 1 to 12"
    )
    factories.CaseDocumentFactory(case=case, title="Decision", file=None, external_url=LONG_URL)
    factories.CaseDocumentFactory(
        case=case,
        title="Partners' strategy note",
        visibility=CaseDocument.Visibility.PARTNERS,
    )
    article = factories.ArticleFactory(
        title="Torture in Kazakhstan: Eradicated by 2013?",
        slug="torture-in-kazakhstan",
        standfirst=f"The government promised to end torture. {LONG_WORD}",
        body=f"Read [the report]({LONG_URL}): {LONG_URL}\n\n`{LONG_WORD}`\n\n{LONG_WORD}",
        cta_enabled=True,
        cta_prompt="Call on Kazakhstan to investigate every complaint of torture.",
        hero=factories.ImageFactory(
            file=factories.image_upload("hero.jpg", size=(1200, 675), format="JPEG"),
            alt="Lawyers outside a courthouse in Almaty",
        ),
    )
    articles = {"en": article}
    for language, title in [("ru", "Пытки в Казахстане"), ("kk", "Қазақстандағы азаптау")]:
        articles[language] = factories.ArticleFactory(
            title=f"{title} {LONG_WORD}",
            slug=f"torture-in-kazakhstan-{language}",
            language=language,
            translation_of=article,
            standfirst=article.standfirst,
            body=article.body,
            cta_enabled=True,
            cta_prompt=article.cta_prompt,
        )
    for each in articles.values():
        each.topics.add(torture)
        each.partners.add(partner)
        each.cases.add(case)
        factories.ArticleLinkFactory(article=each, label=LONG_URL, url=LONG_URL)
        factories.SignatureFactory.create_batch(2, article=each)
    user = factories.UserFactory(username="dana", groups=["Partner staff"])
    factories.MembershipFactory(user=user, partner=partner, role=Membership.Role.ADMIN)
    story = factories.ArticleFactory(
        title=f"Three days in Karaganda {LONG_WORD}",
        status=Article.Status.DRAFT,
        author=user,
        source_partner=partner,
        body=f"He told his lawyer everything. {LONG_URL}",
    )
    return {"articles": articles, "case": case, "partner": partner, "story": story}


def public_pages(site, prefix, language):
    """The public pages in one language: its own translation of the article, the rest prefixed."""
    article = site["articles"][language]
    pages = {
        "home": "/",
        "article list": "/articles/",
        "article list, filtered": "/articles/?topic=torture",
        "case list": "/cases/",
        "case": site["case"].get_absolute_url(),
        "partner list": "/partners/",
        "partner": site["partner"].get_absolute_url(),
        "search": "/search/?q=torture",
        "empty search": "/search/",
        "login": "/accounts/login/",
        "not found": "/no-such-page/",
    }
    with translation.override(language):
        signed = reverse("articles:signature-sent", args=[article.slug])
    return {name: f"{prefix}{path}" for name, path in pages.items()} | {
        "article": article.get_absolute_url(),
        "signing result": signed,
    }


def portal_pages(site):
    slug, story = site["partner"].slug, site["story"].pk
    return {
        "portal home": "/portal/",
        "portal profile": f"/portal/organisations/{slug}/",
        "portal profile edit": f"/portal/organisations/{slug}/edit/",
        "portal stories": "/portal/stories/",
        "portal story": f"/portal/stories/{story}/",
        "portal story edit": f"/portal/stories/{story}/edit/",
        "portal new story": "/portal/stories/new/",
        "portal notifications": "/portal/notifications/",
        "portal case": f"/portal/cases/{site['case'].pk}/",
    }


def log_in(page):
    page.goto("/accounts/login/")
    page.locator("#id_username").fill("dana")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).not_to_have_text("")
    page.wait_for_url("**/portal/")


def overflow(page):
    """What sticks out past the window, or None when the page fits its width."""
    scroll_width, inner_width = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    if scroll_width <= inner_width:
        return None
    return f"{scroll_width} px wide in {inner_width}: {page.evaluate(WIDEST_ELEMENT)}"


@pytest.mark.parametrize(("locale", "prefix"), LANGUAGES, ids=["en", "ru", "kk"])
def test_every_page_reflows_at_320_and_1280_pixels(
    browser, live_server, site, axe_script, locale, prefix
):
    language = locale[:2]
    context = browser.new_context(base_url=live_server.url, locale=locale)
    page = context.new_page()
    page.set_default_timeout(10_000)
    too_wide, violations = {}, {}
    try:
        log_in(page)
        addresses = public_pages(site, prefix, language) | portal_pages(site)
        for width, height in SIZES:
            page.set_viewport_size({"width": width, "height": height})
            for name, address in addresses.items():
                page.goto(address)
                expect(page.locator("html")).to_have_attribute("lang", language)
                if found := overflow(page):
                    too_wide[f"{name} at {width} px ({address})"] = found
                if language == "kk" and width == SIZES[0][0]:
                    if found := axe_violations(page, axe_script):
                        violations[name] = found
                if name in {"case", "article"} and language != "en":
                    SHOTS.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=SHOTS / f"{name}-{language}-{width}.png", full_page=True)
    finally:
        context.close()

    assert not too_wide, "Pages wider than the window:\n" + "\n".join(
        f"{page_name}: {found}" for page_name, found in too_wide.items()
    )
    assert violations == {}
