"""The article form as a writing page: sections, fields per role, counts, publish warnings."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from articles.models import TEASER_STANDFIRST_CHARS
from articles.readiness import publish_warnings
from tests import factories
from tests.admin_helpers import admin_url, change_form_data, open_change_form

pytestmark = pytest.mark.django_db

PUBLISHER_ONLY = ["publish_at", "unpublish_at", "is_featured", "first_published_at"]


@pytest.fixture
def own_draft(author):
    return factories.ArticleFactory(
        title="Confessions in Almaty",
        status="draft",
        publish_at=None,
        author=author,
        body="Three men were held for **three days** without a lawyer.",
        seo_description="Three men held without a lawyer in Almaty.",
    )


def form_fields(response):
    return list(response.context["adminform"].form.fields)


def test_title_standfirst_and_body_come_first_then_named_sections(client, editor, own_draft):
    client.force_login(editor)
    response = open_change_form(client, own_draft)
    assert form_fields(response)[:3] == ["title", "standfirst", "body"]
    names = [str(fieldset.name) for fieldset in response.context["adminform"]]
    assert names == [
        "None",
        "Classification",
        "Byline and address",
        "Hero image",
        "Call to action: “Add your voice”",
        "Search engines",
        "Publishing dates",
        "Record",
        "About this save",
    ]


def test_an_author_does_not_see_publishing_decisions(client, author, own_draft):
    client.force_login(author)
    response = open_change_form(client, own_draft)
    html = response.content.decode()
    for name in PUBLISHER_ONLY:
        assert name not in form_fields(response)
        assert f'name="{name}' not in html
    assert "Publishing dates" not in html
    assert "topics" in form_fields(response)


def test_an_editor_sees_them(client, editor, own_draft):
    client.force_login(editor)
    response = open_change_form(client, own_draft)
    assert {"publish_at", "unpublish_at", "is_featured"} <= set(form_fields(response))
    assert "Publishing dates" in response.content.decode()


def test_an_author_cannot_set_publishing_dates_by_posting_them(client, author, own_draft):
    client.force_login(author)
    response = open_change_form(client, own_draft)
    later = timezone.now() + datetime.timedelta(days=3)
    data = change_form_data(
        response,
        title="Confessions in Almaty, updated",
        publish_at_0=later.date().isoformat(),
        publish_at_1="10:00",
        is_featured="on",
    )
    assert client.post(admin_url(own_draft, "change"), data).status_code == 302
    own_draft.refresh_from_db()
    assert own_draft.title == "Confessions in Almaty, updated"
    assert own_draft.publish_at is None
    assert own_draft.is_featured is False


def test_the_change_page_counts_words_and_reading_time(client, author, own_draft):
    client.force_login(author)
    html = open_change_form(client, own_draft).content.decode()
    assert '<p class="md-editor__statistics" id="id_body_statistics"' in html
    assert "10 words · 1 min read" in html


def test_links_can_still_be_ordered_by_number_and_get_the_mover(client, editor, own_draft):
    first = factories.ArticleLinkFactory(article=own_draft, label="First", order=1)
    second = factories.ArticleLinkFactory(article=own_draft, label="Second", order=2)
    client.force_login(editor)
    response = open_change_form(client, own_draft)
    assert "coalition/editor/links.js" in response.content.decode()
    assert 'data-ordered-inline data-inline="links"' in response.content.decode()
    data = change_form_data(response)
    for index, row in enumerate(response.context["inline_admin_formsets"][0].formset.forms):
        if row.instance.pk == first.pk:
            data[f"links-{index}-order"] = "3"
    assert client.post(admin_url(own_draft, "change"), data).status_code == 302
    assert [link.label for link in own_draft.links.all()] == ["Second", "First"]
    assert second.pk


# Publish warnings


def test_no_warnings_for_a_ready_article():
    data = {"body": "![Police station](/media/a.jpg)", "standfirst": "Short.", "hero": None}
    assert publish_warnings({**data, "seo_description": "About it."}) == []


def test_warnings_name_each_problem():
    data = {
        "hero": {"pk": factories.ImageFactory(alt=" ").pk, "name": "A hero"},
        "body": "![](/media/a.jpg) and ![ ][ref] but ![ok](/media/b.jpg)",
        "standfirst": "x" * (TEASER_STANDFIRST_CHARS + 1),
        "seo_description": "",
    }
    assert publish_warnings(data) == [
        "The hero image has no alt text.",
        "2 images in the body have no alt text.",
        f"The standfirst has {TEASER_STANDFIRST_CHARS + 1} characters; article lists show the "
        f"first {TEASER_STANDFIRST_CHARS}.",
        "There is no search engine description.",
    ]


def test_publish_warnings_show_and_publishing_still_works(client, editor, own_draft):
    own_draft.body = "![](/media/x.jpg)"
    own_draft.seo_description = ""
    own_draft.save()
    client.force_login(editor)
    html = open_change_form(client, own_draft).content.decode()
    assert html.count("Before publishing, check:") == 2  # the panel and beside the buttons
    assert "1 image in the body has no alt text." in html
    assert "There is no search engine description." in html

    url = reverse("admin:articles_article_workflow", args=[own_draft.pk, "publish"])
    response = client.post(url)
    own_draft.refresh_from_db()
    assert own_draft.status == "published"
    assert own_draft.live
    said = [str(message) for message in get_messages(response.wsgi_request)]
    assert said[0] == "Published “Confessions in Almaty”."
    assert said[1].startswith("Published, but worth fixing: 1 image in the body")


def test_authors_see_the_checks_but_not_beside_a_publish_button(client, author, own_draft):
    own_draft.seo_description = ""
    own_draft.save()
    client.force_login(author)
    html = open_change_form(client, own_draft).content.decode()
    assert html.count("Before publishing, check:") == 1


def test_a_live_article_is_checked_as_its_pending_draft(client, editor):
    article = factories.ArticleFactory(seo_description="Fine.")
    client.force_login(editor)
    response = open_change_form(client, article)
    data = change_form_data(response, seo_description="")
    assert client.post(admin_url(article, "change"), data).status_code == 302
    article.refresh_from_db()
    assert article.seo_description == "Fine."  # the public keeps the live version
    html = open_change_form(client, article).content.decode()
    assert "There is no search engine description." in html


def test_lists_show_the_standfirst_cut_at_the_teaser_length(client):
    words = "Police in Almaty held three men for days without a lawyer. " * 10
    factories.ArticleFactory(standfirst=words)
    html = client.get(reverse("articles:list")).content.decode()
    shown = words[: TEASER_STANDFIRST_CHARS - 1].rstrip()
    assert shown in html
    assert words.strip() not in html
