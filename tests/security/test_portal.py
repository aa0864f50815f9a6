"""Attacks on the partner portal: other organisations' data, inactive partners, forged fields."""

import pytest
from django.urls import reverse

from articles import workflow
from coalition.cases.models import CaseDocument
from partners.models import Membership
from tests import factories
from tests.admin_helpers import admin_url
from tests.security.conftest import ATTRIBUTE, JS_URL, MARKDOWN, SCRIPT, assert_inert

# Another organisation's data is a 404 -----------------------------------------------------------


@pytest.mark.parametrize("role", ["their_admin", "their_member"])
def test_staff_of_another_organisation_get_404_for_each_of_our_pages(
    client, request, our_pages, role
):
    client.force_login(request.getfixturevalue(role))
    answers = {name: client.get(url).status_code for name, url in our_pages.items()}
    assert answers == dict.fromkeys(our_pages, 404)


def test_our_pages_answer_our_admin(client, our_admin, our_pages):
    client.force_login(our_admin)
    answers = {name: client.get(url).status_code for name, url in our_pages.items()}
    assert answers == dict.fromkeys(our_pages, 200)


# A deactivated partner's staff lose its data -------------------------------------------------


def deactivate(partner):
    partner.is_active = False
    partner.save()


def test_staff_of_a_deactivated_partner_lose_every_page_of_it(
    client, our_admin, our_pages, partner
):
    deactivate(partner)
    client.force_login(our_admin)
    answers = {name: client.get(url).status_code for name, url in our_pages.items()}
    assert answers == dict.fromkeys(our_pages, 404)


def test_staff_of_a_deactivated_partner_are_told_why(client, our_member, partner):
    deactivate(partner)
    client.force_login(our_member)
    response = client.get(reverse("portal:dashboard"))
    assert response.status_code == 404
    assert "no longer an active partner" in response.text


def test_a_deactivated_partner_cannot_upload_or_edit(
    client, our_admin, partner, our_case, our_story
):
    deactivate(partner)
    client.force_login(our_admin)
    edit = client.post(
        reverse("portal:partner-edit", args=[partner.slug]),
        {"summary": "Still here", "version": partner.version},
    )
    story = client.post(
        reverse("portal:story-edit", args=[our_story.pk]),
        {"title": "Still here", "standfirst": "x", "body": "x", "version": our_story.version},
    )
    assert (edit.status_code, story.status_code) == (404, 404)
    partner.refresh_from_db()
    our_story.refresh_from_db()
    assert partner.summary != "Still here"
    assert our_story.title == "Our story"


def test_staff_keep_their_active_organisation_when_another_is_deactivated(
    client, our_member, partner, other_partner, their_case, their_document, our_case
):
    factories.MembershipFactory(user=our_member, partner=other_partner)
    deactivate(partner)
    client.force_login(our_member)
    assert client.get(reverse("portal:case", args=[our_case.pk])).status_code == 404
    assert client.get(reverse("portal:case", args=[their_case.pk])).status_code == 200
    download = reverse("portal:document", args=[their_case.pk, their_document.pk])
    assert client.get(download).status_code == 200
    dashboard = client.get(reverse("portal:dashboard"))
    assert other_partner.name in dashboard.text
    assert partner.name not in dashboard.text


def test_a_deactivated_partners_shared_documents_are_404_even_on_a_shared_case(
    client, partner, other_partner, their_member, our_case
):
    # Both organisations work on the case; only the active one's staff still reach it.
    factories.CasePartnerFactory(case=our_case, partner=other_partner)
    document = factories.CaseDocumentFactory(
        case=our_case, visibility=CaseDocument.Visibility.PARTNERS
    )
    deactivate(other_partner)
    client.force_login(their_member)
    assert (
        client.get(reverse("portal:document", args=[our_case.pk, document.pk])).status_code == 404
    )


def test_reactivating_a_partner_gives_its_staff_their_access_back(
    client, our_member, partner, our_case
):
    deactivate(partner)
    partner.is_active = True
    partner.save()
    client.force_login(our_member)
    assert client.get(reverse("portal:case", args=[our_case.pk])).status_code == 200


# Mass assignment: fields the forms do not offer are ignored ----------------------------------


def test_a_story_cannot_set_its_workflow_or_another_organisation(
    client, our_member, partner, other_partner
):
    client.force_login(our_member)
    response = client.post(
        reverse("portal:story-create"),
        {
            "source_partner": partner.pk,
            "title": "A story",
            "standfirst": "Summary.",
            "body": "Text.",
            "status": "published",
            "live": "on",
            "publish_at": "2020-01-01 00:00",
            "is_featured": "on",
            "cta_enabled": "on",
            "author": "1",
            "slug": "chosen-slug",
            "version": "99",
        },
    )
    assert response.status_code == 303
    story = partner.stories.get(title="A story")
    assert (story.status, story.live, story.publish_at) == ("draft", False, None)
    assert (story.is_featured, story.cta_enabled, story.version) == (False, False, 1)
    assert story.author == our_member
    assert story.slug != "chosen-slug"


