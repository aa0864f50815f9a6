import datetime
import json
import re

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def json_ld(html):
    """The page's one JSON-LD block, parsed."""
    blocks = JSON_LD.findall(html)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_article_page_describes_itself_as_a_news_article(
    client, hero_png, django_capture_on_commit_callbacks
):
    published = datetime.datetime(2025, 6, 1, 9, tzinfo=datetime.UTC)
    # The image variants are made by a task once the save commits.
    with django_capture_on_commit_callbacks(execute=True):
        article = factories.ArticleFactory(
            title="Torture in Kazakhstan",
            slug="torture-in-kazakhstan",
            standfirst="A report on torture.",
            byline="Aida Nurova",
            hero=factories.ImageFactory(file=hero_png, alt="A prison corridor"),
            first_published_at=published,
            last_published_at=published + datetime.timedelta(days=2),
        )
    url = "http://testserver/articles/torture-in-kazakhstan/"

    html = client.get(article.get_absolute_url()).content.decode()

    assert f'<link rel="canonical" href="{url}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Torture in Kazakhstan">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    image = re.search(r'<meta property="og:image" content="([^"]+)">', html)[1]
    assert image.startswith("http://testserver/media/variants/library/images/")
    data = json_ld(html)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Torture in Kazakhstan"
    assert data["datePublished"].startswith("2025-06-01T09:00:00")
    assert data["dateModified"].startswith("2025-06-03T09:00:00")
    assert data["author"] == {"@type": "Person", "name": "Aida Nurova"}
    assert data["image"] == [image]
    assert data["publisher"]["@type"] == "NGO"
    assert data["publisher"]["name"] == "Coalition for Justice"
    assert data["mainEntityOfPage"] == url


def test_article_page_says_what_the_article_is_about(client, published_article):
    topic = factories.TopicFactory()
    published_article.topics.add(topic)

    html = client.get(published_article.get_absolute_url()).content.decode()

    assert json_ld(html)["about"] == [topic.localised_name]


def test_article_without_image_has_a_summary_card(client, published_article):
    html = client.get(published_article.get_absolute_url()).content.decode()

    assert '<meta name="twitter:card" content="summary">' in html
    assert "og:image" not in html
    assert "image" not in json_ld(html)


def test_json_ld_cannot_be_closed_by_the_text_it_carries(client):
    article = factories.ArticleFactory(
        title="</script><script>alert(1)</script> & more", standfirst="1 < 2 > 0"
    )

    html = client.get(article.get_absolute_url()).content.decode()

    assert "<script>alert(1)" not in html
    raw = JSON_LD.search(html)[1]
    assert "<" not in raw
    assert ">" not in raw
    assert "&" not in raw
    assert json_ld(html)["headline"] == "</script><script>alert(1)</script> & more"


def test_case_page_is_a_web_page_about_the_case_covering_the_respondent_states(client):
    case = factories.LitigationCaseFactory(
        title="Abdullaev v. Kazakhstan",
        short_title="Abdullaev",
        respondent_states=[factories.country("KZ"), factories.country("KG")],
    )
    case.topics.add(factories.TopicFactory(name="Torture"))
    factories.ProceedingFactory(case=case, number="no. 12345/19")

    html = client.get(case.get_absolute_url()).content.decode()

    assert f'<link rel="canonical" href="http://testserver{case.get_absolute_url()}">' in html
    assert '<meta property="og:title" content="Abdullaev v. Kazakhstan">' in html
    data = json_ld(html)
    assert data["@type"] == "WebPage"
    assert data["about"][0]["name"] == "Abdullaev v. Kazakhstan"
    assert data["about"][0]["identifier"] == ["no. 12345/19"]
    assert {"@type": "Thing", "name": "Torture"} in data["about"]
    assert data["spatialCoverage"] == [
        {"@type": "Country", "name": "Kazakhstan", "identifier": "KZ"},
        {"@type": "Country", "name": "Kyrgyzstan", "identifier": "KG"},
    ]


def test_partner_page_describes_an_ngo_member_of_the_coalition(client, partner):
    partner.countries.add(factories.country("KZ"))

    html = client.get(partner.get_absolute_url()).content.decode()

    assert '<meta property="og:title" content="Kazakhstan Bureau">' in html
    data = json_ld(html)
    assert data["@type"] == "NGO"
    assert data["name"] == "Kazakhstan Bureau"
    assert data["url"] == "http://testserver/partners/kazakhstan-bureau/"
    assert data["sameAs"] == "https://example.org/"
    assert data["areaServed"] == [{"@type": "Country", "name": "Kazakhstan", "identifier": "KZ"}]
    assert data["memberOf"]["name"] == "Coalition for Justice"


def test_home_page_describes_the_coalition(client):
    html = client.get("/").content.decode()

    assert '<link rel="canonical" href="http://testserver/">' in html
    assert '<meta property="og:url" content="http://testserver/">' in html
    data = json_ld(html)
    assert data["@type"] == "NGO"
    assert data["name"] == "Coalition for Justice"
    assert data["url"] == "http://testserver/"


def test_case_page_offers_a_citation(client, settings):
    settings.SITE_NAME = "Coalition for Justice"
    case = factories.LitigationCaseFactory(
        title="Abdullaev v. Kazakhstan", short_title="Abdullaev"
    )
    ecthr = factories.ForumFactory(name="European Court of Human Rights", slug="ecthr")
    factories.ProceedingFactory(
        case=case,
        forum=ecthr,
        number="no. 12345/19",
        lodged_on=datetime.date(2019, 5, 2),
        decided_on=datetime.date(2022, 3, 3),
    )

    html = client.get(case.get_absolute_url()).content.decode()

    citation = re.search(r'<blockquote class="citation"><p>(.*?)</p></blockquote>', html)[1]
    today = timezone.localdate()
    assert citation == (
        "Abdullaev v. Kazakhstan (Abdullaev), European Court of Human Rights, no. 12345/19, "
        "lodged 2 May 2019, decided 3 March 2022. Coalition for Justice, "
        f"http://testserver{case.get_absolute_url()} "
        f"(accessed {today.day} {today:%B %Y})."
    )
    assert 'href="/cases/export.csv"' in html
    assert 'href="/cases/export.json"' in html


def test_preview_marked_pages_carry_no_structured_data(rf, published_article):
    request = rf.get(published_article.get_absolute_url())
    html = render_to_string(
        "articles/article_detail.html",
        {"article": published_article, "is_preview": True, "request": request},
    )

    assert "application/ld+json" not in html
    assert "og:title" not in html
