import datetime
import xml.etree.ElementTree as ET

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# A count and a page of items for each of articles, cases, partners and topics.
SITEMAP_QUERIES = 8


def sitemap_entries(client):
    """The sitemap's URLs, each with its last modification date or None."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    assert root.tag == f"{SITEMAP}urlset"
    return {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in root.findall(f"{SITEMAP}url")
    }


def test_sitemap_has_exactly_the_public_objects(
    client, published_article, hidden_articles, public_case, private_case, partner
):
    inactive = factories.PartnerFactory(is_active=False, slug="inactive")
    torture = factories.TopicFactory(name="Torture", slug="torture")
    published_article.topics.add(torture)
    hidden_only = factories.TopicFactory(name="Unused", slug="only-on-drafts")
    for hidden in hidden_articles:
        hidden.topics.add(hidden_only)

    entries = sitemap_entries(client)

    english = {
        "/",
        "/articles/",
        "/cases/",
        "/partners/",
        published_article.get_absolute_url(),
        public_case.get_absolute_url(),
        partner.get_absolute_url(),
        "/articles/?topic=torture",
    }
    expected = {f"http://testserver{path}" for path in english}
    expected |= {f"http://testserver/ru{path}" for path in english}
    assert set(entries) == expected
    assert f"http://testserver{private_case.get_absolute_url()}" not in entries
    assert f"http://testserver{inactive.get_absolute_url()}" not in entries


def test_sitemap_gives_the_last_modification(client, public_case):
    published = datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC)
    article = factories.ArticleFactory(first_published_at=published, last_published_at=published)
    topic = factories.TopicFactory(slug="torture")
    article.topics.add(topic)
    factories.CaseEventFactory(case=public_case, date=datetime.date(2099, 1, 1))

    entries = sitemap_entries(client)

    assert entries[f"http://testserver{article.get_absolute_url()}"] == "2025-06-01"
    assert entries["http://testserver/articles/?topic=torture"] == "2025-06-01"
    # A public event later than the case's own last change dates the case's page.
    assert entries[f"http://testserver{public_case.get_absolute_url()}"] == "2099-01-01"


@pytest.mark.parametrize("count", [3, 30])
def test_sitemap_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, count):
    for _ in range(count):
        article = factories.ArticleFactory()
        article.topics.add(factories.TopicFactory())
        factories.LitigationCaseFactory()
        factories.PartnerFactory()

    with django_assert_max_num_queries(SITEMAP_QUERIES):
        entries = sitemap_entries(client)

    assert len(entries) == 2 * (4 + 4 * count)


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_private_pages(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for path in [
        "/admin/",
        "/portal/",
        "/accounts/",
        "/articles/preview/",
        "/ru/accounts/",
        "/ru/articles/preview/",
    ]:
        assert f"Disallow: {path}" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_sitemap_names_each_pages_other_language_and_english_as_default(client, partner):
    response = client.get("/sitemap.xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    path = partner.get_absolute_url()

    [russian] = [
        url
        for url in root.findall(f"{SITEMAP}url")
        if url.findtext(f"{SITEMAP}loc") == f"http://testserver/ru{path}"
    ]
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in russian.findall("{http://www.w3.org/1999/xhtml}link")
    }
    assert alternates == {
        "en": f"http://testserver{path}",
        "ru": f"http://testserver/ru{path}",
        "x-default": f"http://testserver{path}",
    }


def test_robots_txt_refuses_post(client):
    assert client.post("/robots.txt").status_code == 405
