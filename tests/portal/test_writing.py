"""The portal's Markdown editor and its live preview, for partner staff only."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article
from coalition.markdown import render_markdown
from coalition.writing import PREVIEW_MAX_CHARS

pytestmark = pytest.mark.django_db

PREVIEW = reverse("portal:markdown-preview")
TEXT = "He told his lawyer **everything**. <img src=x onerror=alert(1)>"


def test_partner_staff_preview_the_public_rendering(client, our_member):
    client.force_login(our_member)
    response = client.post(PREVIEW, {"text": TEXT})
    assert response.status_code == 200
    assert response.json()["html"] == render_markdown(TEXT)
    assert "onerror" not in response.json()["html"]


def test_anonymous_is_sent_to_log_in(client):
    response = client.post(PREVIEW, {"text": TEXT})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_people_of_no_partner_are_refused(client, editor):
    client.force_login(editor)
    assert client.post(PREVIEW, {"text": TEXT}).status_code == 404


def test_preview_needs_csrf_post_and_a_sane_size(our_member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(our_member)
    assert client.post(PREVIEW, {"text": TEXT}).status_code == 403
    client.get(reverse("portal:story-create"))
    token = client.cookies["csrftoken"].value
    headers = {"HTTP_X_CSRFTOKEN": token}
    assert client.post(PREVIEW, {"text": TEXT}, **headers).status_code == 200
    too_long = {"text": "a" * (PREVIEW_MAX_CHARS + 1)}
    assert client.post(PREVIEW, too_long, **headers).status_code == 400
    assert client.get(PREVIEW).status_code == 405


def test_story_form_has_the_editor_writing_first(client, our_member, our_case):
    client.force_login(our_member)
    html = client.get(reverse("portal:story-create")).content.decode()
    assert f'data-md-editor data-preview-url="{PREVIEW}"' in html
    assert "coalition/editor/editor.js" in html
    writing, about = html.index("Your story"), html.index("What it is about")
    assert writing < html.index('name="body"') < about < html.index('name="cases"')


def test_story_saves_from_the_plain_textarea(client, our_member):
    client.force_login(our_member)
    response = client.post(
        reverse("portal:story-create"),
        {"title": "A story", "standfirst": "Short.", "body": "Plain **text**", "save": "1"},
    )
    assert response.status_code == 303
    story = Article.objects.get(title="A story")
    assert story.body_html == "<p>Plain <strong>text</strong></p>"
