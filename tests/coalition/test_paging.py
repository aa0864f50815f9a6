"""Public lists count their items once per page generation, per filter chosen."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories

pytestmark = pytest.mark.django_db


def counts(client, url):
    """The COUNT queries a request runs, and the page."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()], response.content.decode()


def test_the_article_list_counts_once_until_something_changes(client):
    factories.ArticleFactory.create_batch(3)
    client.get("/articles/")

    for url in ("/articles/", "/articles/?page=1", "/articles/?kind="):
        counted, html = counts(client, url)
        assert counted == [], url
        assert "3 articles" in html

    factories.ArticleFactory()

    counted, html = counts(client, "/articles/")
    assert len(counted) == 1
    assert "4 articles" in html


def test_each_filter_has_its_own_count(client):
    torture = factories.TopicFactory(name="Torture", slug="torture")
    factories.ArticleFactory.create_batch(2)
    factories.ArticleFactory().topics.add(torture)
    assert "3 articles" in counts(client, "/articles/")[1]

    assert "1 article" in counts(client, "/articles/?topic=torture")[1]
    assert "3 articles" in counts(client, "/articles/?page=1")[1]


def test_the_case_list_counts_once_until_something_changes(client):
    factories.LitigationCaseFactory.create_batch(2)
    client.get("/cases/")

    assert counts(client, "/cases/")[0] == []

    factories.LitigationCaseFactory()
    counted, html = counts(client, "/cases/")
    assert len(counted) == 1
    assert "3 cases" in html


def test_the_partner_list_keeps_its_count_and_country_choices(client):
    partner = factories.PartnerFactory()
    partner.countries.add(factories.country("KZ"))
    client.get("/partners/")

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/partners/?country=kazakhstan")
    # The kept choices: no query counts partners per country or reads the topics.
    assert not [q for q in queries if "coalition_country" in q["sql"] and "COUNT(" in q["sql"]]
    assert response.status_code == 200
    assert "Kazakhstan (1)" in response.content.decode()


def test_the_sitemap_counts_its_sections_once_until_something_changes(client):
    factories.ArticleFactory.create_batch(2)
    client.get("/sitemap.xml")

    assert counts(client, "/sitemap.xml")[0] == []
    assert counts(client, "/sitemap-articles.xml")[0] == []

    factories.ArticleFactory()
    assert counts(client, "/sitemap.xml")[0] != []
