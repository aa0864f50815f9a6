import datetime

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from coalition import revisions
from coalition.cases.models import LitigationCase
from coalition.models import EditPresence, Revision
from partners.models import Partner
from tests import factories
from tests.admin_helpers import admin_url, change_form_data, open_change_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_admin(db):
    return factories.UserFactory(username="second", is_staff=True, is_superuser=True)


@pytest.fixture
def second_client(second_admin):
    client = Client()
    client.force_login(second_admin)
    return client


@pytest.fixture
def live_article():
    article = factories.ArticleFactory(
        title="Torture in Kazakhstan", slug="torture", body="The police beat him."
    )
    factories.ArticleLinkFactory(
        article=article, label="Report", url="https://a.example/", order=1
    )
    return article


# Revisions on every save


def test_adding_an_article_records_its_first_revision_with_the_message(admin_client, admin_user):
    response = admin_client.get(reverse("admin:articles_article_add"))
    data = change_form_data(
        response,
        title="A new campaign",
        slug="a-new-campaign",
        standfirst="Why now.",
        body="Text.",
        revision_message="First draft",
    )
    response = admin_client.post(reverse("admin:articles_article_add"), data)

    assert response.status_code == 302
    article = Article.objects.get(slug="a-new-campaign")
    revision = Revision.objects.get(object_id=article.pk)
    assert (revision.number, revision.message, revision.created_by) == (
        1,
        "First draft",
        admin_user,
    )
    assert revision.data["title"] == "A new campaign"


def test_the_change_form_asks_what_changed_and_carries_the_version(admin_client, draft_article):
    response = open_change_form(admin_client, draft_article)
    assert "What did you change? (optional)" in response.text
    assert 'name="opened_version" value="1"' in response.text


@pytest.mark.parametrize(
    ("factory", "text_field"),
    [
        (lambda: factories.ArticleFactory(status="draft", publish_at=None), "title"),
        (factories.LitigationCaseFactory, "summary"),
        (factories.PartnerFactory, "summary"),
    ],
)
def test_saving_in_the_admin_records_a_revision_and_raises_the_version(
    admin_client, admin_user, factory, text_field
):
    obj = factory()
    data = change_form_data(
        open_change_form(admin_client, obj),
        **{text_field: "Changed in the admin", "revision_message": "Fixed it"},
    )

    response = admin_client.post(admin_url(obj, "change"), data)

    assert response.status_code == 302
    obj.refresh_from_db()
    assert getattr(obj, text_field) == "Changed in the admin"
    assert obj.version == 2
    revision = revisions.latest_revision(obj)
    assert revision.data[text_field] == "Changed in the admin"
    assert revision.message == "Fixed it"
    assert revision.created_by == admin_user


# Editing a live article


def test_editing_a_live_article_keeps_the_public_page_until_published(
    admin_client, client, live_article
):
    topic = factories.TopicFactory(name="Freedom of speech")
    data = change_form_data(
        open_change_form(admin_client, live_article),
        title="Torture ended?",
        body="The guards beat him.",
        topics=[str(topic.pk)],
        **{"links-0-url": "https://b.example/"},
    )

    response = admin_client.post(admin_url(live_article, "change"), data)

    assert response.status_code == 302
    live_article.refresh_from_db()
    assert live_article.title == "Torture in Kazakhstan"
    assert live_article.live
    assert live_article.has_unpublished_changes
    assert live_article.status == "draft"
    assert live_article.version == 2
    assert not live_article.topics.exists()
    assert live_article.links.get().url == "https://a.example/"
    public = client.get(live_article.get_absolute_url())
    assert public.status_code == 200
    assert "Torture in Kazakhstan" in public.text
    assert "Torture ended?" not in public.text

    pending = revisions.pending_revision(live_article)
    assert pending.data["title"] == "Torture ended?"
    assert pending.data["topics"] == [{"pk": topic.pk, "name": "Freedom of speech"}]
    assert pending.data["links"][0]["url"] == "https://b.example/"

    revisions.apply_pending(live_article, None)

    public = client.get(live_article.get_absolute_url())
    assert "Torture ended?" in public.text
    assert "The guards beat him." in public.text
    live_article.refresh_from_db()
    assert not live_article.has_unpublished_changes
    assert list(live_article.topics.all()) == [topic]


