import re
from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse

from coalition.markdown import render_markdown
from tests import factories


def test_renders_markdown_to_html():
    html = render_markdown("## Facts\n\nThe applicant was **beaten**.\n\n> A quote")
    assert "<h2>Facts</h2>" in html
    assert "<strong>beaten</strong>" in html
    assert "<blockquote>" in html


@pytest.mark.parametrize(
    ("source", "forbidden"),
    [
        ("<script>alert(1)</script>", "<script"),
        ('<img src="x.png" onerror="alert(1)">', "onerror"),
        ("[click](javascript:alert(1))", "javascript:"),
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ('<iframe src="https://example.org"></iframe>', "<iframe"),
        ('<p style="color:red">x</p>', "style="),
    ],
)
def test_unsafe_markup_never_reaches_html(source, forbidden):
    assert forbidden not in render_markdown(source)


def test_keeps_images_with_alt_text_and_tables():
    html = render_markdown("![A court building](/media/c.jpg)\n\n|a|b|\n|-|-|\n|1|2|")
    assert '<img alt="A court building" src="/media/c.jpg">' in html
    assert "<table>" in html


TRACKER = "https://tracker.example/pixel.gif?reader=1&page=2"


@pytest.mark.parametrize(
    "source",
    [
        f"![The court]({TRACKER})",
        f'<img src="{TRACKER}" alt="The court">',
        f"<p><img alt='The court' src='{TRACKER}' width=1 height=1></p>",
        f"![The court]({TRACKER.replace('https:', '')})",
        f"![The court]({TRACKER.replace('https:', 'http:')})",
    ],
)
def test_an_image_from_another_site_becomes_a_link(source):
    html = render_markdown(source)
    assert "<img" not in html
    assert 'rel="noopener noreferrer">The court</a>' in html
    assert "tracker.example/pixel.gif?reader=1&amp;page=2" in html


@pytest.mark.parametrize(
    "source",
    [
        "/static/coalition/favicon.svg",
        "images/local.png",
        "/mediax/evil.png",
        "/media/..\\tracker.example/x.png",
        "/media/../admin/x.png",
        "data:image/png;base64,AAAA",
    ],
)
def test_only_images_under_media_url_load(source):
    assert "<img" not in render_markdown(f"![x]({source})")


def test_an_image_without_alt_text_becomes_a_link_named_by_its_address():
    html = render_markdown(f"![]({TRACKER})")
    assert f">{TRACKER.replace('&', '&amp;')}</a>" in html


def test_an_image_inside_a_link_leaves_its_alt_text_in_that_link():
    html = render_markdown(f"[![Read the report]({TRACKER})](https://example.org/report)")
    assert html == (
        '<p><a href="https://example.org/report" rel="noopener noreferrer">Read the report</a></p>'
    )


def test_link_text_from_alt_text_stays_text():
    html = render_markdown(f'<img src="{TRACKER}" alt="&lt;script&gt;alert(1)&lt;/script&gt;">')
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;</a>" in html


def test_images_load_from_the_media_host_when_media_live_elsewhere(settings):
    settings.MEDIA_URL = "https://media.example.org/coalition/"
    ours = render_markdown("![Ours](https://media.example.org/coalition/articles/a.png)")
    assert '<img alt="Ours" src="https://media.example.org/coalition/articles/a.png">' in ours
    for other in [
        "https://media.example.org/other/a.png",
        "http://media.example.org/coalition/a.png",
        "https://media.example.org.evil.example/coalition/a.png",
        "/media/a.png",
    ]:
        assert "<img" not in render_markdown(f"![x]({other})"), other


def test_empty_source_gives_empty_html():
    assert render_markdown("") == ""


@pytest.mark.django_db
def test_pages_show_no_image_from_another_site(client):
    body = f"Before.\n\n![The court]({TRACKER})"
    article = factories.ArticleFactory(body=body)
    partner = factories.PartnerFactory(description=body)
    case = factories.LitigationCaseFactory(facts=body, strategic_aim=body)
    for page in [article, partner, case]:
        html = client.get(page.get_absolute_url()).content.decode()
        assert "tracker.example" in html, page
        assert '<img alt="The court"' not in html, page
        assert not re.search(r"<img[^>]+tracker\.example", html), page


@pytest.mark.django_db
def test_a_portal_story_preview_shows_no_image_from_another_site(client, partner_member):
    client.force_login(partner_member)
    response = client.post(
        reverse("portal:story-create"),
        {"title": "T", "standfirst": "S", "body": f"![The court]({TRACKER})", "preview": "1"},
    )
    html = response.content.decode()
    assert 'rel="noopener noreferrer">The court</a>' in html
    assert not re.search(r"<img[^>]+tracker\.example", html)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("app", "migration", "model", "fields"),
    [
        ("articles", "0009_rerender_body_images", "Article", ["body"]),
        ("partners", "0006_rerender_description_images", "Partner", ["description"]),
        ("cases", "0005_rerender_facts_images", "LitigationCase", ["facts", "strategic_aim"]),
    ],
)
def test_stored_html_from_before_is_rendered_again(app, migration, model, fields):
    factory = {
        "Article": factories.ArticleFactory,
        "Partner": factories.PartnerFactory,
        "LitigationCase": factories.LitigationCaseFactory,
    }[model]
    obj = factory(**dict.fromkeys(fields, f"![The court]({TRACKER})"))
    stored_before = f'<p><img alt="The court" src="{TRACKER}"></p>'
    type(obj).objects.filter(pk=obj.pk).update(
        **{f"{field}_html": stored_before for field in fields}
    )
    version = type(obj).objects.get(pk=obj.pk).version

    module = import_module(f"{apps.get_app_config(app).name}.migrations.{migration}")
    module.rerender(apps, schema_editor=None)

    obj.refresh_from_db()
    for field in fields:
        assert "<img" not in getattr(obj, f"{field}_html")
        assert ">The court</a>" in getattr(obj, f"{field}_html")
    assert obj.version == version
