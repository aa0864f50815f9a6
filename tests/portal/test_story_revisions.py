"""Portal story saves keep revisions, never overwrite a newer save, and never touch a live page."""

import pytest
from django.test import Client
from django.urls import reverse

from articles import workflow
from articles.models import Article
from coalition import revisions
from tests import factories
from tests.admin_helpers import admin_url, change_form_data, open_change_form

from .test_stories import story_data

pytestmark = pytest.mark.django_db


def edit(client, story, version=None, **changes):
    data = story_data(version=story.version if version is None else version, **changes)
    return client.post(reverse("portal:story-edit", args=[story.pk]), data)


@pytest.fixture
def live_story(our_story, our_member, editor):
    """A published story of ours that the editors sent back with a pending change request."""
    workflow.publish(our_story, editor)
    our_story.refresh_from_db()
    assert revisions.mark_pending(our_story)
    revisions.save_revision(
        our_story, editor, "Editor's draft", pending=True, data=revisions.snapshot(our_story)
    )
    workflow.submit(our_story, editor)
    workflow.request_changes(our_story, editor, "Please add the dates of detention.")
    our_story.refresh_from_db()
    assert (our_story.live, our_story.status) == (True, Article.Status.CHANGES_REQUESTED)
    return our_story


def test_writing_a_story_records_its_first_revision(client, our_member):
    client.force_login(our_member)
    response = client.post(reverse("portal:story-create"), story_data())
    assert response.status_code == 303
    story = Article.objects.get()
    revision = revisions.revisions_of(story).get()
    assert revision.created_by == our_member
    assert revision.data["title"] == "Beaten in Karaganda police station"


def test_each_portal_save_records_a_revision_and_raises_the_version(client, our_member, our_story):
    client.force_login(our_member)
    assert edit(client, our_story, title="First version").status_code == 303
    our_story.refresh_from_db()
    assert edit(client, our_story, title="Second version").status_code == 303
    our_story.refresh_from_db()
    assert our_story.version == 3
    saved = revisions.revisions_of(our_story).order_by("number")
    # The content as found before the first save, then each save, with who made it.
    assert [r.data["title"] for r in saved] == ["Our story", "First version", "Second version"]
    assert [r.created_by for r in saved] == [None, our_member, our_member]


def test_the_edit_form_carries_the_version(client, our_member, our_story):
    client.force_login(our_member)
    response = client.get(reverse("portal:story-edit", args=[our_story.pk]))
    assert f'name="version" value="{our_story.version}"' in response.text


def test_the_second_of_two_colleagues_gets_a_conflict_and_sees_what_they_wrote(
    client, our_member, our_admin, our_story
):
    opened_version = our_story.version
    client.force_login(our_member)
    assert edit(client, our_story, title="The member's title").status_code == 303

    colleague = Client()
    colleague.force_login(our_admin)
    response = edit(
        colleague, our_story, version=opened_version, title="The admin's <title>", body="Mine."
    )

    assert response.status_code == 409
    assert "The admin&#x27;s &lt;title&gt;" in response.text
    assert "Mine." in response.text
    our_story.refresh_from_db()
    assert our_story.title == "The member's title"
    assert revisions.revisions_of(our_story).filter(data__title="The admin's <title>").count() == 0


def test_a_missing_version_is_a_400(client, our_member, our_story):
    client.force_login(our_member)
    data = story_data(title="No version")
    response = client.post(reverse("portal:story-edit", args=[our_story.pk]), data)
    assert response.status_code == 400
    our_story.refresh_from_db()
    assert our_story.title == "Our story"


def test_an_editor_saving_in_the_admin_after_a_partner_gets_the_conflict(
    admin_client, client, our_member, our_story
):
    opened = open_change_form(admin_client, our_story)
    client.force_login(our_member)
    assert edit(client, our_story, title="The partner's title").status_code == 303

    response = admin_client.post(
        admin_url(our_story, "change"), change_form_data(opened, title="The editor's title")
    )

    assert response.status_code == 409
    our_story.refresh_from_db()
    assert our_story.title == "The partner's title"


