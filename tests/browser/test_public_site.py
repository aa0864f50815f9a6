import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles import signatures
from articles.models import Signature
from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def campaign():
    partner = factories.PartnerFactory(name="Kazakhstan Bureau", slug="kazakhstan-bureau")
    case = factories.LitigationCaseFactory(title="Abdullaev v. Kazakhstan", slug="abdullaev")
    article = factories.ArticleFactory(
        title="Torture in Kazakhstan: eradicated?",
        slug="torture-in-kazakhstan",
        is_featured=True,
        body="> Torture remains widespread.\n\nOur partners disagree with the official line.",
        cta_enabled=True,
        cta_prompt="Call for an independent investigation of every torture complaint.",
    )
    article.partners.add(partner)
    article.cases.add(case)
    factories.ArticleLinkFactory(article=article, label="The report")
    return article


def test_reader_finds_the_campaign_and_adds_their_voice(page, campaign, screenshot):
    page.goto("/")
    screenshot("home")
    page.get_by_role("link", name="Torture in Kazakhstan: eradicated?").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Torture in Kazakhstan: eradicated?")
    expect(page.get_by_role("link", name="The report")).to_be_visible()

    page.get_by_label("Name").fill("Dana Reader")
    page.get_by_label("Email").fill("dana@example.org")
    page.get_by_label("Country").select_option(label="Kazakhstan")
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Add your voice").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    screenshot("signed")
    signature = Signature.objects.get(article=campaign, email="dana@example.org")

    page.goto(
        reverse("articles:confirm-signature", args=[signatures.confirmation_token(signature)])
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your voice")
    expect(page.get_by_text("Dana Reader")).to_be_visible()
    screenshot("confirm")
    signature.refresh_from_db()
    assert signature.confirmed_at is None
    page.get_by_role("button", name="Confirm my voice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your voice has been added")
    screenshot("confirmed")
    page.get_by_role("link", name="Back to").click()
    expect(page.get_by_text("1 person has added their voice.")).to_be_visible()

    page.get_by_label("Name").fill("Dana Again")
    page.get_by_label("Email").fill("DANA@example.org")
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Add your voice").click()
    # The same answer as for any address: only the address's owner is told, by email.
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert Signature.objects.filter(article=campaign).count() == 1


def test_reader_follows_an_article_to_its_case_and_partner(page, campaign, screenshot):
    page.goto(campaign.get_absolute_url())
    page.get_by_role("link", name="Abdullaev v. Kazakhstan").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Abdullaev v. Kazakhstan")
    screenshot("case")
    page.goto("/partners/")
    page.get_by_role("link", name="Kazakhstan Bureau").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kazakhstan Bureau")
    expect(page.get_by_role("link", name="Torture in Kazakhstan: eradicated?")).to_be_visible()
    screenshot("partner")


def test_keyboard_user_reaches_main_content_through_the_skip_link(page, campaign):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()


def test_draft_is_not_found_in_the_browser(page):
    draft = factories.ArticleFactory(title="Secret draft", slug="secret-draft", status="draft")
    response = page.goto(draft.get_absolute_url())
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.goto("/articles/")
    expect(page.get_by_text("Secret draft")).to_have_count(0)
