import pytest
from playwright.sync_api import expect

from articles.models import Article
from coalition.cases.models import CaseDocument
from partners.models import Membership
from tests import factories
from tests.factories import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

STATEMENT = b"%PDF-1.4\n% The applicant's statement\n"


@pytest.fixture
def partner_admin():
    partner = factories.PartnerFactory(name="Kazakhstan Bureau", slug="kazakhstan-bureau")
    user = factories.UserFactory(username="dana", groups=["Partner staff"])
    factories.MembershipFactory(user=user, partner=partner, role=Membership.Role.ADMIN)
    case = factories.LitigationCaseFactory(title="Abdullaev v. Kazakhstan", is_public=False)
    factories.CasePartnerFactory(case=case, partner=partner)
    factories.CaseEventFactory(case=case, title="Strategy meeting", is_public=False)
    return user


def test_a_partner_keeps_its_profile_writes_a_story_and_shares_a_document(
    page, partner_admin, screenshot, tmp_path
):
    page.goto("/portal/")
    page.get_by_label("Username").fill("dana")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partner portal")
    screenshot("dashboard")

    page.get_by_role("link", name="Kazakhstan Bureau").click()
    page.get_by_role("link", name="Edit the profile").click()
    page.get_by_role("textbox", name="Summary:", exact=True).fill(
        "Lawyers who take torture cases to court."
    )
    page.get_by_role("button", name="Save the profile").click()
    expect(page.get_by_role("status")).to_contain_text("The profile is saved.")
    expect(page.locator(".standfirst")).to_have_text("Lawyers who take torture cases to court.")

    page.get_by_role("link", name="Write a story").first.click()
    page.get_by_label("Title").fill("Three days in Karaganda police station")
    page.get_by_label("Standfirst").fill("A man was beaten until he confessed.")
    page.get_by_label("Body").fill("He told his lawyer **everything**.")
    page.get_by_label("Abdullaev v. Kazakhstan").check()
    page.get_by_role("button", name="Preview").click()
    expect(page.locator("#story-preview + .prose strong")).to_have_text("everything")
    screenshot("story-preview")
    page.get_by_role("button", name="Save and submit for review").click()
    expect(page.get_by_role("status")).to_contain_text("with the editors for review")
    expect(page.locator(".badge").first).to_have_text("In review")
    story = Article.objects.get(title="Three days in Karaganda police station")
    assert story.status == Article.Status.IN_REVIEW
    assert story.source_partner.slug == "kazakhstan-bureau"

    page.get_by_role("link", name="Portal home").click()
    page.get_by_role("link", name="Abdullaev v. Kazakhstan").click()
    expect(page.get_by_text("Strategy meeting")).to_be_visible()
    statement = tmp_path / "statement.pdf"
    statement.write_bytes(STATEMENT)
    page.get_by_label("Title").fill("Applicant's statement")
    page.get_by_label("Kind").select_option("evidence")
    page.get_by_label("File").set_input_files(statement)
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("status")).to_contain_text("The document is uploaded.")
    screenshot("workspace")
    assert CaseDocument.objects.get().visibility == CaseDocument.Visibility.PARTNERS

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Applicant's statement").click()
    download = download_info.value
    assert download.suggested_filename == "applicants-statement.pdf"
    assert download.path().read_bytes() == STATEMENT
