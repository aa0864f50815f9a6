"""Autosave of an article being edited (coalition/revisions/autosave.py)."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from coalition import revisions
from coalition.models import Revision
from tests import factories
from tests.admin_helpers import admin_url, change_form_data, open_change_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_draft(author):
    article = factories.ArticleFactory(
        title="Confessions in Almaty", status="draft", publish_at=None, author=author
    )
    revisions.save_revision(article, author, "First save")
    return article


def autosave_url(article):
    return reverse("admin:articles_article_autosave", args=[article.pk])


def autosave(client, article, **texts):
    return client.post(autosave_url(article), {"opened_version": article.version, **texts})


def test_author_autosaves_their_draft_without_saving_it(client, author, own_draft):
    client.force_login(author)
    version = own_draft.version
    response = autosave(client, own_draft, body="Typed but not saved", title="New title")
    assert response.status_code == 200
    assert response.json()["message"].startswith("Autosaved at ")
    own_draft.refresh_from_db()
    assert own_draft.version == version
    assert own_draft.body == "The body, with **emphasis**."
    [kept] = revisions.autosaves_of(own_draft)
    assert (kept.created_by, kept.data["body"], kept.data["title"]) == (
        author,
        "Typed but not saved",
        "New title",
    )
    assert kept.data[revisions.VERSION_KEY] == version
    # Not a revision history, comparison or conflict check counts.
    assert [r.message for r in revisions.revisions_of(own_draft)] == ["First save"]
    assert revisions.latest_revision(own_draft).message == "First save"


def test_one_autosave_per_person_replaced_each_time(client, author, editor, own_draft):
    client.force_login(author)
    autosave(client, own_draft, body="One")
    autosave(client, own_draft, body="Two")
    client.force_login(editor)
    autosave(client, own_draft, body="Editor's")
    kept = {r.created_by.username: r.data["body"] for r in revisions.autosaves_of(own_draft)}
    assert kept == {"author": "Two", "editor": "Editor's"}


def test_another_authors_article_is_404(client, author):
    theirs = factories.ArticleFactory(status="draft", publish_at=None)
    client.force_login(author)
    assert autosave(client, theirs, body="x").status_code == 404
    assert not Revision.objects.filter(is_autosave=True).exists()


def test_author_cannot_autosave_their_article_in_review_or_live(client, author, own_draft):
    client.force_login(author)
    own_draft.status = "in_review"
    own_draft.save()
    assert autosave(client, own_draft, body="x").status_code == 404
    live = factories.ArticleFactory(author=author)
    assert autosave(client, live, body="x").status_code == 404


def test_editor_may_autosave_a_live_article_and_the_public_keeps_it(client, editor):
    live = factories.ArticleFactory(body="Published text")
    client.force_login(editor)
    assert autosave(client, live, body="Work in progress").status_code == 200
    live.refresh_from_db()
    assert (live.body, live.has_unpublished_changes, live.status) == (
        "Published text",
        False,
        "published",
    )
    response = client.get(reverse("articles:detail", args=[live.slug]))
    assert "Work in progress" not in response.content.decode()


def test_anonymous_and_partner_staff_go_to_log_in(client, partner_member, own_draft):
    assert autosave(client, own_draft, body="x").status_code == 302
    client.force_login(partner_member)
    assert autosave(client, own_draft, body="x").status_code == 302


@pytest.mark.parametrize(
    "data",
    [
        {"body": "x"},  # no version
        {"body": "x", "opened_version": "many"},
        {"opened_version": "1"},  # nothing to keep
        {"standfirst": "x" * 601, "opened_version": "1"},
    ],
)
def test_bad_input_is_400(client, author, own_draft, data):
    client.force_login(author)
    assert client.post(autosave_url(own_draft), data).status_code == 400
    assert not revisions.autosaves_of(own_draft).exists()


def test_autosave_needs_post_and_csrf(author, own_draft):
    client = Client(enforce_csrf_checks=True)
    client.force_login(author)
    assert client.get(autosave_url(own_draft)).status_code == 405
    assert autosave(client, own_draft, body="x").status_code == 403


def test_fields_an_author_may_not_change_are_not_kept(client, author, own_draft):
    client.force_login(author)
    autosave(client, own_draft, body="x", title="y")
    assert "publish_at" not in open_change_form(client, own_draft).context["autosave"]["fields"]


def test_a_normal_save_prunes_autosaves_and_the_offer_goes(client, author, editor, own_draft):
    client.force_login(editor)
    autosave(client, own_draft, body="Editor's unsaved text")
    client.force_login(author)
    autosave(client, own_draft, body="Author's unsaved text")
    response = open_change_form(client, own_draft)
    assert "Restore the autosaved draft from" in response.content.decode()
    data = change_form_data(response, title="Saved for real")
    assert client.post(admin_url(own_draft, "change"), data).status_code == 302
    assert not revisions.autosaves_of(own_draft).exists()
    assert (
        "Restore the autosaved draft" not in open_change_form(client, own_draft).content.decode()
    )


def test_the_offer_is_for_the_same_person_only(client, author, editor, own_draft):
    client.force_login(author)
    autosave(client, own_draft, body="Author's unsaved text")
    client.force_login(editor)
    html = open_change_form(client, own_draft).content.decode()
    assert "Restore the autosaved draft" not in html


def test_no_offer_when_the_last_save_is_newer(client, author, own_draft):
    client.force_login(author)
    autosave(client, own_draft, body="Old unsaved text")
    revisions.autosaves_of(own_draft).update(
        created_at=revisions.latest_revision(own_draft).created_at - datetime.timedelta(minutes=1)
    )
    html = open_change_form(client, own_draft).content.decode()
    assert "Restore the autosaved draft" not in html


def test_restoring_fills_the_form_and_saves_normally(client, author, own_draft):
    client.force_login(author)
    autosave(client, own_draft, body="Recovered text", title="Recovered title")
    response = client.get(admin_url(own_draft, "change"), {"restore_autosave": "1"})
    form = response.context["adminform"].form
    assert form["body"].value() == "Recovered text"
    assert form["title"].value() == "Recovered title"
    assert "The form shows your text autosaved" in response.content.decode()
    data = change_form_data(response)
    assert client.post(admin_url(own_draft, "change"), data).status_code == 302
    own_draft.refresh_from_db()
    assert (own_draft.title, own_draft.body) == ("Recovered title", "Recovered text")


def test_restoring_over_a_newer_save_is_a_conflict(client, author, editor, own_draft):
    client.force_login(author)
    autosave(client, own_draft, body="My recovered text")
    # Meanwhile an editor saves the article.
    editor_client = Client()
    editor_client.force_login(editor)
    response = open_change_form(editor_client, own_draft)
    editor_client.post(admin_url(own_draft, "change"), change_form_data(response, title="Edited"))
    # The editor's save pruned the author's autosave: nothing is offered.
    assert not revisions.autosaves_of(own_draft).exists()

    # An autosave typed on the old version, restored after someone else saved: the
    # conflict check answers, as for any save from that version.
    own_draft.refresh_from_db()
    revisions.keep_autosave(
        own_draft, author, {**revisions.snapshot(own_draft), "body": "Late", "_version": 1}
    )
    response = client.get(admin_url(own_draft, "change"), {"restore_autosave": "1"})
    assert response.context["adminform"].form["opened_version"].value() == 1
    response = client.post(admin_url(own_draft, "change"), change_form_data(response))
    assert response.status_code == 409
    own_draft.refresh_from_db()
    assert own_draft.title == "Edited"


def test_history_lists_autosaves_apart(client, author, own_draft):
    client.force_login(author)
    autosave(client, own_draft, body="Unsaved")
    response = client.get(admin_url(own_draft, "revisions"))
    assert [r.message for r in response.context["revisions"]] == ["First save"]
    assert "Autosaved draft by" in response.content.decode()


def test_choices_and_related_records_are_kept_and_restored(client, editor, author, own_draft):
    torture = factories.TopicFactory(name="Torture")
    case = factories.LitigationCaseFactory(title="Abdullaev v. Kazakhstan")
    client.force_login(editor)
    fields = {
        "body": "Recovered text",
        "kind": "commentary",
        "author": editor.pk,
        "topics": [torture.pk],
        "cases": [case.pk],
        "countries": "",  # nothing chosen
    }
    assert autosave(client, own_draft, **fields).status_code == 200
    [kept] = revisions.autosaves_of(own_draft)
    assert kept.data["kind"] == "commentary"
    assert kept.data["author"] == {"pk": editor.pk, "name": str(editor)}
    assert kept.data["topics"] == [{"pk": torture.pk, "name": "Torture"}]
    assert kept.data["countries"] == []
    own_draft.refresh_from_db()
    assert (own_draft.kind, own_draft.author) == ("news", author)

    response = client.get(admin_url(own_draft, "change"), {"restore_autosave": "1"})
    form = response.context["adminform"].form
    assert form["kind"].value() == "commentary"
    assert form["author"].value() == editor.pk
    assert form["topics"].value() == [torture.pk]
    assert form["cases"].value() == [case.pk]
    response = client.post(admin_url(own_draft, "change"), change_form_data(response))
    assert response.status_code == 302
    own_draft.refresh_from_db()
    assert (own_draft.kind, own_draft.author, own_draft.body) == (
        "commentary",
        editor,
        "Recovered text",
    )
    assert list(own_draft.topics.all()) == [torture]
    assert list(own_draft.cases.all()) == [case]


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "gossip"},
        {"author": "987654"},
        {"topics": ["987654"]},
    ],
)
def test_a_choice_the_form_does_not_offer_is_400(client, editor, own_draft, fields):
    client.force_login(editor)
    assert autosave(client, own_draft, **fields).status_code == 400
    assert not revisions.autosaves_of(own_draft).exists()


def test_the_change_page_autosaves_choices_but_not_dates_or_files(client, editor, own_draft):
    client.force_login(editor)
    fields = open_change_form(client, own_draft).context["autosave"]["fields"].split(",")
    assert {"title", "body", "kind", "author", "topics", "countries", "cases"} <= set(fields)
    assert not {"publish_at", "hero_image", "is_featured", "cta_enabled"} & set(fields)


# "Learn more" rows


def rows_posted(article, *rows):
    """What the page sends for the article's "Learn more" rows: (id, label, url, order,
    delete) each."""
    data = {"links-TOTAL_FORMS": str(len(rows)), "opened_version": article.version}
    for index, (row_id, label, url, order, delete) in enumerate(rows):
        prefix = f"links-{index}-"
        data.update({prefix + "id": row_id, prefix + "label": label, prefix + "url": url})
        data[prefix + "order"] = order
        if delete:
            data[prefix + "DELETE"] = "on"
    return data


@pytest.fixture
def with_links(own_draft):
    first = factories.ArticleLinkFactory(
        article=own_draft, label="First", url="https://a.example/", order=1
    )
    second = factories.ArticleLinkFactory(
        article=own_draft, label="Second", url="https://b.example/", order=2
    )
    return own_draft, first, second


def test_learn_more_rows_are_kept_and_restored_onto_the_stored_ones(client, author, with_links):
    article, first, second = with_links
    client.force_login(author)
    data = rows_posted(
        article,
        (first.pk, "First, renamed", "https://a.example/", "2", False),
        (second.pk, "Second", "https://b.example/", "3", True),
        ("", "New one", "https://", "1", False),  # half typed
        ("", "", "", "", False),  # an empty extra row
    )
    assert client.post(autosave_url(article), data).status_code == 200
    [kept] = revisions.autosaves_of(article)
    assert kept.data["links"] == [
        {"label": "New one", "url": "https://", "order": 1, "id": None},
        {"label": "First, renamed", "url": "https://a.example/", "order": 2, "id": first.pk},
    ]
    assert list(article.links.values_list("label", flat=True)) == ["First", "Second"]

    response = client.get(admin_url(article, "change"), {"restore_autosave": "1"})
    [formset] = [inline.formset for inline in response.context["inline_admin_formsets"]]
    stored = {form.instance.pk: form for form in formset.initial_forms}
    assert stored[first.pk]["label"].value() == "First, renamed"
    assert not stored[first.pk]["DELETE"].value()
    assert stored[second.pk]["DELETE"].value()
    assert formset.extra_forms[0]["label"].value() == "New one"

    posted = change_form_data(response, **{"links-2-url": "https://c.example/"})
    assert client.post(admin_url(article, "change"), posted).status_code == 302
    rows = list(article.links.order_by("order").values_list("pk", "label"))
    assert rows[1:] == [(first.pk, "First, renamed")]
    assert rows[0][1] == "New one"
    assert not article.links.filter(pk=second.pk).exists()


def test_a_live_articles_rows_are_restored_as_its_drafts(client, editor):
    live = factories.ArticleFactory(body="Published text")
    link = factories.ArticleLinkFactory(article=live, label="Old", url="https://a.example/")
    client.force_login(editor)
    data = rows_posted(live, (link.pk, "Renamed", "https://a.example/", "1", False))
    assert client.post(autosave_url(live), data).status_code == 200
    response = client.get(admin_url(live, "change"), {"restore_autosave": "1"})
    [formset] = [inline.formset for inline in response.context["inline_admin_formsets"]]
    assert [form["label"].value() for form in formset.forms if form.initial] == ["Renamed"]
    assert client.post(admin_url(live, "change"), change_form_data(response)).status_code == 302
    live.refresh_from_db()
    assert list(live.links.values_list("label", flat=True)) == ["Old"]
    pending = revisions.pending_revision(live)
    assert [row["label"] for row in pending.data["links"]] == ["Renamed"]


def test_another_articles_row_id_is_not_taken(client, author, own_draft):
    theirs = factories.ArticleLinkFactory(label="Theirs", url="https://t.example/")
    client.force_login(author)
    data = rows_posted(own_draft, (theirs.pk, "Mine", "https://m.example/", "1", False))
    assert client.post(autosave_url(own_draft), data).status_code == 200
    [kept] = revisions.autosaves_of(own_draft)
    assert kept.data["links"] == [
        {"label": "Mine", "url": "https://m.example/", "order": 1, "id": None}
    ]


@pytest.mark.parametrize(
    "changes",
    [
        {"links-TOTAL_FORMS": "many"},
        {"links-TOTAL_FORMS": "1001"},
        {"links-0-label": "x" * 201},
        {"links-0-order": "first"},
    ],
)
def test_bad_rows_are_400(client, author, with_links, changes):
    article, first, _second = with_links
    client.force_login(author)
    data = {**rows_posted(article, (first.pk, "First", "https://a.example/", "1", False))}
    data.update(changes)
    assert client.post(autosave_url(article), data).status_code == 400
    assert not revisions.autosaves_of(article).exists()


def test_the_page_names_the_rows_it_autosaves(client, author, own_draft):
    client.force_login(author)
    response = open_change_form(client, own_draft)
    assert response.context["autosave"]["children"] == "links:label,url,order"
    assert 'data-children="links:label,url,order"' in response.text
