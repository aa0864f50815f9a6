import datetime
import email.utils
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
FEED_QUERIES = 4
CASE_FEED_QUERIES = 3


def rss_items(response):
    """Parse an RSS 2.0 feed, check what the specification requires, return its items."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    channel = root.find("channel")
    for required in ("title", "link", "description"):
        assert channel.findtext(required)
    items = channel.findall("item")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    assert len(parsed.entries) == len(items)
    for item in items:
        assert item.findtext("title")
        assert item.findtext("link").startswith("http://testserver/")
        assert item.findtext("guid")
        assert email.utils.parsedate_to_datetime(item.findtext("pubDate")).tzinfo
    return items


def atom_entries(response):
    """Parse an Atom feed, check what RFC 4287 requires, return its entries."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.findtext(f"{ATOM}{required}")
    feed_has_author = root.find(f"{ATOM}author/{ATOM}name") is not None
    entries = root.findall(f"{ATOM}entry")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert len(parsed.entries) == len(entries)
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert entry.findtext(f"{ATOM}{required}")
        datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
        assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/")
        assert feed_has_author or entry.find(f"{ATOM}author") is not None
    return entries


def titles(elements, namespace=""):
    return [element.findtext(f"{namespace}title") for element in elements]


def test_site_feed_lists_published_articles_newest_first(client, hidden_articles):
    older = factories.ArticleFactory(
        title="Older", first_published_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    )
    newer = factories.ArticleFactory(
        title="Newer", first_published_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    )

    items = rss_items(client.get("/feeds/articles/rss/"))

    assert titles(items) == ["Newer", "Older"]
    assert items[0].findtext("link") == f"http://testserver{newer.get_absolute_url()}"
    assert items[0].findtext("description") == newer.standfirst
    assert older.title in titles(atom_entries(client.get("/feeds/articles/atom/")), ATOM)


def test_site_feed_names_the_author_and_topics(client, published_article):
    topic = factories.TopicFactory(name="Torture", slug="torture")
    published_article.topics.add(topic)
    published_article.byline = "Aida Nurova"
    published_article.save()

    entry = atom_entries(client.get("/feeds/articles/atom/"))[0]

    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Aida Nurova"
    assert entry.find(f"{ATOM}category").get("term") == "Torture"


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_topic_feed_has_only_the_topics_published_articles(client, kind, hidden_articles):
    torture = factories.TopicFactory(name="Torture", slug="torture")
    on_topic = factories.ArticleFactory(title="On torture")
    on_topic.topics.add(torture)
    factories.ArticleFactory(title="Off topic")
    for hidden in hidden_articles:
        hidden.topics.add(torture)

    response = client.get(f"/feeds/topics/torture/{kind}/")

    elements = rss_items(response) if kind == "rss" else atom_entries(response)
    assert titles(elements, "" if kind == "rss" else ATOM) == ["On torture"]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_country_feed_has_only_the_countrys_published_articles(client, kind, draft_article):
    kyrgyzstan = factories.country("KG")
    about = factories.ArticleFactory(title="About Kyrgyzstan")
    about.countries.add(kyrgyzstan)
    draft_article.countries.add(kyrgyzstan)
    factories.ArticleFactory(title="Elsewhere")

    response = client.get(f"/feeds/countries/{kyrgyzstan.slug}/{kind}/")

    elements = rss_items(response) if kind == "rss" else atom_entries(response)
    assert titles(elements, "" if kind == "rss" else ATOM) == ["About Kyrgyzstan"]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_partner_feed_has_only_the_partners_published_articles(
    client, kind, partner, draft_article
):
    about = factories.ArticleFactory(title="About the bureau")
    about.partners.add(partner)
    draft_article.partners.add(partner)
    factories.ArticleFactory(title="About someone else")

    response = client.get(f"/feeds/partners/{partner.slug}/{kind}/")

    elements = rss_items(response) if kind == "rss" else atom_entries(response)
    assert titles(elements, "" if kind == "rss" else ATOM) == ["About the bureau"]


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/topics/no-such-topic/rss/",
        "/feeds/countries/atlantis/atom/",
        "/feeds/partners/no-such-partner/rss/",
        "/feeds/cases/999999/rss/",
        "/feeds/cases/999999/atom/",
    ],
)
def test_feed_of_unknown_object_is_404(client, url):
    assert client.get(url).status_code == 404


