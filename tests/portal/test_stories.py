import pytest
from django.urls import reverse

from articles import workflow
from articles.models import Article, ArticleTransition
from tests import factories

pytestmark = pytest.mark.django_db

STORY_LIST_QUERIES = 8


def story_data(**changes):
    data = {
        "title": "Beaten in Karaganda police station",
        "standfirst": "A man was beaten for three days to make him confess.",
        "body": "He told his lawyer *everything*.",
        "topics": [],
        "countries": [factories.country("KZ").pk],
        "cases": [],
        "save": "1",
    }
    data.update(changes)
    return data


@pytest.fixture
def sent_back_story(our_story, our_member, editor):
    workflow.submit(our_story, our_member)
    workflow.request_changes(our_story, editor, "Please add the dates of detention.")
    our_story.refresh_from_db()
    return our_story


def test_the_story_list_shows_our_stories_with_their_state_and_not_theirs(
    client, our_admin, our_story, their_story
):
    client.force_login(our_admin)
    response = client.get(reverse("portal:stories"))
    assert response.status_code == 200
    assert b"Our story" in response.content
    assert b"Draft" in response.content
    assert b"Their story" not in response.content


@pytest.mark.parametrize("count", [3, 30])
def test_the_story_list_runs_a_fixed_number_of_queries(
    client, our_member, partner, count, django_assert_max_num_queries
):
    for _ in range(count):
        factories.ArticleFactory(status="draft", publish_at=None, source_partner=partner)
    client.force_login(our_member)
    with django_assert_max_num_queries(STORY_LIST_QUERIES):
        response = client.get(reverse("portal:stories"))
    assert len(response.context["stories"]) == min(count, 20)


def test_a_bad_page_number_is_404(client, our_member):
    client.force_login(our_member)
    assert client.get(reverse("portal:stories"), {"page": "abc"}).status_code == 404
    assert client.get(reverse("portal:stories"), {"page": "999"}).status_code == 404


def test_the_story_form_offers_only_our_cases(client, our_member, our_case, their_case):
    client.force_login(our_member)
    response = client.get(reverse("portal:story-create"))
    assert response.status_code == 200
    assert list(response.context["form"].fields["cases"].queryset) == [our_case]


def test_saving_a_story_makes_a_draft_of_ours_written_by_me(client, our_member, partner, our_case):
    client.force_login(our_member)
    response = client.post(reverse("portal:story-create"), story_data(cases=[our_case.pk]))
    assert response.status_code == 303
    story = Article.objects.get(title="Beaten in Karaganda police station")
    assert response.url == reverse("portal:story", args=[story.pk])
    assert story.status == Article.Status.DRAFT
    assert story.author == our_member
    assert story.source_partner == partner
    assert list(story.partners.all()) == [partner]
    assert list(story.cases.all()) == [our_case]
    assert story.slug == "beaten-in-karaganda-police-station"
    assert not story.live


def test_save_and_submit_puts_the_story_in_review(client, our_member, partner):
    client.force_login(our_member)
    data = story_data()
    del data["save"]
    data["submit"] = "1"
    response = client.post(reverse("portal:story-create"), data)
    assert response.status_code == 303
    story = Article.objects.get(title="Beaten in Karaganda police station")
    assert story.status == Article.Status.IN_REVIEW
    assert story.submitted_by == our_member
    step = ArticleTransition.objects.get(article=story)
    assert (step.from_status, step.to_status, step.actor) == ("draft", "in_review", our_member)


def test_the_preview_button_renders_the_markdown_and_saves_nothing(client, our_member):
    client.force_login(our_member)
    data = story_data(body="Some **bold** words <script>alert(1)</script>")
    del data["save"]
    data["preview"] = "1"
    response = client.post(reverse("portal:story-create"), data)
    assert response.status_code == 200
    assert b"<strong>bold</strong>" in response.content
    assert b"<script>alert(1)" not in response.content
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"standfirst": ""}, "standfirst"),
        ({"body": ""}, "body"),
        ({"countries": [999999]}, "countries"),
    ],
)
def test_bad_story_input_is_a_400_and_saves_nothing(client, our_member, changes, field):
    client.force_login(our_member)
    response = client.post(reverse("portal:story-create"), story_data(**changes))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Article.objects.exists()


def test_another_organisations_case_cannot_be_linked(client, our_member, their_case):
    client.force_login(our_member)
    response = client.post(reverse("portal:story-create"), story_data(cases=[their_case.pk]))
    assert response.status_code == 400
    assert "cases" in response.context["form"].errors
    assert not Article.objects.exists()


def test_a_story_cannot_be_filed_under_another_organisation(
    client, our_member, partner, other_partner
):
    client.force_login(our_member)
    data = story_data(source_partner=other_partner.pk)
    assert client.post(reverse("portal:story-create"), data).status_code == 303
    assert Article.objects.get().source_partner == partner


def test_staff_of_two_organisations_cannot_pick_a_third(client, our_member, other_partner):
    factories.MembershipFactory(user=our_member, partner=other_partner)
    stranger = factories.PartnerFactory(name="Stranger", slug="stranger")
    client.force_login(our_member)
    data = story_data(source_partner=stranger.pk)
    response = client.post(reverse("portal:story-create"), data)
    assert response.status_code == 400
    assert "source_partner" in response.context["form"].errors
    assert not Article.objects.exists()