def test_the_change_form_of_a_live_article_shows_the_pending_draft(admin_client, live_article):
    data = change_form_data(
        open_change_form(admin_client, live_article),
        title="Torture ended?",
        **{
            "links-TOTAL_FORMS": "2",
            "links-1-label": "Judgment",
            "links-1-url": "https://j.example/",
            "links-1-order": "5",
        },
    )
    assert admin_client.post(admin_url(live_article, "change"), data).status_code == 302

    response = open_change_form(admin_client, live_article)

    form = response.context["adminform"].form
    assert form["title"].value() == "Torture ended?"
    assert "Draft with unpublished changes" in response.text
    links = response.context["inline_admin_formsets"][0].formset
    assert [f["label"].value() for f in links.forms][:2] == ["Report", "Judgment"]

    # Saving the draft again keeps both links, unchanged ones included.
    data = change_form_data(response, body="Second pass.")
    assert admin_client.post(admin_url(live_article, "change"), data).status_code == 302
    pending = revisions.pending_revision(live_article)
    assert [link["label"] for link in pending.data["links"]] == ["Report", "Judgment"]
    assert pending.data["title"] == "Torture ended?"
    assert pending.data["body"] == "Second pass."
    assert Revision.objects.filter(object_id=live_article.pk, is_pending=True).count() == 1


def test_a_live_articles_draft_drops_removed_links_and_keeps_the_links_order(
    admin_client, live_article
):
    data = change_form_data(
        open_change_form(admin_client, live_article),
        **{
            "links-0-DELETE": "on",
            "links-TOTAL_FORMS": "3",
            "links-1-label": "Judgment",
            "links-1-url": "https://j.example/",
            "links-1-order": "5",
            "links-2-label": "Appeal",
            "links-2-url": "https://appeal.example/",
            "links-2-order": "2",
        },
    )

    assert admin_client.post(admin_url(live_article, "change"), data).status_code == 302

    pending = revisions.pending_revision(live_article)
    assert [(link["label"], link["order"]) for link in pending.data["links"]] == [
        ("Appeal", 2),
        ("Judgment", 5),
    ]
    assert live_article.links.get().label == "Report"


def test_a_live_article_without_changes_is_marked_as_the_live_version(admin_client, live_article):
    response = open_change_form(admin_client, live_article)
    assert "Live version" in response.text
    assert "Draft with unpublished changes" not in response.text


def test_the_change_form_of_a_live_article_with_a_draft_reads_the_draft_once(
    admin_client, admin_user, live_article, django_assert_max_num_queries
):
    data = {**revisions.snapshot(live_article), "title": "Torture ended?"}
    revisions.mark_pending(live_article)
    revisions.save_revision(live_article, admin_user, "Draft", pending=True, data=data)
    open_change_form(admin_client, live_article)

    # 22 with the panel of the article's broken links, 23 with the offer of an autosave, 24
    # with the languages panel (the article's translation group).
    with django_assert_max_num_queries(24):
        response = open_change_form(admin_client, live_article)

    assert response.context["adminform"].form["title"].value() == "Torture ended?"
    assert "Draft with unpublished changes" in response.text


# Two people, one record


