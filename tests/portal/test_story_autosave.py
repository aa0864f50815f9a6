"""Autosave of a story being edited in the portal."""

import pytest
from django.urls import reverse

from coalition import revisions
from tests import factories

pytestmark = pytest.mark.django_db


def autosave_url(story):
    return reverse("portal:story-autosave", args=[story.pk])


def edit_url(story):
    return reverse("portal:story-edit", args=[story.pk])


def test_staff_autosave_their_story_without_saving_it(client, our_member, our_story):
    client.force_login(our_member)
    version = our_story.version
    data = {"body": "Typed, not saved", "version": version}
    response = client.post(autosave_url(our_story), data)
    assert response.status_code == 200
    our_story.refresh_from_db()
    assert our_story.version == version
    assert our_story.body != "Typed, not saved"
    [kept] = revisions.autosaves_of(our_story)
    assert kept.data["body"] == "Typed, not saved"


def test_another_organisations_story_is_404(client, our_member, their_story):
    client.force_login(our_member)
    data = {"body": "x", "version": their_story.version}
    assert client.post(autosave_url(their_story), data).status_code == 404


def test_a_story_with_the_editors_is_404(client, our_member, our_story):
    our_story.status = "in_review"
    our_story.save()
    client.force_login(our_member)
    data = {"body": "x", "version": our_story.version}
    assert client.post(autosave_url(our_story), data).status_code == 404


@pytest.mark.parametrize(
    "data",
    [
        {"body": "x"},  # no version
        {"version": "1"},  # nothing to keep
        {"title": "t" * 256, "version": "1"},
    ],
)
def test_bad_input_is_400(client, our_member, our_story, data):
    client.force_login(our_member)
    assert client.post(autosave_url(our_story), data).status_code == 400
    assert not revisions.autosaves_of(our_story).exists()


def test_the_offer_restores_the_text_and_saving_prunes_it(client, our_member, our_story):
    client.force_login(our_member)
    client.post(autosave_url(our_story), {"body": "Recovered", "version": our_story.version})
    html = client.get(edit_url(our_story)).content.decode()
    assert "Restore the autosaved draft from" in html
    response = client.get(edit_url(our_story), {"restore_autosave": "1"})
    assert response.context["form"]["body"].value() == "Recovered"
    response = client.post(
        edit_url(our_story),
        {
            "title": our_story.title,
            "standfirst": our_story.standfirst,
            "body": "Recovered",
            "version": our_story.version,
            "save": "1",
        },
    )
    assert response.status_code == 303
    our_story.refresh_from_db()
    assert our_story.body == "Recovered"
    assert not revisions.autosaves_of(our_story).exists()


def test_choices_are_kept_and_restored(client, our_member, our_story, our_case):
    torture = factories.TopicFactory(name="Torture")
    kz = factories.country("KZ")
    client.force_login(our_member)
    data = {
        "body": "Recovered",
        "topics": [torture.pk],
        "countries": [kz.pk],
        "cases": [our_case.pk],
        "version": our_story.version,
    }
    assert client.post(autosave_url(our_story), data).status_code == 200
    [kept] = revisions.autosaves_of(our_story)
    assert kept.data["cases"] == [{"pk": our_case.pk, "name": str(our_case)}]
    assert not our_story.cases.exists()
    response = client.get(edit_url(our_story), {"restore_autosave": "1"})
    form = response.context["form"]
    assert form["topics"].value() == [torture.pk]
    assert form["countries"].value() == [kz.pk]
    assert form["cases"].value() == [our_case.pk]
    fields = response.context["autosave"]["fields"].split(",")
    assert {"title", "standfirst", "body", "topics", "countries", "cases"} <= set(fields)
    # Which organisation may read the story is not a draft's to change.
    assert "source_partner" not in fields


def test_another_organisations_case_is_refused(client, our_member, our_story, their_case):
    client.force_login(our_member)
    data = {"body": "x", "cases": [their_case.pk], "version": our_story.version}
    assert client.post(autosave_url(our_story), data).status_code == 400
    assert not revisions.autosaves_of(our_story).exists()


def test_their_staff_cannot_autosave_our_story(client, their_member, our_story):
    client.force_login(their_member)
    data = {"body": "x", "version": our_story.version}
    assert client.post(autosave_url(our_story), data).status_code == 404
    assert not revisions.autosaves_of(our_story).exists()