def test_feed_of_inactive_partner_is_404(client):
    inactive = factories.PartnerFactory(is_active=False)
    assert client.get(f"/feeds/partners/{inactive.slug}/atom/").status_code == 404


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feed_of_private_case_is_404(client, kind, private_case):
    assert client.get(f"/feeds/cases/{private_case.pk}/{kind}/").status_code == 404


def test_case_feed_follows_public_events_and_published_articles(
    client, public_case, hidden_articles
):
    factories.CaseEventFactory(
        case=public_case, title="Application lodged", date=datetime.date(2020, 1, 15)
    )
    factories.CaseEventFactory(
        case=public_case,
        title="Confidential meeting",
        date=datetime.date(2021, 1, 1),
        is_public=False,
    )
    factories.CaseEventFactory(title="Another case's event")
    article = factories.ArticleFactory(
        title="The judgment explained",
        first_published_at=datetime.datetime(2022, 3, 1, tzinfo=datetime.UTC),
    )
    article.cases.add(public_case)
    for hidden in hidden_articles:
        hidden.cases.add(public_case)

    items = rss_items(client.get(f"/feeds/cases/{public_case.pk}/rss/"))

    assert titles(items) == ["The judgment explained", "Filing: Application lodged"]
    assert (
        items[1]
        .findtext("link")
        .startswith(f"http://testserver{public_case.get_absolute_url()}#event-")
    )
    entries = atom_entries(client.get(f"/feeds/cases/{public_case.pk}/atom/"))
    assert titles(entries, ATOM) == ["The judgment explained", "Filing: Application lodged"]


@pytest.mark.parametrize("count", [3, 30])
def test_article_feeds_run_a_fixed_number_of_queries(client, django_assert_max_num_queries, count):
    topic = factories.TopicFactory(slug="torture")
    for _ in range(count):
        article = factories.ArticleFactory()
        article.topics.add(topic, factories.TopicFactory())

    for url in ["/feeds/articles/rss/", "/feeds/topics/torture/atom/"]:
        with django_assert_max_num_queries(FEED_QUERIES):
            assert (
                len(rss_items(client.get(url)) if "rss" in url else atom_entries(client.get(url)))
                == count
            )


@pytest.mark.parametrize("count", [3, 30])
def test_case_feed_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, public_case, count
):
    for number in range(count):
        factories.CaseEventFactory(case=public_case, date=datetime.date(2020, 1, 1 + number % 28))
        factories.ArticleFactory().cases.add(public_case)

    with django_assert_max_num_queries(CASE_FEED_QUERIES):
        items = rss_items(client.get(reverse("feeds:case-rss", args=[public_case.pk])))

    assert len(items) == min(2 * count, 30)


def test_pages_link_their_feeds(client, public_case, partner):
    home = client.get("/").content.decode()
    case_page = client.get(public_case.get_absolute_url()).content.decode()
    partner_page = client.get(partner.get_absolute_url()).content.decode()

    assert 'type="application/rss+xml"' in home
    assert 'href="/feeds/articles/rss/"' in home
    assert f'href="/feeds/cases/{public_case.pk}/rss/"' in case_page
    assert f'href="/feeds/cases/{public_case.pk}/atom/"' in case_page
    assert "Follow this case" in case_page
    assert f'href="/feeds/partners/{partner.slug}/atom/"' in partner_page


def test_topic_filtered_article_list_offers_the_topic_feed(client, db):
    from tests import factories

    topic = factories.TopicFactory(name="Fair trial", slug="fair-trial")
    factories.ArticleFactory().topics.add(topic)
    response = client.get("/articles/", {"topic": "fair-trial"})
    assert response.status_code == 200
    assert b'href="/feeds/topics/fair-trial/rss/"' in response.content
    assert b'type="application/atom+xml"' in response.content


def test_unfiltered_article_list_offers_no_follow_link(client, db):
    response = client.get("/articles/")
    assert b"/feeds/topics/" not in response.content