@pytest.mark.parametrize(
    ("factory", "text_field"),
    [
        (lambda: factories.ArticleFactory(status="draft", publish_at=None), "standfirst"),
        (factories.LitigationCaseFactory, "summary"),
        (factories.PartnerFactory, "summary"),
    ],
)
def test_the_second_of_two_concurrent_saves_gets_a_conflict(
    admin_client, second_client, factory, text_field
):
    obj = factory()
    first_form = open_change_form(admin_client, obj)
    second_form = open_change_form(second_client, obj)
    first = admin_client.post(
        admin_url(obj, "change"),
        change_form_data(first_form, **{text_field: "Words from the first editor"}),
    )
    assert first.status_code == 302

    second = second_client.post(
        admin_url(obj, "change"),
        change_form_data(second_form, **{text_field: "Words from the second <editor>"}),
    )

    assert second.status_code == 409
    assert "first editor</ins>" in second.text
    assert "Words from the second &lt;editor&gt;</textarea>" in second.text
    assert admin_url(obj, "change") in second.text
    obj.refresh_from_db()
    assert getattr(obj, text_field) == "Words from the first editor"
    assert obj.version == 2
    # The content as found before the first save, and the first editor's save.
    assert revisions.revisions_of(obj).count() == 2


def test_the_conflict_page_shows_the_other_persons_changes_as_a_diff(
    admin_client, second_client, draft_article
):
    revisions.save_revision(draft_article, None)
    first_form = open_change_form(admin_client, draft_article)
    second_form = open_change_form(second_client, draft_article)
    admin_client.post(
        admin_url(draft_article, "change"),
        change_form_data(first_form, standfirst="A longer summary of the piece."),
    )

    response = second_client.post(
        admin_url(draft_article, "change"), change_form_data(second_form, title="Mine")
    )

    assert response.status_code == 409
    changes = response.context["changes"]
    assert [change.name for change in changes] == ["standfirst"]
    assert changes[0].text_diff == "A <del>short</del><ins>longer</ins> summary of the piece."
    draft_article.refresh_from_db()
    assert draft_article.title == "A draft nobody may see"


def test_concurrent_edits_of_a_live_article_conflict_too(
    admin_client, second_client, live_article
):
    first_form = open_change_form(admin_client, live_article)
    second_form = open_change_form(second_client, live_article)
    admin_client.post(
        admin_url(live_article, "change"), change_form_data(first_form, title="First draft")
    )

    response = second_client.post(
        admin_url(live_article, "change"), change_form_data(second_form, title="Second draft")
    )

    assert response.status_code == 409
    assert revisions.pending_revision(live_article).data["title"] == "First draft"


# History, compare and restore


@pytest.fixture
def case_history(public_case, editor):
    first = revisions.save_revision(public_case, editor, "Opened")
    public_case.status = "decided"
    public_case.save()
    public_case.topics.add(factories.TopicFactory(name="Fair trial"))
    second = revisions.save_revision(public_case, editor, "Judgment")
    return first, second


def test_history_lists_revisions_with_who_and_why(admin_client, public_case, case_history):
    response = admin_client.get(admin_url(public_case, "revisions"))
    assert response.status_code == 200
    assert response.context["revisions"] == list(reversed(case_history))
    assert "Judgment" in response.text
    assert "Restore revision 1" in response.text
    assert "History and changes" in open_change_form(admin_client, public_case).text


def test_compare_shows_the_changes_between_two_revisions(admin_client, public_case, case_history):
    response = admin_client.get(admin_url(public_case, "revisions_compare"), {"a": 1, "b": 2})
    assert response.status_code == 200
    assert "Status: lodged → decided" in response.text
    assert "Topic &#x27;Fair trial&#x27; added" in response.text


@pytest.mark.parametrize(
    "query",
    [{}, {"a": "abc", "b": "1"}, {"a": "1"}, {"a": "1", "b": "99"}, {"a": "0", "b": "1"}],
)
def test_compare_with_bad_revision_numbers_is_404(admin_client, public_case, case_history, query):
    response = admin_client.get(admin_url(public_case, "revisions_compare"), query)
    assert response.status_code == 404


def test_history_of_a_missing_record_is_404(admin_client, public_case):
    url = admin_url(public_case, "revisions").replace(f"/{public_case.pk}/", "/999999/")
    assert admin_client.get(url).status_code == 404