def test_staff_of_two_organisations_choose_which_one_a_story_is_for(
    client, our_member, other_partner
):
    factories.MembershipFactory(user=our_member, partner=other_partner)
    client.force_login(our_member)
    response = client.post(
        reverse("portal:story-create"), story_data(source_partner=other_partner.pk)
    )
    assert response.status_code == 303
    assert Article.objects.get().source_partner == other_partner


def test_a_story_cannot_be_published_from_the_portal(client, our_member, our_story):
    client.force_login(our_member)
    data = story_data(status="published", live="on", version=our_story.version)
    response = client.post(reverse("portal:story-edit", args=[our_story.pk]), data)
    assert response.status_code == 303
    our_story.refresh_from_db()
    assert our_story.status == Article.Status.DRAFT
    assert not our_story.live
    assert not Article.objects.published().exists()


def test_a_colleague_edits_a_draft_and_the_author_stays(client, our_admin, our_member, our_story):
    client.force_login(our_admin)
    response = client.post(
        reverse("portal:story-edit", args=[our_story.pk]), story_data(version=our_story.version)
    )
    assert response.status_code == 303
    our_story.refresh_from_db()
    assert our_story.title == "Beaten in Karaganda police station"
    assert our_story.author == our_member


def test_the_submit_button_sends_a_draft_for_review(client, our_member, our_story):
    client.force_login(our_member)
    response = client.post(reverse("portal:story-submit", args=[our_story.pk]))
    assert response.status_code == 303
    our_story.refresh_from_db()
    assert our_story.status == Article.Status.IN_REVIEW


def test_submitting_is_a_post_only(client, our_member, our_story):
    client.force_login(our_member)
    assert client.get(reverse("portal:story-submit", args=[our_story.pk])).status_code == 405


@pytest.mark.parametrize("status", ["in_review", "approved", "published", "unpublished"])
def test_a_story_in_the_editors_hands_cannot_be_edited_or_resubmitted(
    client, our_member, our_story, status
):
    Article.objects.filter(pk=our_story.pk).update(status=status)
    client.force_login(our_member)
    assert client.get(reverse("portal:story-edit", args=[our_story.pk])).status_code == 404
    edit = client.post(reverse("portal:story-edit", args=[our_story.pk]), story_data())
    assert edit.status_code == 404
    submit = client.post(reverse("portal:story-submit", args=[our_story.pk]))
    assert submit.status_code == 404
    our_story.refresh_from_db()
    assert (our_story.title, our_story.status) == ("Our story", status)
    page = client.get(reverse("portal:story", args=[our_story.pk]))
    assert page.status_code == 200
    assert reverse("portal:story-edit", args=[our_story.pk]).encode() not in page.content


def test_the_editors_comment_shows_on_the_story_and_the_dashboard(
    client, our_member, sent_back_story
):
    client.force_login(our_member)
    page = client.get(reverse("portal:story", args=[sent_back_story.pk]))
    assert b"Please add the dates of detention." in page.content
    assert b"Changes requested" in page.content
    dashboard = client.get(reverse("portal:dashboard"))
    assert b"Please add the dates of detention." in dashboard.content


def test_a_story_sent_back_can_be_edited_and_resubmitted(client, our_member, sent_back_story):
    client.force_login(our_member)
    edit_url = reverse("portal:story-edit", args=[sent_back_story.pk])
    assert client.get(edit_url).status_code == 200
    data = story_data(body="Detained from 3 to 6 May.", version=sent_back_story.version)
    del data["save"]
    data["submit"] = "1"
    assert client.post(edit_url, data).status_code == 303
    sent_back_story.refresh_from_db()
    assert sent_back_story.status == Article.Status.IN_REVIEW
    assert sent_back_story.body == "Detained from 3 to 6 May."
    assert sent_back_story.transitions.count() == 3


def test_a_story_is_written_in_the_language_the_partner_picks(client, our_member):
    client.force_login(our_member)

    response = client.post(reverse("portal:story-create"), story_data(language="ru"))

    assert response.status_code == 303
    assert Article.objects.get(title__startswith="Beaten").language == "ru"


def test_the_story_form_offers_every_language_the_writers_first(client, our_member):
    client.force_login(our_member)

    form = client.get(reverse("portal:story-create"), HTTP_ACCEPT_LANGUAGE="ru").context["form"]

    assert {"en", "ru"} <= {code for code, _name in form.fields["language"].choices}
    assert form.fields["language"].initial == "ru"


def test_a_story_in_a_language_not_configured_is_refused(client, our_member):
    client.force_login(our_member)

    response = client.post(reverse("portal:story-create"), story_data(language="xx"))

    assert response.status_code == 400
    assert "language" in response.context["form"].errors
    assert not Article.objects.filter(title__startswith="Beaten").exists()


def test_a_story_sent_without_a_language_keeps_the_default(client, our_member):
    client.force_login(our_member)

    client.post(reverse("portal:story-create"), story_data())

    assert Article.objects.get(title__startswith="Beaten").language == "en"