def test_a_story_cannot_be_filed_under_another_organisation(client, our_member, other_partner):
    client.force_login(our_member)
    response = client.post(
        reverse("portal:story-create"),
        {"source_partner": other_partner.pk, "title": "Theirs?", "standfirst": "x", "body": "x"},
    )
    # With one organisation the form has no choice to make: the story is filed under it.
    assert response.status_code in (303, 400)
    assert not other_partner.stories.exists()


def test_a_story_cannot_choose_another_organisation_among_several(
    client, our_member, other_partner
):
    third = factories.PartnerFactory(name="Third Bureau", slug="third-bureau")
    factories.MembershipFactory(user=our_member, partner=third)
    client.force_login(our_member)
    response = client.post(
        reverse("portal:story-create"),
        {"source_partner": other_partner.pk, "title": "Theirs?", "standfirst": "x", "body": "x"},
    )
    assert response.status_code == 400
    assert not other_partner.stories.exists()


def test_editing_a_story_cannot_move_it_or_publish_it(
    client, our_member, our_story, other_partner
):
    client.force_login(our_member)
    client.post(
        reverse("portal:story-edit", args=[our_story.pk]),
        {
            "source_partner": other_partner.pk,
            "title": "Our story",
            "standfirst": "x",
            "body": "x",
            "status": "published",
            "version": our_story.version,
        },
    )
    our_story.refresh_from_db()
    assert our_story.source_partner_id != other_partner.pk
    assert our_story.status == "draft"
    assert not our_story.live


def test_a_profile_cannot_rename_or_reactivate_its_partner(client, our_admin, partner):
    client.force_login(our_admin)
    response = client.post(
        reverse("portal:partner-edit", args=[partner.slug]),
        {
            "summary": "New summary.",
            "name": "Renamed",
            "slug": "renamed",
            "is_active": "",
            "member_since": "1990-01-01",
            "version": partner.version,
        },
    )
    assert response.status_code == 303
    partner.refresh_from_db()
    assert partner.summary == "New summary."
    assert (partner.name, partner.slug, partner.is_active) == (
        "Kazakhstan Bureau",
        "kazakhstan-bureau",
        True,
    )
    assert partner.member_since.year == 2015


def test_a_member_cannot_promote_themselves(client, our_member, partner):
    client.force_login(our_member)
    response = client.post(
        reverse("portal:partner-edit", args=[partner.slug]),
        {"summary": "x", "role": "admin", "version": partner.version},
    )
    assert response.status_code == 404
    assert Membership.objects.get(user=our_member).role == Membership.Role.MEMBER


# XSS through what partners write ----------------------------------------------------------------

HOSTILE_STORY = {
    "title": f"Story {SCRIPT}",
    "standfirst": f"Standfirst {ATTRIBUTE}",
    "body": MARKDOWN,
}


def test_what_partners_write_in_a_story_is_inert_everywhere_it_is_shown(
    client, our_member, partner, editor
):
    client.force_login(our_member)
    response = client.post(reverse("portal:story-create"), {**HOSTILE_STORY, "save": "1"})
    assert response.status_code == 303
    story = partner.stories.get()
    preview = client.post(reverse("portal:story-create"), {**HOSTILE_STORY, "preview": "1"})
    pages = [
        preview,
        client.get(reverse("portal:story", args=[story.pk])),
        client.get(reverse("portal:stories")),
        client.get(reverse("portal:dashboard")),
    ]
    client.force_login(editor)
    pages += [
        client.get(admin_url(story, "change")),
        client.get(admin_url(story, "preview")),
        client.get(reverse("admin:index")),
    ]
    workflow.publish(story, editor)
    client.logout()
    pages.append(client.get(story.get_absolute_url()))
    for page in pages:
        assert page.status_code == 200, page.request["PATH_INFO"]
        assert_inert(page.content.decode())


def test_what_partners_write_in_their_profile_is_inert(client, our_admin, partner, editor):
    client.force_login(our_admin)
    response = client.post(
        reverse("portal:partner-edit", args=[partner.slug]),
        {
            "summary": f"Summary {ATTRIBUTE}",
            "description": MARKDOWN,
            "website": "https://example.org/",
            "public_email": "info@example.org",
            "version": partner.version,
        },
    )
    assert response.status_code == 303
    pages = [
        client.get(reverse("portal:partner", args=[partner.slug])),
        client.get(partner.get_absolute_url()),
    ]
    client.force_login(editor)
    pages.append(client.get(admin_url(partner, "change")))
    for page in pages:
        assert page.status_code == 200
        assert_inert(page.content.decode())


def test_a_profile_website_cannot_be_a_script(client, our_admin, partner):
    client.force_login(our_admin)
    response = client.post(
        reverse("portal:partner-edit", args=[partner.slug]),
        {"summary": "Fine.", "website": JS_URL, "version": partner.version},
    )
    assert response.status_code == 400
    partner.refresh_from_db()
    assert "javascript" not in partner.website