def test_restore_brings_back_an_old_revision_as_a_new_one(admin_client, public_case, case_history):
    response = admin_client.post(admin_url(public_case, "revision_restore", 1))

    assert response.status_code == 302
    public_case.refresh_from_db()
    assert public_case.status == "lodged"
    assert not public_case.topics.exists()
    latest = revisions.latest_revision(public_case)
    assert latest.number == 3
    assert latest.restored_from == case_history[0]


def test_restore_needs_a_post(admin_client, public_case, case_history):
    response = admin_client.get(admin_url(public_case, "revision_restore", 1))
    assert response.status_code == 405


def test_restoring_an_unknown_revision_is_404(admin_client, public_case, case_history):
    response = admin_client.post(admin_url(public_case, "revision_restore", 42))
    assert response.status_code == 404


def test_an_author_who_may_not_edit_the_article_cannot_restore(client, author, live_article):
    revision = revisions.save_revision(live_article, None)
    client.force_login(author)

    # Not their article: its history is not there for them (see tests/security/test_admin.py).
    assert client.get(admin_url(live_article, "revisions")).status_code == 404
    response = client.post(admin_url(live_article, "revision_restore", revision.number))

    assert response.status_code == 404
    assert revisions.revisions_of(live_article).count() == 1


def test_staff_who_may_only_view_cases_cannot_restore(client, public_case, case_history):
    viewer = factories.UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_litigationcase"))
    client.force_login(viewer)

    response = client.get(admin_url(public_case, "revisions"))
    assert response.status_code == 200
    assert "Restore revision" not in response.text
    assert client.post(admin_url(public_case, "revision_restore", 1)).status_code == 403
    public_case.refresh_from_db()
    assert public_case.status == "decided"


def test_staff_without_access_to_partners_see_no_history(client, partner):
    revisions.save_revision(partner, None)
    client.force_login(factories.UserFactory(is_staff=True))
    assert client.get(admin_url(partner, "revisions")).status_code == 403


# Who has it open


def test_opening_the_change_form_records_presence(client, editor, public_case):
    client.force_login(editor)
    open_change_form(client, public_case)
    presence = EditPresence.objects.get()
    assert (presence.user, presence.object_id) == (editor, public_case.pk)


def test_the_change_form_names_the_others_who_have_it_open(
    admin_client, editor, public_case, case_history
):
    revisions.record_presence(public_case, editor)
    response = open_change_form(admin_client, public_case)
    assert "Also open by:" in response.text
    assert editor.get_full_name() in response.text
    assert "Last saved by" in response.text


def test_presence_ping_answers_with_the_others_present(admin_client, admin_user, editor, partner):
    revisions.record_presence(partner, editor)
    gone = factories.UserFactory(username="gone", first_name="Gone", last_name="Away")
    revisions.record_presence(partner, gone, now=timezone.now() - datetime.timedelta(minutes=3))

    response = admin_client.post(admin_url(partner, "presence"))

    assert response.status_code == 200
    assert [other["name"] for other in response.json()["others"]] == [editor.get_full_name()]
    assert EditPresence.objects.filter(user=admin_user, object_id=partner.pk).exists()


def test_presence_ping_needs_a_post(admin_client, partner):
    assert admin_client.get(admin_url(partner, "presence")).status_code == 405


@pytest.mark.parametrize("who", ["anonymous", "not staff"])
def test_presence_ping_refuses_people_outside_the_admin(client, partner, who):
    if who == "not staff":
        client.force_login(factories.UserFactory())
    response = client.post(admin_url(partner, "presence"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert not EditPresence.objects.exists()


def test_presence_of_another_model_does_not_leak(admin_client, editor, partner, public_case):
    revisions.record_presence(public_case, editor)
    response = admin_client.post(admin_url(partner, "presence"))
    assert response.json()["others"] == []


def test_models_are_registered_with_the_mixin():
    from django.contrib import admin

    from coalition.revisions.admin import RevisionAdminMixin

    for model in [Article, LitigationCase, Partner]:
        assert isinstance(admin.site._registry[model], RevisionAdminMixin)
