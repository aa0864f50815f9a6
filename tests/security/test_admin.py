"""Attacks on the admin: authors reaching other people's articles, links without review."""

import pytest
from django.urls import reverse

from articles import workflow
from coalition import revisions
from tests import factories
from tests.admin_helpers import (
    admin_url,
    admin_view_url,
    change_form_data,
    management_form,
    open_change_form,
)

# Authors read their own articles only ----------------------------------------------------------

GET_PAGES = ["change", "preview", "revisions", "history"]
POST_PAGES = ["preview", "share_preview", "revoke_previews", "presence"]


@pytest.mark.parametrize("page", GET_PAGES)
def test_an_author_opens_the_pages_of_their_own_article(client, author, own_draft, page):
    client.force_login(author)
    assert client.get(admin_url(own_draft, page)).status_code == 200


@pytest.mark.parametrize("page", GET_PAGES)
def test_an_author_cannot_open_the_pages_of_someone_elses_article(
    client, author, others_draft, page
):
    client.force_login(author)
    response = client.get(admin_url(others_draft, page))
    assert response.status_code in (302, 404)
    assert response.status_code == 404 or response["Location"] == reverse("admin:index")
    assert b"secret draft" not in response.content


@pytest.mark.parametrize("page", POST_PAGES)
def test_an_author_cannot_post_to_the_pages_of_someone_elses_article(
    client, author, others_draft, page
):
    key = others_draft.preview_key
    client.force_login(author)
    response = client.post(admin_url(others_draft, page))
    assert response.status_code == 404
    others_draft.refresh_from_db()
    assert others_draft.preview_key == key


def test_an_author_cannot_compare_or_restore_someone_elses_revisions(
    client, author, others_draft, other_author
):
    revisions.save_revision(others_draft, other_author, "first")
    client.force_login(author)
    compare = client.get(admin_url(others_draft, "revisions_compare"), {"a": 1, "b": 1})
    assert compare.status_code == 404
    restore = client.post(admin_url(others_draft, "revision_restore", 1))
    assert restore.status_code == 404
    assert revisions.revisions_of(others_draft).count() == 1


def test_an_author_cannot_move_someone_elses_article_through_the_workflow(
    client, author, others_draft
):
    client.force_login(author)
    client.post(admin_url(others_draft, "workflow", "submit"))
    others_draft.refresh_from_db()
    assert others_draft.status == "draft"


def test_an_author_does_not_see_someone_elses_live_article_in_the_admin(
    client, author, editors_live_article
):
    client.force_login(author)
    response = client.get(admin_url(editors_live_article, "change"))
    assert response.status_code == 302


def test_the_author_list_shows_only_their_own_articles(client, author, own_draft, others_draft):
    client.force_login(author)
    response = client.get(admin_view_url("articles", "article", "changelist"))
    assert list(response.context["cl"].result_list) == [own_draft]


def test_a_submitter_reads_the_article_they_submitted(author, others_draft):
    others_draft.submitted_by = author
    assert workflow.can_view_draft(author, others_draft)


def test_editors_read_every_article(client, editor, own_draft, others_draft):
    client.force_login(editor)
    for article in (own_draft, others_draft):
        for page in GET_PAGES:
            assert client.get(admin_url(article, page)).status_code == 200
    response = client.get(admin_view_url("articles", "article", "changelist"))
    assert set(response.context["cl"].result_list) == {own_draft, others_draft}


def test_the_dashboard_shows_an_author_only_their_own_articles(client, author, other_author):
    factories.ArticleFactory(title="Someone else's live piece", author=other_author)
    factories.ArticleFactory(title="My live piece", author=author)
    client.force_login(author)
    response = client.get(reverse("admin:index"))
    assert "My live piece" in response.text
    assert "Someone else&#x27;s live piece" not in response.text
    assert "Someone else's live piece" not in response.text


def test_the_open_in_editor_report_shows_an_author_only_their_own_articles(
    client, author, other_author, own_draft, others_draft
):
    revisions.record_presence(others_draft, other_author)
    revisions.record_presence(own_draft, other_author)
    client.force_login(author)
    response = client.get(admin_view_url("articles", "article", "open_editors_report"))
    assert response.status_code == 200
    assert [row.article for row in response.context["rows"]] == [own_draft]


# "Learn more" links go through the article -------------------------------------------------------


@pytest.mark.parametrize("view", ["changelist", "add"])
def test_there_is_no_stand_alone_admin_for_links(admin_client, view):
    response = admin_client.get(f"/admin/articles/articlelink/{'add/' if view == 'add' else ''}")
    assert response.status_code == 404


def test_an_author_cannot_add_a_link_to_an_editors_live_article(
    client, author, editors_live_article
):
    client.force_login(author)
    response = client.post(
        "/admin/articles/articlelink/add/",
        {
            "article": editors_live_article.pk,
            "label": "Spam",
            "url": "https://spam.example/",
            "order": 0,
        },
    )
    assert response.status_code == 404
    data = {
        "title": "Hijacked",
        **management_form("links", total=1),
        "links-0-label": "Spam",
        "links-0-url": "https://spam.example/",
        "links-0-order": "0",
    }
    client.post(admin_url(editors_live_article, "change"), data)
    assert [link.label for link in editors_live_article.links.all()] == ["The real report"]
    assert revisions.pending_revision(editors_live_article) is None
    assert "spam.example" not in client.get(editors_live_article.get_absolute_url()).text


def test_a_link_added_to_a_live_article_waits_for_publication(
    client, editor, editors_live_article
):
    client.force_login(editor)
    page = open_change_form(client, editors_live_article)
    data = change_form_data(
        page,
        **{
            "links-TOTAL_FORMS": "2",
            "links-1-label": "A new source",
            "links-1-url": "https://new.example/",
            "links-1-order": "2",
        },
    )
    assert client.post(admin_url(editors_live_article, "change"), data).status_code == 302

    public = client.get(editors_live_article.get_absolute_url())
    assert "new.example" not in public.text
    pending = revisions.pending_revision(editors_live_article)
    assert [link["label"] for link in pending.data["links"]] == ["The real report", "A new source"]

    workflow.publish(editors_live_article, editor)
    assert "new.example" in client.get(editors_live_article.get_absolute_url()).text


# XSS through what readers write --------------------------------------------------------------


def test_what_readers_write_when_signing_is_inert_in_the_admin(admin_client):
    from tests.security.conftest import ATTRIBUTE, SCRIPT, assert_inert

    signature = factories.SignatureFactory(name=f"Name {SCRIPT}", message=f"Message {ATTRIBUTE}")
    for url in (
        admin_view_url("articles", "signature", "changelist"),
        admin_url(signature, "change"),
    ):
        response = admin_client.get(url)
        assert response.status_code == 200
        assert_inert(response.text)
