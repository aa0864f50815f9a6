import pytest
from django.urls import reverse

from articles.models import Article, Signature
from tests import factories
from tests.admin_helpers import admin_view_url, management_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    return factories.ArticleFactory(
        title="Torture in Kazakhstan: Eradicated by 2013?",
        slug="torture-in-kazakhstan",
        kind="commentary",
        cta_enabled=True,
        cta_prompt="Call on Kazakhstan to end torture.",
    )


@pytest.fixture
def draft():
    return factories.ArticleFactory(
        title="Notes for a report", slug="notes", status="draft", publish_at=None
    )


def test_article_changelist_lists_searches_and_filters(admin_client, campaign, draft):
    url = admin_view_url("articles", "article", "changelist")

    response = admin_client.get(url)
    assert response.status_code == 200
    assert set(response.context["cl"].result_list) == {campaign, draft}

    response = admin_client.get(url, {"q": "eradicated"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [campaign]

    response = admin_client.get(url, {"status__exact": "draft"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [draft]


def test_article_changelist_shows_the_columns_editors_sort_by(admin_client, campaign):
    factories.SignatureFactory.create_batch(2, article=campaign)
    response = admin_client.get(admin_view_url("articles", "article", "changelist"))
    [row] = [article for article in response.context["cl"].result_list if article == campaign]
    assert row.voice_count == 2
    for column in ["column-status", "column-kind", "column-author", "column-publish_at"]:
        assert column in response.text
    assert "column-is_featured" in response.text


def test_article_changelist_filters_by_topic(admin_client, campaign, draft):
    torture = factories.TopicFactory(name="Torture")
    campaign.topics.add(torture)
    response = admin_client.get(
        admin_view_url("articles", "article", "changelist"), {"topics__id__exact": torture.pk}
    )
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [campaign]


def test_article_add_and_change_pages_load(admin_client, campaign):
    factories.ArticleLinkFactory(article=campaign, label="The Special Rapporteur's report")
    assert admin_client.get(admin_view_url("articles", "article", "add")).status_code == 200
    response = admin_client.get(admin_view_url("articles", "article", "change", campaign.pk))
    assert response.status_code == 200
    assert "Eradicated by 2013?" in response.text
    assert "The Special Rapporteur&#x27;s report" in response.text


def article_form(**changes):
    return {
        "title": "A new campaign",
        "slug": "a-new-campaign",
        "language": "en",
        "kind": "news",
        "standfirst": "Why we act now.",
        "body": "Read the **report**. <script>alert(1)</script>",
        "byline": "",
        "author": "",
        "hero": "",
        "cta_prompt": "",
        "seo_description": "",
        "status": "draft",
        "publish_at_0": "",
        "publish_at_1": "",
        "unpublish_at_0": "",
        "unpublish_at_1": "",
        **management_form("links"),
        **changes,
    }


def test_posting_the_article_add_form_creates_it_with_a_link_and_its_author(
    admin_client, admin_user
):
    topic = factories.TopicFactory(name="Torture")
    data = article_form(
        topics=[topic.pk],
        **management_form("links", total=1),
        **{
            "links-0-label": "The report",
            "links-0-url": "https://example.org/report",
            "links-0-order": "1",
        },
    )

    response = admin_client.post(admin_view_url("articles", "article", "add"), data)

    assert response.status_code == 302
    article = Article.objects.get(slug="a-new-campaign")
    assert article.author == admin_user
    assert list(article.topics.all()) == [topic]
    assert "<script>" not in article.body_html
    assert [(link.label, link.url) for link in article.links.all()] == [
        ("The report", "https://example.org/report")
    ]


def test_adding_an_article_keeps_a_chosen_author(admin_client, author):
    response = admin_client.post(
        admin_view_url("articles", "article", "add"), article_form(author=author.pk)
    )
    assert response.status_code == 302
    assert Article.objects.get(slug="a-new-campaign").author == author


def test_article_add_form_refuses_a_call_to_action_without_a_prompt(admin_client):
    response = admin_client.post(
        admin_view_url("articles", "article", "add"), article_form(cta_enabled="on")
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["cta_prompt"]
    assert not Article.objects.exists()


def test_author_can_open_the_article_changelist_and_add_page(client, author, campaign):
    own = factories.ArticleFactory(author=author)
    client.force_login(author)
    response = client.get(admin_view_url("articles", "article", "changelist"))
    assert response.status_code == 200
    # Authors list their own articles only (see tests/security/test_admin.py).
    assert list(response.context["cl"].result_list) == [own]
    assert client.get(admin_view_url("articles", "article", "add")).status_code == 200


def test_author_adding_an_article_becomes_its_author(client, author):
    client.force_login(author)
    data = article_form()
    del data["author"]
    response = client.post(admin_view_url("articles", "article", "add"), data)
    assert response.status_code == 302
    assert Article.objects.get(slug="a-new-campaign").author == author


def test_author_cannot_reach_signatures(client, author, campaign):
    factories.SignatureFactory(article=campaign)
    client.force_login(author)
    assert client.get(admin_view_url("articles", "signature", "changelist")).status_code == 403


def test_article_topics_autocomplete_finds_topics(admin_client):
    factories.TopicFactory(name="Torture")
    factories.TopicFactory(name="Fair trial")
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": "article", "field_name": "topics", "term": "tort"},
    )
    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == ["Torture"]


def test_author_can_use_the_topic_autocomplete(client, author):
    factories.TopicFactory(name="Torture")
    client.force_login(author)
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": "article", "field_name": "topics", "term": "tort"},
    )
    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == ["Torture"]


@pytest.fixture
def signatures(campaign):
    other = factories.ArticleFactory(
        title="Free the lawyers", cta_enabled=True, cta_prompt="Free them."
    )
    return (
        factories.SignatureFactory(article=campaign, name="Dana Reader", email="dana@example.org"),
        factories.SignatureFactory(
            article=other, name="Erlan Writer", email="erlan@example.org", confirmed_at=None
        ),
    )


def test_signature_changelist_searches_and_filters(admin_client, campaign, signatures):
    dana, erlan = signatures
    url = admin_view_url("articles", "signature", "changelist")

    response = admin_client.get(url)
    assert response.status_code == 200
    assert set(response.context["cl"].result_list) == {dana, erlan}
    assert "dana@example.org" in response.text

    response = admin_client.get(url, {"q": "dana@"})
    assert list(response.context["cl"].result_list) == [dana]

    response = admin_client.get(url, {"article__id__exact": campaign.pk})
    assert list(response.context["cl"].result_list) == [dana]

    response = admin_client.get(url, {"confirmed": "no"})
    assert list(response.context["cl"].result_list) == [erlan]


def test_signature_change_page_is_read_only(admin_client, signatures):
    dana = signatures[0]
    url = admin_view_url("articles", "signature", "change", dana.pk)

    response = admin_client.get(url)
    assert response.status_code == 200
    assert "Dana Reader" in response.text
    assert 'name="name"' not in response.text

    response = admin_client.post(url, {"name": "Someone else", "email": "x@example.org"})
    assert response.status_code == 403
    dana.refresh_from_db()
    assert dana.name == "Dana Reader"


def test_signatures_cannot_be_added_in_the_admin(admin_client):
    assert admin_client.get(admin_view_url("articles", "signature", "add")).status_code == 403


def test_editor_can_delete_a_signature(client, editor, signatures):
    dana = signatures[0]
    client.force_login(editor)
    response = client.post(
        admin_view_url("articles", "signature", "delete", dana.pk), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Signature.objects.filter(pk=dana.pk).exists()


def test_author_field_is_read_only_for_staff_who_cannot_search_users(client, author):
    own_draft = factories.ArticleFactory(author=author, status="draft", publish_at=None)
    client.force_login(author)
    response = client.get(admin_view_url("articles", "article", "change", own_draft.pk))
    assert response.status_code == 200
    assert "author" not in response.context["adminform"].form.fields
    assert "title" in response.context["adminform"].form.fields


def test_article_changelist_drills_down_by_publication_year(admin_client, campaign, draft):
    response = admin_client.get(
        admin_view_url("articles", "article", "changelist"),
        {"first_published_at__year": campaign.first_published_at.year},
    )
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [campaign]


def test_the_hero_image_is_chosen_from_the_library_and_shown_with_its_alt_text(admin_client):
    image = factories.ImageFactory(title="Courthouse", alt="A courthouse", credit="Photo: Aida")

    response = admin_client.post(
        admin_view_url("articles", "article", "add"), article_form(hero=image.pk)
    )

    assert response.status_code == 302
    article = Article.objects.get(slug="a-new-campaign")
    assert article.hero == image
    page = admin_client.get(admin_view_url("articles", "article", "change", article.pk)).text
    # The autocomplete select, with the "+" that adds an image to the library in a popup.
    assert 'data-field-name="hero"' in page
    assert 'href="/admin/library/image/add/?_to_field=id&amp;_popup=1"' in page
    assert "Alt text: A courthouse" in page
    assert "Credit: Photo: Aida" in page


def test_a_hero_image_without_alt_text_is_refused(admin_client):
    image = factories.ImageFactory(alt="")

    response = admin_client.post(
        admin_view_url("articles", "article", "add"), article_form(hero=image.pk)
    )

    assert response.status_code == 200
    assert "describe it in the media library" in str(
        response.context["adminform"].form.errors["hero"]
    )
    assert not Article.objects.filter(slug="a-new-campaign").exists()
