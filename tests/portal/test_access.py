"""Isolation: portal users reach only their organisations' data; everything else is a 404."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def our_objects(partner, our_case, shared_document, our_story, our_admin):
    """Every kind of object the portal shows, all belonging to `partner`.

    `partner` has an admin of its own, so that being some organisation's admin opens nothing.
    """
    return {
        "partner": reverse("portal:partner", args=[partner.slug]),
        "partner-edit": reverse("portal:partner-edit", args=[partner.slug]),
        "story": reverse("portal:story", args=[our_story.pk]),
        "story-edit": reverse("portal:story-edit", args=[our_story.pk]),
        "story-submit": reverse("portal:story-submit", args=[our_story.pk]),
        "case": reverse("portal:case", args=[our_case.pk]),
        "document": reverse("portal:document", args=[our_case.pk, shared_document.pk]),
    }


ALL_PAGES = ["partner", "partner-edit", "story", "story-edit", "case", "document"]
POSTABLE = ["partner-edit", "story-edit", "story-submit", "case"]


@pytest.mark.parametrize("url_name", ["portal:dashboard", "portal:stories", "portal:story-create"])
def test_anonymous_visitors_are_sent_to_log_in(client, url_name):
    url = reverse(url_name)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize("name", ALL_PAGES)
def test_anonymous_visitors_are_sent_to_log_in_from_every_object(client, our_objects, name):
    response = client.get(our_objects[name])
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", POSTABLE)
def test_anonymous_posts_change_nothing_and_go_to_log_in(client, our_objects, name, our_story):
    response = client.post(our_objects[name], {"title": "Hijacked"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    our_story.refresh_from_db()
    assert our_story.title == "Our story"


def test_a_user_without_an_organisation_gets_a_clear_page(client, db):
    client.force_login(factories.UserFactory(username="loner"))
    response = client.get(reverse("portal:dashboard"))
    assert response.status_code == 404
    assert b"No organisation on this account" in response.content


def test_an_editor_without_an_organisation_gets_the_same_page(client, editor):
    client.force_login(editor)
    response = client.get(reverse("portal:stories"))
    assert response.status_code == 404
    assert b"No organisation on this account" in response.content


@pytest.mark.parametrize("role", ["their_admin", "their_member"])
@pytest.mark.parametrize("name", ALL_PAGES)
def test_other_organisations_staff_get_404_for_every_page(
    client, request, our_objects, role, name
):
    client.force_login(request.getfixturevalue(role))
    assert client.get(our_objects[name]).status_code == 404


@pytest.mark.parametrize("role", ["their_admin", "their_member"])
@pytest.mark.parametrize("name", POSTABLE)
def test_other_organisations_staff_get_404_for_every_post_and_change_nothing(
    client, request, our_objects, role, name, partner, our_story, our_case
):
    client.force_login(request.getfixturevalue(role))
    response = client.post(
        our_objects[name],
        {
            "title": "Hijacked",
            "standfirst": "x",
            "body": "x",
            "summary": "Hijacked",
            "version": partner.version,
            "kind": "other",
            "language": "en",
            "visibility": "partners",
            "file": SimpleUploadedFile("x.pdf", b"%PDF-1.4 x"),
        },
    )
    assert response.status_code == 404
    our_story.refresh_from_db()
    partner.refresh_from_db()
    assert our_story.title == "Our story"
    assert our_story.status == "draft"
    assert partner.summary != "Hijacked"
    assert our_case.documents.filter(title="Hijacked").count() == 0


@pytest.mark.parametrize(
    "url",
    [
        "/portal/organisations/no-such-organisation/",
        "/portal/stories/999999/",
        "/portal/stories/999999/edit/",
        "/portal/cases/999999/",
        "/portal/cases/999999/documents/999999/",
    ],
)
def test_guessed_ids_are_404(client, our_member, url):
    client.force_login(our_member)
    assert client.get(url).status_code == 404


def test_a_guessed_document_id_of_another_organisation_is_404_even_under_our_case(
    client, our_member, our_case, their_document
):
    client.force_login(our_member)
    url = reverse("portal:document", args=[our_case.pk, their_document.pk])
    assert client.get(url).status_code == 404
    url = reverse("portal:document", args=[their_document.case_id, their_document.pk])
    assert client.get(url).status_code == 404


def test_editors_only_documents_are_404_even_on_our_own_case(
    client, our_member, our_case, editors_document
):
    client.force_login(our_member)
    url = reverse("portal:document", args=[our_case.pk, editors_document.pk])
    assert client.get(url).status_code == 404
    page = client.get(reverse("portal:case", args=[our_case.pk]))
    assert editors_document.title.encode() not in page.content


def test_a_case_without_our_role_is_404_even_when_public(client, our_member, their_case):
    client.force_login(our_member)
    assert client.get(reverse("portal:case", args=[their_case.pk])).status_code == 404


def test_stories_by_editors_are_not_in_the_portal(client, our_member, partner):
    # An article about the partner, written by the editors, is not a portal story.
    article = factories.ArticleFactory(status="draft", publish_at=None)
    article.partners.add(partner)
    client.force_login(our_member)
    assert client.get(reverse("portal:story", args=[article.pk])).status_code == 404


def test_members_cannot_open_the_profile_editor(client, our_member, partner):
    client.force_login(our_member)
    assert client.get(reverse("portal:partner-edit", args=[partner.slug])).status_code == 404
    response = client.post(
        reverse("portal:partner-edit", args=[partner.slug]),
        {"summary": "Changed by a member", "version": partner.version},
    )
    assert response.status_code == 404
    partner.refresh_from_db()
    assert partner.summary != "Changed by a member"


def test_partner_staff_cannot_use_the_admin(client, our_admin):
    client.force_login(our_admin)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_partner_staff_cannot_log_in_to_the_admin(client, our_admin):
    response = client.post(
        reverse("admin:login"),
        {"username": our_admin.username, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.9",
    )
    assert response.status_code == 200
    assert b"staff account" in response.content
    assert "_auth_user_id" not in client.session


def test_portal_pages_are_never_cached(client, our_member):
    client.force_login(our_member)
    response = client.get(reverse("portal:dashboard"))
    assert "no-store" in response["Cache-Control"]


DASHBOARD_QUERIES = 13


def test_the_dashboard_shows_my_organisations_and_their_cases_only(
    client, our_member, partner, our_case, their_case, our_story, their_story
):
    client.force_login(our_member)
    response = client.get(reverse("portal:dashboard"))
    assert response.status_code == 200
    content = response.content.decode()
    assert partner.name in content
    assert our_case.title in content  # not public, but ours
    assert their_case.title not in content
    assert our_story.title in content
    assert their_story.title not in content


@pytest.mark.parametrize("count", [3, 30])
def test_the_dashboard_runs_a_fixed_number_of_queries(
    client, our_member, partner, count, django_assert_max_num_queries
):
    for _ in range(count):
        case = factories.LitigationCaseFactory()
        factories.CasePartnerFactory(case=case, partner=partner)
        factories.CaseDocumentFactory(case=case, visibility="partners")
        factories.ArticleFactory(status="draft", publish_at=None, source_partner=partner)
    client.force_login(our_member)
    with django_assert_max_num_queries(DASHBOARD_QUERIES):
        response = client.get(reverse("portal:dashboard"))
    assert len(response.context["cases"]) == count


def test_a_portal_session_expires_after_the_configured_inactivity(client, our_member, settings):
    settings.SESSION_COOKIE_AGE = 600
    client.post(
        reverse("login"),
        {"username": our_member.username, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.8",
    )
    response = client.get(reverse("portal:dashboard"))
    assert response.status_code == 200
    assert client.session.get_expiry_age() == 600
    assert response.cookies["sessionid"]["max-age"] == 600
