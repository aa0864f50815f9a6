import datetime

import pytest
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone

from articles import views
from articles.forms import SignatureForm
from articles.models import Signature
from tests import factories
from tests.conftest import FROM_OUR_PAGE

pytestmark = pytest.mark.django_db

LIST_URL = "/articles/"
LIST_QUERIES = 8
# Each chosen topic, country, partner or case is looked up once to validate it.
FILTERED_LIST_QUERIES = LIST_QUERIES + 4
DETAIL_QUERIES = 9


def published_in(year):
    return datetime.datetime(year, 6, 1, 12, tzinfo=datetime.UTC)


def sign_url(article):
    return reverse("articles:sign", kwargs={"slug": article.slug})


def signature_data(**overrides):
    return {
        "name": "Dana Reader",
        "email": "dana@example.org",
        "country": str(factories.country("KZ").pk),
        "message": "Every complaint deserves an investigation.",
        "consent": "on",
        **overrides,
    }


def test_urls_resolve_to_the_article_pages(published_article):
    assert reverse("articles:list") == LIST_URL
    assert resolve(LIST_URL).func.view_class is views.ArticleListView
    detail = reverse("articles:detail", kwargs={"slug": published_article.slug})
    assert detail == published_article.get_absolute_url()
    assert resolve(detail).func.view_class is views.ArticleDetailView
    assert sign_url(published_article) == "/articles/torture-in-kazakhstan/voice/"
    assert resolve(sign_url(published_article)).func.view_class is views.AddYourVoiceView


# The list


def test_list_shows_article_teasers(client, torture):
    article = factories.ArticleFactory(
        title="Torture in Kazakhstan: Eradicated by 2013?",
        slug="torture-in-kazakhstan",
        kind="press_release",
        standfirst="A UN report says otherwise.",
        byline="Aigerim Sadykova",
        publish_at=datetime.datetime(2024, 3, 5, 9, 30, tzinfo=datetime.UTC),
    )
    article.topics.add(torture)

    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert response.templates[0].name == "articles/article_list.html"
    html = response.content.decode()
    assert "<h1>Articles</h1>" in html
    assert (
        '<a href="/articles/torture-in-kazakhstan/">Torture in Kazakhstan: Eradicated by 2013?</a>'
        in html
    )
    assert "Press release" in html
    assert '<time datetime="2024-03-05T09:30:00+00:00">5 March 2024</time>' in html
    assert "A UN report says otherwise." in html
    assert "by Aigerim Sadykova" in html
    assert '<a href="/articles/?topic=torture">Torture</a>' in html
    assert "1 article" in html


def test_list_names_the_author_when_there_is_no_byline(client):
    author = factories.UserFactory(first_name="Nurlan", last_name="Omarov")
    factories.ArticleFactory(byline="", author=author)

    assert b"by Nurlan Omarov" in client.get(LIST_URL).content


def test_list_shows_newest_first(client):
    older = factories.ArticleFactory(publish_at=published_in(2022))
    newest = factories.ArticleFactory(publish_at=published_in(2024))
    middle = factories.ArticleFactory(publish_at=published_in(2023))

    response = client.get(LIST_URL)

    assert list(response.context["articles"]) == [newest, middle, older]


def test_list_never_shows_hidden_articles(client, published_article, hidden_article):
    response = client.get(LIST_URL)

    assert list(response.context["articles"]) == [published_article]
    assert hidden_article.title.encode() not in response.content
    assert b"1 article" in response.content


def test_list_with_nothing_published_says_so(client, hidden_articles):
    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert b"0 articles" in response.content
    assert b"No article matches these filters." in response.content


def test_list_shows_twelve_articles_a_page(client):
    articles = [
        factories.ArticleFactory(publish_at=timezone.now() - datetime.timedelta(hours=hours))
        for hours in range(1, 15)
    ]

    first = client.get(LIST_URL)
    second = client.get(LIST_URL, {"page": "2"})

    assert list(first.context["articles"]) == articles[:12]
    assert list(second.context["articles"]) == articles[12:]
    assert b'rel="next" href="?page=2"' in first.content
    assert b"Page 2 of 2" in second.content


@pytest.mark.parametrize("page", ["abc", "0", "99999", "-1"])
def test_list_bad_page_is_404(client, published_article, page):
    assert client.get(LIST_URL, {"page": page}).status_code == 404


