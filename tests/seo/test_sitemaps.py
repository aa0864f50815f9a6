import datetime
import time
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings

from coalition import pagecache
from tests import factories

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# The index: a count for each section, the latest change of articles and of partners.
INDEX_QUERIES = 6
# A section's page: a count and the page's rows.
SECTION_QUERIES = 2
# Each public page has an address per language: English unprefixed, the others under their code.
PREFIXES = ["" if code == settings.LANGUAGE_CODE else f"/{code}" for code, _ in settings.LANGUAGES]


def read_xml(client, url, tag):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    assert root.tag == f"{SITEMAP}{tag}"
    return root


def section_urls(client):
    """The addresses of the sitemap's sections and their pages, from the index."""
    root = read_xml(client, "/sitemap.xml", "sitemapindex")
    return [entry.findtext(f"{SITEMAP}loc") for entry in root.findall(f"{SITEMAP}sitemap")]


def sitemap_entries(client):
    """The URLs of every page of every section, each with its last modification or None."""
    entries = {}
    for url in section_urls(client):
        root = read_xml(client, url.removeprefix("http://testserver"), "urlset")
        urls = root.findall(f"{SITEMAP}url")
        for entry in urls:
            location = entry.findtext(f"{SITEMAP}loc")
            assert location not in entries, f"{location} listed twice"
            entries[location] = entry.findtext(f"{SITEMAP}lastmod")
    return entries


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
        public_case.get_absolute_url(),
        partner.get_absolute_url(),
        "/articles/?topic=torture",
    }
    expected = {f"http://testserver{prefix}{path}" for prefix in PREFIXES for path in english}
    # An article has one address, in its own language.
    expected.add(f"http://testserver{published_article.get_absolute_url()}")
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
    # The first request after a change also reads when pages next change by the clock, for
    # what is kept until then (the sections' counts and dates).
    pagecache.next_scheduled_change(pagecache.generation(), time.time())

    with django_assert_max_num_queries(INDEX_QUERIES):
        sections = section_urls(client)
    for url in sections:
        with django_assert_max_num_queries(SECTION_QUERIES):
            client.get(url.removeprefix("http://testserver"))

    # Each page in every language, but articles in their own only.
    assert len(sitemap_entries(client)) == len(PREFIXES) * (4 + 3 * count) + count


def test_sitemap_index_pages_the_sections_and_lists_every_article_once(client, monkeypatch):
    monkeypatch.setattr("coalition.sitemaps.InEveryLanguage.limit", 5)
    monkeypatch.setattr("coalition.sitemaps.ArticleSitemap.limit", 5)
    articles = [factories.ArticleFactory() for _ in range(7)]
    articles += [
        factories.ArticleFactory(language="ru", translation_of=source) for source in articles[:4]
    ]

    sections = section_urls(client)
    entries = sitemap_entries(client)

    # 11 articles, each in its own language, 5 URLs a page: 3 pages, the first without ?p=.
    assert [url for url in sections if "sitemap-articles" in url] == [
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-articles.xml?p=2",
        "http://testserver/sitemap-articles.xml?p=3",
    ]
    for article in articles:
        assert f"http://testserver{article.get_absolute_url()}" in entries
    for url in sections:
        page = read_xml(client, url.removeprefix("http://testserver"), "urlset")
        assert len(page.findall(f"{SITEMAP}url")) <= 5


def test_a_sitemap_page_past_the_last_is_404(client, published_article):
    assert client.get("/sitemap-articles.xml", {"p": 2}).status_code == 404
    assert client.get("/sitemap-articles.xml", {"p": "x"}).status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_sitemap_pages_stay_within_the_protocols_limit():
    from coalition.sitemaps import sitemaps

    assert all(section.limit <= 50_000 for section in sitemaps.values())


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
        *(f"{prefix}/accounts/" for prefix in PREFIXES),
        *(f"{prefix}/articles/preview/" for prefix in PREFIXES),
    ]:
        assert f"Disallow: {path}" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_sitemap_names_each_pages_other_language_and_english_as_default(client, partner):
    root = read_xml(client, "/sitemap-partners.xml", "urlset")
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
        **{
            code: f"http://testserver{prefix}{path}"
            for (code, _), prefix in zip(settings.LANGUAGES, PREFIXES, strict=True)
        },
        "x-default": f"http://testserver{path}",
    }


def test_robots_txt_refuses_post(client):
    assert client.post("/robots.txt").status_code == 405