def test_editing_a_live_story_leaves_the_public_page_alone(client, our_member, live_story):
    public_url = live_story.get_absolute_url()
    client.force_login(our_member)

    response = edit(client, live_story, title="Detained for three days", body="From 3 May.")

    assert response.status_code == 303
    live_story.refresh_from_db()
    assert live_story.title == "Our story"
    assert live_story.has_unpublished_changes
    assert live_story.live
    public = client.get(public_url)
    assert public.status_code == 200
    assert "Our story" in public.text
    assert "Detained for three days" not in public.text
    assert "From 3 May." not in public.text
    pending = revisions.pending_revision(live_story)
    assert (pending.data["title"], pending.data["body"], pending.created_by) == (
        "Detained for three days",
        "From 3 May.",
        our_member,
    )


def test_the_partner_sees_the_pending_draft_on_the_story_and_its_edit_form(
    client, our_member, live_story
):
    client.force_login(our_member)
    edit(client, live_story, title="Detained for three days", body="From *3 May*.")

    page = client.get(reverse("portal:story", args=[live_story.pk]))
    assert "Detained for three days" in page.text
    assert "<em>3 May</em>" in page.text
    assert "The public page shows the published version" in page.text
    form = client.get(reverse("portal:story-edit", args=[live_story.pk]))
    assert form.context["form"]["title"].value() == "Detained for three days"
    assert form.context["form"]["body"].value() == "From *3 May*."


def test_a_live_story_sent_back_is_resubmitted_and_goes_public_only_when_published(
    client, our_member, editor, live_story
):
    client.force_login(our_member)
    data = story_data(title="Detained for three days", version=live_story.version)
    del data["save"]
    data["submit"] = "1"
    assert client.post(reverse("portal:story-edit", args=[live_story.pk]), data).status_code == 303
    live_story.refresh_from_db()
    assert live_story.status == Article.Status.IN_REVIEW
    assert Article.objects.published().get().title == "Our story"

    workflow.approve(live_story, editor)
    workflow.publish(live_story, editor)

    assert Article.objects.published().get().title == "Detained for three days"


def test_two_colleagues_editing_a_live_story_conflict_too(
    client, our_member, our_admin, live_story
):
    opened_version = live_story.version
    client.force_login(our_member)
    assert edit(client, live_story, title="The member's draft").status_code == 303
    colleague = Client()
    colleague.force_login(our_admin)

    response = edit(colleague, live_story, version=opened_version, title="The admin's draft")

    assert response.status_code == 409
    assert revisions.pending_revision(live_story).data["title"] == "The member's draft"


# The story's organisation decides who may see it: revisions leave it alone on purpose.


def test_a_live_story_does_not_offer_to_change_its_organisation(
    client, our_member, other_partner, partner, editor, live_story
):
    factories.MembershipFactory(user=our_member, partner=other_partner)
    client.force_login(our_member)

    form = client.get(reverse("portal:story-edit", args=[live_story.pk])).context["form"]
    assert "source_partner" not in form.fields
    # Posted anyway, it is ignored: nothing waits in the draft to move the story later.
    assert edit(client, live_story, source_partner=other_partner.pk).status_code == 303
    workflow.submit(live_story, our_member)
    workflow.approve(live_story, editor)
    workflow.publish(live_story, editor)
    live_story.refresh_from_db()
    assert live_story.source_partner == partner


def test_a_story_not_yet_live_moves_to_the_writers_other_organisation(
    client, our_member, other_partner, our_story
):
    factories.MembershipFactory(user=our_member, partner=other_partner)
    client.force_login(our_member)

    assert edit(client, our_story, source_partner=other_partner.pk).status_code == 303

    our_story.refresh_from_db()
    assert our_story.source_partner == other_partner
    assert "source_partner" not in revisions.latest_revision(our_story).data


def test_restoring_a_revision_keeps_the_stories_organisation(
    client, our_member, partner, other_partner, editor, our_story
):
    factories.MembershipFactory(user=our_member, partner=other_partner)
    client.force_login(our_member)
    assert (
        edit(client, our_story, title="Written for us", source_partner=partner.pk).status_code
        == 303
    )
    our_story.refresh_from_db()
    moved = edit(client, our_story, title="Written for them", source_partner=other_partner.pk)
    assert moved.status_code == 303
    our_story.refresh_from_db()
    written_for_us = revisions.revisions_of(our_story).get(data__title="Written for us")

    revisions.restore(our_story, written_for_us, editor)

    our_story.refresh_from_db()
    assert our_story.title == "Written for us"
    assert our_story.source_partner == other_partner