def test_list_shows_the_filter_form(client, published_article):
    html = client.get(LIST_URL).content.decode()

    assert '<form class="filters" method="get" action="/articles/"' in html
    for name in ("topic", "country", "partner", "case", "kind", "year"):
        assert f'<label for="id_{name}">' in html
        assert f'<select name="{name}" id="id_{name}">' in html
    assert '<button type="submit">Show articles</button>' in html
    assert "Clear filters" not in html


def test_list_filters_by_topic(client, torture, fair_trial):
    on_torture = factories.ArticleFactory()
    on_torture.topics.add(torture, fair_trial)
    factories.ArticleFactory().topics.add(fair_trial)
    factories.ArticleFactory()

    response = client.get(LIST_URL, {"topic": "torture"})

    assert response.status_code == 200
    assert list(response.context["articles"]) == [on_torture]


def test_list_filters_by_country(client):
    on_kazakhstan = factories.ArticleFactory()
    on_kazakhstan.countries.add(factories.country("KZ"))
    factories.ArticleFactory().countries.add(factories.country("KG"))

    response = client.get(LIST_URL, {"country": "kazakhstan"})

    assert list(response.context["articles"]) == [on_kazakhstan]


def test_list_filters_by_partner(client, partner, other_partner):
    with_partner = factories.ArticleFactory()
    with_partner.partners.add(partner)
    factories.ArticleFactory().partners.add(other_partner)

    response = client.get(LIST_URL, {"partner": partner.slug})

    assert list(response.context["articles"]) == [with_partner]


def test_list_filters_by_case(client, public_case):
    about_case = factories.ArticleFactory()
    about_case.cases.add(public_case)
    factories.ArticleFactory().cases.add(factories.LitigationCaseFactory())

    response = client.get(LIST_URL, {"case": str(public_case.pk)})

    assert list(response.context["articles"]) == [about_case]


def test_list_filters_by_kind(client):
    report = factories.ArticleFactory(kind="report")
    factories.ArticleFactory(kind="news")

    response = client.get(LIST_URL, {"kind": "report"})

    assert list(response.context["articles"]) == [report]


def test_list_filters_by_year_of_first_publication(client):
    from_2023 = factories.ArticleFactory(publish_at=published_in(2023))
    factories.ArticleFactory(publish_at=published_in(2024))
    factories.ArticleFactory(publish_at=published_in(2022))

    response = client.get(LIST_URL, {"year": "2023"})

    assert list(response.context["articles"]) == [from_2023]


def test_list_combines_filters(client, torture):
    wanted = factories.ArticleFactory(kind="report")
    wanted.topics.add(torture)
    factories.ArticleFactory(kind="news").topics.add(torture)
    factories.ArticleFactory(kind="report")

    response = client.get(LIST_URL, {"topic": "torture", "kind": "report"})

    assert list(response.context["articles"]) == [wanted]


def test_filtered_list_never_shows_hidden_articles(client, torture, hidden_article):
    visible = factories.ArticleFactory()
    visible.topics.add(torture)
    hidden_article.topics.add(torture)

    response = client.get(LIST_URL, {"topic": "torture"})

    assert list(response.context["articles"]) == [visible]


def test_list_ignores_empty_filters(client, published_article):
    query = dict.fromkeys(["topic", "country", "partner", "case", "kind", "year"], "")

    response = client.get(LIST_URL, query)

    assert response.status_code == 200
    assert list(response.context["articles"]) == [published_article]
    assert b"<h1>Articles</h1>" in response.content


def test_list_says_what_it_is_filtered_by(client, torture):
    article = factories.ArticleFactory(kind="commentary", publish_at=published_in(2024))
    article.topics.add(torture)
    article.countries.add(factories.country("KZ"))

    response = client.get(
        LIST_URL, {"topic": "torture", "country": "kazakhstan", "kind": "commentary", "year": 2024}
    )

    html = response.content.decode()
    assert "<h1>Articles: Torture, Kazakhstan, Commentary, 2024</h1>" in html
    assert "<title>Articles: Torture, Kazakhstan, Commentary, 2024 – " in html
    for chosen in ("Topic: Torture", "Country: Kazakhstan", "Kind: Commentary", "Year: 2024"):
        assert f'<li class="tag">{chosen}</li>' in html
    assert '<option value="torture" selected>Torture</option>' in html
    assert '<a href="/articles/">Clear filters</a>' in html


