"""A partner's staff put their own document in a story with the chooser, in Chromium: uploaded
in place, it is inserted and the live preview links it; nobody else can fetch it until an
editor publishes the story, and then the public page links it."""

import re

import pytest
from playwright.sync_api import expect

from articles import workflow
from articles.models import Article
from coalition.library.models import Document
from partners.models import Membership
from tests import factories
from tests.factories import PASSWORD

from .test_library_chooser import axe_script, dialog_violations  # noqa: F401 - a fixture

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# A PDF of a few kilobytes: its size shows in KB.
REPORT = b"%PDF-1.4\n% Shadow report\n" + b"% the findings of the monitoring visits\n" * 120


@pytest.fixture
def dana():
    partner = factories.PartnerFactory(name="Kazakhstan Bureau", slug="kazakhstan-bureau")
    user = factories.UserFactory(username="dana", groups=["Partner staff"])
    factories.MembershipFactory(user=user, partner=partner, role=Membership.Role.MEMBER)
    return user


@pytest.fixture
def their_upload():
    """Another organisation's private document, which Dana must never see."""
    other = factories.PartnerFactory(name="Kyrgyz Lawyers", slug="kyrgyz-lawyers")
    return factories.DocumentFactory(
        title="Their confidential memo", partner=other, private_until_used=True
    )


def test_a_partner_uploads_a_document_into_a_story_public_once_published(
    page,
    dana,
    their_upload,
    editor,
    screenshot,
    axe_script,  # noqa: F811
):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/portal/stories/new/")
    page.get_by_label("Username").fill("dana")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.get_by_label("Title").fill("Monitoring the detention centres")
    page.get_by_label("Standfirst").fill("What our lawyers found on their visits.")
    body = page.get_by_label("Body")
    body.fill("Our findings are in the report: ")
    body.press("End")

    # The chooser lists only the organisation's own uploads: none yet.
    page.get_by_role("toolbar", name="Formatting").get_by_role("button", name="Document").click()
    dialog = page.get_by_role("dialog", name="Insert a document")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_text("0 items found")).to_be_visible()
    expect(dialog).not_to_contain_text("confidential")

    dialog.get_by_text("Upload a new document").click()
    dialog.get_by_label("File").set_input_files(
        {"name": "shadow-report.pdf", "mimeType": "application/pdf", "buffer": REPORT}
    )
    dialog.get_by_label("Title").fill("Shadow report 2024")
    dialog.get_by_label("Language").select_option("en")
    assert dialog_violations(page, axe_script) == []
    dialog.get_by_role("button", name="Upload and insert").click()

    expect(dialog).to_be_hidden()
    report = Document.objects.get(title="Shadow report 2024")
    assert report.partner.slug == "kazakhstan-bureau"
    assert report.private_until_used
    reference = f"[Shadow report 2024](document:{report.pk})"
    expect(body).to_have_value(re.compile(re.escape(reference)))
    expect(body).to_be_focused()
    preview = page.locator("#id_body_preview")
    expect(preview.get_by_role("link", name="Shadow report 2024")).to_be_visible()
    expect(preview.locator(".md-document")).to_have_text(re.compile(r"\(PDF, [0-9.]+\s?KB\)"))
    screenshot("preview")

    page.get_by_role("button", name="Save and submit for review").click()
    expect(page.get_by_role("status")).to_contain_text("with the editors for review")
    story = Article.objects.get(title="Monitoring the detention centres")
    # Not public yet: the file's address answers nobody else.
    anonymous = page.context.browser.new_context(base_url=page.url.split("/portal/")[0])
    assert anonymous.request.get(report.url).status == 404

    workflow.approve(story, editor)
    workflow.publish(story, editor)

    public = anonymous.new_page()
    public.goto(story.get_absolute_url())
    link = public.locator(".prose").get_by_role("link", name="Shadow report 2024")
    expect(link).to_be_visible()
    expect(public.locator(".prose .md-document")).to_have_text(re.compile(r"PDF, [0-9.]+\s?KB"))
    response = anonymous.request.get(link.get_attribute("href"))
    assert response.status == 200
    assert response.body() == REPORT
    screenshot("public", public)
    anonymous.close()
