"""Stored HTML follows the library: a changed, replaced or deleted item shows as it is now on
every page that uses it, without a new version of those pages, and cached pages go."""

import pytest
from django.test import TestCase

from articles.models import Article
from coalition.library import rendering
from tests import factories

pytestmark = pytest.mark.django_db

DETAIL_QUERIES = 9  # as tests/articles/test_views.py asserts for an article's page


def committed():
    return TestCase.captureOnCommitCallbacks(execute=True)


def page(client, obj):
    response = client.get(obj.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def image():
    with committed():
        return factories.ImageFactory(alt="A crowd at the court", caption="Almaty, May")


@pytest.fixture
def report():
    with committed():
        return factories.DocumentFactory(title="Annual report")


@pytest.fixture
def article(image, report):
    return factories.ArticleFactory(
        body=f"Intro.\n\n![](image:{image.pk})\n\nRead [the report](document:{report.pk})."
    )


def test_a_changed_alt_text_and_caption_show_on_the_public_page(client, article, image):
    assert 'alt="A crowd at the court"' in page(client, article)
    version = article.version

    with committed():
        image.alt = "Protesters outside the Almaty court"
        image.caption = "The third day of the protest"
        image.save()

    shown = page(client, article)
    assert 'alt="Protesters outside the Almaty court"' in shown
    assert "<figcaption>The third day of the protest" in shown
    assert 'alt="A crowd at the court"' not in shown
    # A rendering, not an edit: no new version for the conflict check, no revision.
    article.refresh_from_db()
    assert article.version == version


def test_a_deleted_document_leaves_the_public_page(client, article, report):
    assert 'class="md-document"' in page(client, article)

    with committed():
        report.delete()

    shown = page(client, article)
    assert 'class="md-document"' not in shown
    assert f"document:{report.pk}" not in shown
    # The sentence still reads; only the link is gone.
    assert "Read the report." in shown
    assert "Intro." in shown


def test_a_deleted_image_leaves_every_page_using_it(client, article, image):
    partner = factories.PartnerFactory(description=f"About us.\n\n![](image:{image.pk})")
    partner.set_translations("ru", {"description": f"О нас.\n\n![](image:{image.pk})"})
    partner.save()
    case = factories.LitigationCaseFactory(facts=f"![](image:{image.pk})")

    with committed():
        image.delete()

    for obj in (article, partner, case):
        assert "<figure" not in page(client, obj)
    partner.refresh_from_db()
    assert "<figure" not in partner.translations["ru"]["description_html"]
    assert "О нас." in partner.translations["ru"]["description_html"]


def test_variants_made_after_the_text_was_saved_reach_its_html(image):
    with TestCase.captureOnCommitCallbacks() as waiting:
        fresh = factories.ImageFactory()
    article = factories.ArticleFactory(body=f"![](image:{fresh.pk})")
    assert "srcset" not in article.body_html

    with committed():
        for callback in waiting:
            callback()

    article.refresh_from_db()
    assert 'srcset="' in article.body_html
    assert "/media/variants/library/images/" in article.body_html


def test_a_replaced_file_shows_with_its_new_variants(client, article, image):
    before = page(client, article)

    with committed():
        image.file = factories.image_upload("replacement.png", size=(90, 60))
        image.save()

    shown = page(client, article)
    assert shown != before
    assert "replacement-480" in shown or "replacement" in shown
    assert 'width="90" height="60"' in shown


def test_only_the_texts_using_the_item_are_rendered_again(article, image):
    other = factories.ArticleFactory(body="No pictures here.")
    # "image:4" is in "image:42": the coarse filter finds more, the rendering changes nothing.
    lookalike = factories.ArticleFactory(body=f"![](image:{image.pk}0)")
    stale = "<p>stale</p>"
    Article.objects.filter(pk__in=[other.pk, lookalike.pk]).update(body_html=stale)
    Article.objects.filter(pk=article.pk).update(body_html=stale)

    changed = rendering.rerender_uses("image", image.pk)

    assert changed == 1
    assert Article.objects.get(pk=other.pk).body_html == stale
    assert Article.objects.get(pk=lookalike.pk).body_html == stale
    assert "<figure" in Article.objects.get(pk=article.pk).body_html


def test_a_page_with_many_references_keeps_its_query_bound(client, django_assert_max_num_queries):
    with committed():
        images = [factories.ImageFactory() for _ in range(6)]
        documents = [factories.DocumentFactory() for _ in range(6)]
    body = "\n\n".join(
        [f"![](image:{item.pk})" for item in images]
        + [f"[](document:{item.pk})" for item in documents]
    )
    article = factories.ArticleFactory(body=body)

    with django_assert_max_num_queries(DETAIL_QUERIES):
        shown = page(client, article)

    assert shown.count('<figure class="md-figure">') == 6
    assert shown.count('class="md-document"') == 6


def test_an_unpublished_article_stays_hidden_when_its_image_changes(client, image):
    draft = factories.ArticleFactory(
        status=Article.Status.DRAFT, publish_at=None, body=f"![](image:{image.pk})"
    )

    with committed():
        image.alt = "Changed"
        image.save()

    assert client.get(draft.get_absolute_url()).status_code == 404