@pytest.mark.parametrize(
    "query",
    [
        {"topic": "nonexistent"},
        {"country": "atlantis"},
        {"partner": "nobody"},
        {"case": "abc"},
        {"case": "99999"},
        {"kind": "bogus"},
        {"year": "x"},
        {"year": "1999"},
    ],
)
def test_list_unknown_filter_is_404(client, published_article, query):
    assert client.get(LIST_URL, query).status_code == 404


def test_list_cannot_be_filtered_by_what_the_public_may_not_see(
    client, published_article, private_case, fair_trial
):
    inactive = factories.PartnerFactory(slug="dissolved", is_active=False)
    published_article.partners.add(inactive)
    published_article.cases.add(private_case)
    factories.ArticleFactory(status="draft", publish_at=None).topics.add(fair_trial)

    assert client.get(LIST_URL, {"partner": "dissolved"}).status_code == 404
    assert client.get(LIST_URL, {"case": str(private_case.pk)}).status_code == 404
    assert client.get(LIST_URL, {"topic": "fair-trial"}).status_code == 404


@pytest.mark.parametrize("number_of_articles", [3, 30])
def test_list_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, number_of_articles
):
    topics = factories.TopicFactory.create_batch(3)
    for _ in range(number_of_articles):
        article = factories.ArticleFactory()
        article.topics.set(topics)
        article.countries.add(factories.country("KZ"))

    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(LIST_URL)

    assert len(response.context["articles"]) == min(number_of_articles, 12)


@pytest.mark.parametrize("number_of_articles", [3, 30])
def test_filtered_list_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, number_of_articles, torture, partner, public_case
):
    for _ in range(number_of_articles):
        article = factories.ArticleFactory(kind="commentary", publish_at=published_in(2024))
        article.topics.add(torture)
        article.countries.add(factories.country("KZ"))
        article.partners.add(partner)
        article.cases.add(public_case)
    query = {
        "topic": "torture",
        "country": "kazakhstan",
        "partner": partner.slug,
        "case": public_case.pk,
        "kind": "commentary",
        "year": 2024,
    }

    with django_assert_max_num_queries(FILTERED_LIST_QUERIES):
        response = client.get(LIST_URL, query)

    assert len(response.context["articles"]) == min(number_of_articles, 12)


# The article page


def test_detail_shows_the_article(client):
    article = factories.ArticleFactory(
        title="Torture in Kazakhstan: Eradicated by 2013?",
        slug="torture-in-kazakhstan",
        kind="commentary",
        standfirst="A UN report says otherwise.",
        byline="Aigerim Sadykova",
        body="> Torture remains *widespread*.",
        publish_at=datetime.datetime(2024, 3, 5, 9, 30, tzinfo=datetime.UTC),
    )

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert response.templates[0].name == "articles/article_detail.html"
    html = response.content.decode()
    assert "<h1>Torture in Kazakhstan: Eradicated by 2013?</h1>" in html
    assert "Commentary" in html
    assert "By Aigerim Sadykova" in html
    assert '<time datetime="2024-03-05T09:30:00+00:00">5 March 2024</time>' in html
    assert '<p class="standfirst">A UN report says otherwise.</p>' in html
    assert "<blockquote>\n<p>Torture remains <em>widespread</em>.</p>\n</blockquote>" in html


def test_detail_body_is_the_sanitised_html(client):
    article = factories.ArticleFactory(body='Hello <script>alert("x")</script> **world**')

    html = client.get(article.get_absolute_url()).content.decode()

    assert "<strong>world</strong>" in html
    # The page's only script is its JSON-LD structured data.
    assert html.count("<script") == 1
    assert "alert(" not in html


def test_detail_unknown_slug_is_404(client, published_article):
    assert client.get("/articles/no-such-article/").status_code == 404


def test_detail_of_hidden_article_is_not_found_or_gone(client, hidden_article):
    # Only an article the public could read before answers 410; the rest were never public.
    expected = 410 if hidden_article.slug == "hidden-expired" else 404
    response = client.get(hidden_article.get_absolute_url())
    assert response.status_code == expected
    assert hidden_article.title.encode() not in response.content


