"""A library item changed or deleted takes the cached pages that show it away."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_changed_image_leaves_the_cached_page(client, page_cache, commit):
    with commit():
        image = factories.ImageFactory(alt="A crowd at the court")
    article = factories.ArticleFactory(body=f"![](image:{image.pk})")
    url = article.get_absolute_url()
    assert 'alt="A crowd at the court"' in text(client, url)
    assert client.get(url).templates == []  # served from the cache

    with commit():
        image.alt = "Protesters at the court"
        image.save()

    assert 'alt="Protesters at the court"' in text(client, url)


def test_a_deleted_document_leaves_the_cached_page(client, page_cache, commit):
    with commit():
        report = factories.DocumentFactory(title="Annual report")
    article = factories.ArticleFactory(body=f"[](document:{report.pk})")
    url = article.get_absolute_url()
    assert "Annual report" in text(client, url)

    with commit():
        report.delete()

    assert "Annual report" not in text(client, url)
