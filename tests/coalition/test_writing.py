"""The Markdown editor widget and the admin's live preview (coalition/widgets.py, writing.py)."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from coalition.markdown import reading_statistics, render_markdown
from coalition.widgets import MarkdownEditor
from coalition.writing import PREVIEW_MAX_CHARS
from tests import factories
from tests.admin_helpers import admin_url, change_form_data, open_change_form

pytestmark = pytest.mark.django_db

ARTICLE_PREVIEW = "admin:articles_article_markdown_preview"
TEXT = (
    "## Findings\n\nPolice held **three men** for days. <script>alert(1)</script>\n\n"
    '[Report](javascript:alert(1)) and ![x](https://elsewhere.example/a.png "t")'
)


def test_widget_renders_the_textarea_a_hidden_toolbar_and_the_preview():
    html = MarkdownEditor(preview_url="/preview/").render(
        "body", "Some **bold** words", {"id": "id_body"}
    )
    assert '<textarea name="body"' in html
    assert 'id="id_body"' in html
    assert "Some **bold** words</textarea>" in html
    # Without the script the page keeps the plain textarea: toolbar and preview stay hidden.
    assert 'role="toolbar" aria-label="Formatting" aria-controls="id_body" hidden' in html
    assert 'aria-live="polite"' in html
    assert "<strong>bold</strong>" in html
    assert 'data-preview-url="/preview/"' in html
    assert 'aria-keyshortcuts="Control+B Meta+B"' in html
    assert 'title="Bold (Ctrl+B)"' in html
    assert "3 words · 1 min read" in html
    for label in ["Heading", "Italic", "Link", "Quote", "Bulleted list", "Numbered list"]:
        assert f">{label}</button>" in html
    assert ">Image</button>" in html
    assert ">Document</button>" in html


def test_widget_media_is_static_files_only():
    media = str(MarkdownEditor().media)
    assert "coalition/editor/editor.js" in media
    assert "defer" in media
    assert "coalition/editor/editor.css" in media


def test_reading_statistics_count_what_readers_see():
    assert reading_statistics(render_markdown("")) == (0, 0)
    assert reading_statistics(render_markdown("[It's](https://x.org) **two**")) == (2, 1)
    assert reading_statistics(render_markdown("word " * 201)) == (201, 2)


def test_article_change_form_has_the_editor_and_saves_without_script(admin_client):
    article = factories.ArticleFactory(status="draft", publish_at=None, body="Old")
    response = open_change_form(admin_client, article)
    html = response.content.decode()
    assert 'data-md-editor data-preview-url="/admin/articles/article/markdown-preview/"' in html
    assert "coalition/editor/editor.js" in html

    # A plain form post, as a browser without JavaScript sends it, still saves the body.
    data = change_form_data(response, body="New **text**", _continue="1")
    response = admin_client.post(admin_url(article, "change"), data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body == "New **text**"


@pytest.mark.parametrize(
    ("factory", "model", "fields"),
    [
        (factories.PartnerFactory, "partners/partner", ["description"]),
        (factories.LitigationCaseFactory, "cases/litigationcase", ["facts", "strategic_aim"]),
    ],
)
def test_partner_and_case_markdown_fields_have_the_editor(admin_client, factory, model, fields):
    obj = factory()
    html = open_change_form(admin_client, obj).content.decode()
    preview = f'data-preview-url="/admin/{model}/markdown-preview/"'
    # Once per field and language: the translations are Markdown too.
    assert html.count(preview) == len(fields) * len(settings.LANGUAGES)
    response = admin_client.post(f"/admin/{model}/markdown-preview/", {"text": "*hi*"})
    assert response.json()["html"] == "<p><em>hi</em></p>"


def test_staff_preview_is_the_public_renderer_output(client, editor):
    client.force_login(editor)
    response = client.post(reverse(ARTICLE_PREVIEW), {"text": TEXT})
    assert response.status_code == 200
    answer = response.json()
    assert answer["html"] == render_markdown(TEXT)
    assert "<script" not in answer["html"]
    assert "javascript:" not in answer["html"]
    assert "<h2>Findings</h2>" in answer["html"]
    assert answer["statistics"].endswith("min read")


def test_author_may_preview_too(client, author):
    client.force_login(author)
    assert client.post(reverse(ARTICLE_PREVIEW), {"text": "x"}).status_code == 200


def test_anonymous_is_sent_to_log_in(client):
    response = client.post(reverse(ARTICLE_PREVIEW), {"text": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_partner_staff_cannot_use_the_admin_preview(client, partner_member):
    client.force_login(partner_member)
    response = client.post(reverse(ARTICLE_PREVIEW), {"text": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_staff_without_article_permissions_are_refused(client):
    clerk = factories.UserFactory(is_staff=True)
    client.force_login(clerk)
    assert client.post(reverse(ARTICLE_PREVIEW), {"text": "x"}).status_code == 403


def test_preview_needs_the_csrf_token(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(reverse(ARTICLE_PREVIEW), {"text": "x"}).status_code == 403
    client.get(admin_url(factories.ArticleFactory(), "change"))
    token = client.cookies["csrftoken"].value
    response = client.post(reverse(ARTICLE_PREVIEW), {"text": "x"}, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200


def test_preview_refuses_oversized_text_and_get(client, editor):
    client.force_login(editor)
    response = client.post(reverse(ARTICLE_PREVIEW), {"text": "a" * (PREVIEW_MAX_CHARS + 1)})
    assert response.status_code == 400
    assert "too long" in response.json()["error"]
    assert client.get(reverse(ARTICLE_PREVIEW)).status_code == 405