def test_unpublished_article_answers_410_without_its_title(client, editor, published_article):
    from articles import workflow

    workflow.unpublish(published_article, editor)
    response = client.get(published_article.get_absolute_url())
    assert response.status_code == 410
    assert b"This article has been withdrawn" in response.content
    assert published_article.title.encode() not in response.content


def test_article_published_again_answers_200(client, editor, published_article):
    from articles import workflow

    workflow.unpublish(published_article, editor)
    workflow.publish(published_article, editor)
    assert client.get(published_article.get_absolute_url()).status_code == 200


def test_scheduled_article_is_404_not_410_before_its_time(client):
    future = timezone.now() + datetime.timedelta(days=3)
    article = factories.ArticleFactory(slug="coming-soon", publish_at=future)
    assert article.first_published_at == future
    assert client.get(article.get_absolute_url()).status_code == 404


def test_detail_shows_the_hero_image_in_a_figure(
    client, hero_png, django_capture_on_commit_callbacks
):
    # The variants are made by a task once the upload commits.
    with django_capture_on_commit_callbacks(execute=True):
        image = factories.ImageFactory(
            file=hero_png, alt="A prison corridor", credit="Aida Nurova"
        )
        article = factories.ArticleFactory(hero=image)

    html = client.get(article.get_absolute_url()).content.decode()

    assert '<figure class="hero">' in html
    # Resized copies of the original (tests/images), the size of the original.
    assert 'type="image/webp"' in html
    assert 'width="64" height="48" alt="A prison corridor" loading="eager"' in html
    assert "<figcaption>Image: Aida Nurova</figcaption>" in html


def test_detail_without_hero_image_has_no_figure(client, published_article):
    html = client.get(published_article.get_absolute_url()).content.decode()

    assert "<figure" not in html
    assert "<img" not in html


def test_detail_describes_itself_for_search_engines(client):
    article = factories.ArticleFactory(
        slug="seo", standfirst="The standfirst.", seo_description="What search engines show."
    )

    html = client.get(article.get_absolute_url()).content.decode()

    assert '<meta name="description" content="What search engines show.">' in html
    assert '<link rel="canonical" href="http://testserver/articles/seo/">' in html


def test_detail_describes_itself_with_the_standfirst_by_default(client):
    article = factories.ArticleFactory(standfirst="The standfirst & more.", seo_description="")

    html = client.get(article.get_absolute_url()).content.decode()

    assert '<meta name="description" content="The standfirst &amp; more.">' in html


def test_detail_links_topics_and_countries_to_the_filtered_list(
    client, published_article, torture
):
    published_article.topics.add(torture)
    published_article.countries.add(factories.country("KZ"))

    html = client.get(published_article.get_absolute_url()).content.decode()

    assert '<a href="/articles/?topic=torture">Torture</a>' in html
    assert '<a href="/articles/?country=kazakhstan">Kazakhstan</a>' in html


def test_detail_links_only_published_partners(client, published_article, partner):
    inactive = factories.PartnerFactory(name="Dissolved Committee", is_active=False)
    published_article.partners.add(partner, inactive)

    html = client.get(published_article.get_absolute_url()).content.decode()

    assert f'<a href="{partner.get_absolute_url()}">Kazakhstan Bureau</a>' in html
    assert "Dissolved Committee" not in html


def test_detail_links_only_public_cases(client, published_article, public_case, private_case):
    published_article.cases.add(public_case, private_case)

    html = client.get(published_article.get_absolute_url()).content.decode()

    assert f'<a href="{public_case.get_absolute_url()}">Abdullaev v. Kazakhstan</a>' in html
    assert "Secret v. Kazakhstan" not in html
    assert private_case.get_absolute_url() not in html


def test_detail_lists_the_articles_relations_published_only(
    client, published_article, torture, partner, public_case, private_case
):
    kazakhstan = factories.country("KZ")
    link = factories.ArticleLinkFactory(article=published_article)
    published_article.topics.add(torture)
    published_article.countries.add(kazakhstan)
    published_article.partners.add(partner, factories.PartnerFactory(is_active=False))
    published_article.cases.add(public_case, private_case)

    response = client.get(published_article.get_absolute_url())

    assert response.context["topics"] == [torture]
    assert response.context["countries"] == [kazakhstan]
    assert response.context["links"] == [link]
    assert response.context["partners"] == [partner]
    assert response.context["cases"] == [public_case]


