import pytest
from django.core import mail
from django.urls import reverse

from articles import workflow
from articles.models import NotificationPreference

pytestmark = pytest.mark.django_db

URL = reverse("portal:notifications")


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_people_without_an_organisation_get_404(client, editor):
    client.force_login(editor)
    assert client.get(URL).status_code == 404


def test_the_page_shows_everything_on_and_writes_nothing_until_saved(client, our_member):
    client.force_login(our_member)
    response = client.get(URL)
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.fields) == {"on_changes_requested", "on_approved", "on_published"}
    assert all(form[name].value() for name in form.fields)
    assert not NotificationPreference.objects.exists()


def test_the_dashboard_links_to_the_page(client, our_member):
    client.force_login(our_member)
    assert f'href="{URL}"' in client.get(reverse("portal:dashboard")).text


def test_saving_switches_kinds_off_for_me_only(client, our_member, our_admin):
    client.force_login(our_member)
    response = client.post(URL, {"on_approved": "on"})
    assert response.status_code == 303
    preference = NotificationPreference.objects.get()
    assert preference.user == our_member
    assert (
        preference.on_changes_requested,
        preference.on_approved,
        preference.on_published,
        preference.on_submitted,
    ) == (False, True, False, True)
    client.post(URL, {"on_published": "on"})
    preference.refresh_from_db()
    assert (preference.on_approved, preference.on_published) == (False, True)
    assert NotificationPreference.objects.count() == 1


def test_a_switched_off_kind_is_not_emailed(
    client, our_member, editor, our_story, django_capture_on_commit_callbacks
):
    client.force_login(our_member)
    client.post(URL, {"on_approved": "on", "on_published": "on"})
    workflow.submit(our_story, our_member)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.request_changes(our_story, editor, "Add the dates.")
    assert mail.outbox == []
    workflow.submit(our_story, our_member)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(our_story, editor)
    assert [message.to for message in mail.outbox] == [[our_member.email]]