def test_detail_without_partners_or_cases_leaves_out_those_blocks(client, private_case):
    article = factories.ArticleFactory()
    article.cases.add(private_case)
    article.partners.add(factories.PartnerFactory(is_active=False))

    html = client.get(article.get_absolute_url()).content.decode()

    assert 'id="article-partners"' not in html
    assert 'id="article-cases"' not in html


def test_detail_shows_learn_more_links_in_order(client, published_article):
    factories.ArticleLinkFactory(
        article=published_article, label="Second", url="https://example.org/2", order=2
    )
    factories.ArticleLinkFactory(
        article=published_article, label="First", url="https://example.org/1", order=1
    )

    html = client.get(published_article.get_absolute_url()).content.decode()

    first = html.index('<a href="https://example.org/1">First</a>')
    assert first < html.index('<a href="https://example.org/2">Second</a>')
    assert '<h2 id="learn-more">Learn more</h2>' in html


def test_detail_shows_related_published_articles_sharing_a_topic(
    client, published_article, torture, fair_trial, hidden_article
):
    published_article.topics.add(torture, fair_trial)
    sharing = factories.ArticleFactory(title="Same topic")
    sharing.topics.add(fair_trial)
    factories.ArticleFactory(title="Another topic").topics.add(factories.TopicFactory())
    hidden_article.topics.add(torture)

    response = client.get(published_article.get_absolute_url())

    assert list(response.context["related_articles"]) == [sharing]
    html = response.content.decode()
    assert f'<a href="{sharing.get_absolute_url()}">Same topic</a>' in html
    assert hidden_article.title not in html
    assert "Another topic" not in html


def test_detail_shows_at_most_three_related_articles_newest_first(client, torture):
    article = factories.ArticleFactory()
    article.topics.add(torture)
    related = [
        factories.ArticleFactory(publish_at=timezone.now() - datetime.timedelta(days=days))
        for days in range(2, 7)
    ]
    for each in related:
        each.topics.add(torture)

    response = client.get(article.get_absolute_url())

    assert list(response.context["related_articles"]) == related[:3]


def test_detail_without_topics_has_no_related_articles(client, published_article):
    factories.ArticleFactory()

    response = client.get(published_article.get_absolute_url())

    assert list(response.context["related_articles"]) == []
    assert b'id="related-articles"' not in response.content


@pytest.mark.parametrize("number_of_items", [3, 30])
def test_detail_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, campaign, number_of_items
):
    topics = factories.TopicFactory.create_batch(number_of_items)
    campaign.topics.set(topics)
    campaign.countries.add(factories.country("KZ"), factories.country("KG"))
    campaign.partners.set(factories.PartnerFactory.create_batch(number_of_items))
    campaign.cases.set(factories.LitigationCaseFactory.create_batch(number_of_items))
    factories.ArticleLinkFactory.create_batch(number_of_items, article=campaign)
    factories.SignatureFactory.create_batch(number_of_items, article=campaign)
    for _ in range(number_of_items):
        factories.ArticleFactory().topics.set(topics)

    with django_assert_max_num_queries(DETAIL_QUERIES):
        response = client.get(campaign.get_absolute_url())

    for name in ("topics", "links", "partners", "cases"):
        assert len(response.context[name]) == number_of_items
    assert len(response.context["related_articles"]) == 3
    assert response.context["voice_count"] == number_of_items


# "Add your voice"


def test_detail_invites_readers_to_add_their_voice(client, campaign):
    factories.SignatureFactory.create_batch(2, article=campaign)
    factories.SignatureFactory(article=campaign, confirmed_at=None)

    response = client.get(campaign.get_absolute_url())

    html = response.content.decode()
    assert '<section class="voice" id="add-your-voice"' in html
    assert "Call on Kazakhstan to investigate every complaint of torture." in html
    assert "2 people have added their voice." in html
    assert f'action="{sign_url(campaign)}#add-your-voice"' in html
    assert isinstance(response.context["signature_form"], SignatureForm)
    for name in ("name", "email", "country", "message", "consent"):
        assert f'<label for="id_{name}">' in html
    assert 'aria-describedby="id_consent_helptext"' in html
    assert '<button type="submit">Add your voice</button>' in html


def test_detail_counts_one_voice_in_the_singular(client, campaign):
    factories.SignatureFactory(article=campaign)

    assert b"1 person has added their voice." in client.get(campaign.get_absolute_url()).content


def test_detail_without_call_to_action_has_no_form(client, published_article):
    response = client.get(published_article.get_absolute_url())

    assert "signature_form" not in response.context
    assert b"add-your-voice" not in response.content
    # The header's language switcher is made of links: no form posts from the page.
    assert b'method="post"' not in response.content
    assert b"/voice/" not in response.content


def test_signing_stores_an_unconfirmed_signature_and_asks_to_check_email(client, campaign):
    response = client.post(
        sign_url(campaign), signature_data(email="Dana@Example.org"), **FROM_OUR_PAGE
    )

    assert response.status_code == 303
    assert response["Location"] == "/articles/torture-in-kazakhstan/voice/sent/"
    signature = Signature.objects.get()
    assert signature.article == campaign
    assert signature.email == "dana@example.org"
    assert signature.country == factories.country("KZ")
    assert signature.confirmed_at is None

    page = client.get(response["Location"])
    assert b"Check your email" in page.content
    article_page = client.get(campaign.get_absolute_url())
    assert b"0 people have added their voice." in article_page.content


def test_signing_twice_with_the_same_email_stores_one_voice_and_answers_as_the_first(
    client, campaign
):
    factories.SignatureFactory(article=campaign, email="dana@example.org")

    response = client.post(
        sign_url(campaign), signature_data(email="DANA@example.org"), **FROM_OUR_PAGE
    )

    assert response.status_code == 303
    assert response["Location"] == reverse("articles:signature-sent", args=[campaign.slug])
    assert Signature.objects.count() == 1


def test_signing_the_same_email_at_the_same_moment_stores_one_voice(client, campaign, monkeypatch):
    """The database's constraint catches what validation could not see yet."""
    factories.SignatureFactory(article=campaign, email="dana@example.org")
    monkeypatch.setattr(SignatureForm, "clean_email", lambda form: form.cleaned_data["email"])

    response = client.post(sign_url(campaign), signature_data(), **FROM_OUR_PAGE)

    assert response.status_code == 303
    assert Signature.objects.count() == 1


def test_signing_with_mistakes_shows_them_next_to_the_fields(client, campaign):
    data = signature_data(email="not-an-address", consent="", message="Stop torture.")

    response = client.post(sign_url(campaign), data, **FROM_OUR_PAGE)

    assert response.status_code == 400
    assert not Signature.objects.exists()
    form = response.context["signature_form"]
    assert set(form.errors) == {"email", "consent"}
    html = response.content.decode()
    assert '<ul class="errorlist" id="id_email_error"><li>Enter a valid email address.' in html
    assert 'id="id_consent_error"><li>Your voice can only be counted with your agreement.' in html
    assert 'value="Dana Reader"' in html
    assert 'value="not-an-address"' in html
    assert ">\nStop torture.</textarea>" in html
    assert "<h1>Torture in Kazakhstan: Eradicated by 2013?</h1>" in html


def test_signing_a_hidden_article_is_404(client, hidden_article):
    hidden_article.cta_enabled = True
    hidden_article.cta_prompt = "Stop torture."
    hidden_article.save()

    assert client.post(sign_url(hidden_article), signature_data()).status_code == 404
    assert client.get(sign_url(hidden_article)).status_code == 404
    assert not Signature.objects.exists()


def test_signing_an_article_without_call_to_action_is_404(client, published_article):
    assert client.post(sign_url(published_article), signature_data()).status_code == 404
    assert client.get(sign_url(published_article)).status_code == 404
    assert not Signature.objects.exists()


def test_signing_from_another_site_is_refused(campaign):
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        sign_url(campaign), signature_data(), HTTP_ORIGIN="https://elsewhere.example"
    )

    assert response.status_code == 403
    assert not Signature.objects.exists()


def test_opening_the_signing_address_leads_to_the_form(client, campaign):
    response = client.get(sign_url(campaign))

    assert response.status_code == 302
    assert response["Location"] == "/articles/torture-in-kazakhstan/#add-your-voice"
    assert not Signature.objects.exists()
