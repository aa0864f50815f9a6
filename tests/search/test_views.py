import pytest
from django.db import connection
from django.urls import resolve, reverse

from coalition import views
from coalition.search import MAX_QUERY_LENGTH
from tests import factories

from .test_search import ODD_QUERIES

pytestmark = pytest.mark.django_db

URL = "/search/"
# The counts (one query on SQLite, one per kind on PostgreSQL), one page of hits, the objects
# of each kind and their countries, the filter choices, and on PostgreSQL the snippets.
RESULTS_QUERIES = {"sqlite": 9, "postgresql": 12}


def test_search_url_resolves_to_the_search_view():
    assert reverse("search") == URL
    assert resolve(URL).func.view_class is views.SearchView


def test_every_page_has_a_search_form_in_the_header(client):
    response = client.get("/")

    html = response.content.decode()
    assert f'action="{URL}" role="search"' in html
    assert '<label for="site-search-q" class="visually-hidden">Search the site</label>' in html
    assert '<input type="search" id="site-search-q" name="q"' in html


def test_an_empty_search_explains_what_to_do(client):
    factories.ArticleFactory(title="Torture report")

    response = client.get(URL)

    assert response.status_code == 200
    assert b"Type a few words" in response.content
    assert b"Torture report" not in response.content
    assert response.context["results"] == []


def test_search_pages_are_not_indexed_by_search_engines(client):
    response = client.get(URL, {"q": "torture"})

    assert b'<meta name="robots" content="noindex, follow">' in response.content


def test_results_show_titles_links_and_marked_snippets(client):
    article = factories.ArticleFactory(
        title="Torture report", standfirst="What the torture survivors told us."
    )

    response = client.get(URL, {"q": "survivors"})

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<a href="{article.get_absolute_url()}">Torture report</a>' in html
    assert "<mark>survivors</mark>" in html
    assert "1 result for “survivors”" in html


def test_each_kind_of_result_shows_what_it_is(client):
    factories.ArticleFactory(title="Torture report", kind="press_release")
    factories.LitigationCaseFactory(title="Torture case", status="communicated")
    partner = factories.PartnerFactory(name="Torture watch")
    partner.countries.add(factories.country("KG"))

    response = client.get(URL, {"q": "torture"})

    html = response.content.decode()
    assert '<span class="badge">Article</span>' in html
    assert "Press release" in html
    assert '<span class="badge">Litigation case</span>' in html
    assert "Communicated · Respondent states: Kazakhstan" in html
    assert '<span class="badge">Partner organisation</span>' in html
    assert "Works in: Kyrgyzstan" in html


def test_results_are_counted_per_kind_with_links_to_each(client):
    factories.ArticleFactory.create_batch(2, title="Torture report")
    factories.LitigationCaseFactory(title="Torture case")

    response = client.get(URL, {"q": "torture"})

    html = response.content.decode()
    assert '<a href="?q=torture" aria-current="true">Everything (3)</a>' in html
    assert '<a href="?q=torture&amp;kind=article">Articles (2)</a>' in html
    assert '<a href="?q=torture&amp;kind=case">Cases (1)</a>' in html
    assert '<a href="?q=torture&amp;kind=partner">Partners (0)</a>' in html


def test_kind_filter_narrows_the_results_and_keeps_the_other_counts(client):
    article = factories.ArticleFactory(title="Torture report")
    factories.LitigationCaseFactory(title="Torture case")

    response = client.get(URL, {"q": "torture", "kind": "article"})

    assert [result.object for result in response.context["results"]] == [article]
    assert b"Torture case" not in response.content
    assert b'aria-current="true">Articles (1)</a>' in response.content
    assert b"Cases (1)" in response.content


def test_topic_and_country_filters_narrow_the_results(client):
    topic = factories.TopicFactory(name="Fair trial", slug="fair-trial")
    kept = factories.ArticleFactory(title="Torture and fair trial")
    kept.topics.add(topic)
    kept.countries.add(factories.country("KG"))
    other_topic = factories.ArticleFactory(title="Torture elsewhere")
    other_topic.countries.add(factories.country("KG"))
    other_country = factories.ArticleFactory(title="Torture in Kazakhstan")
    other_country.topics.add(topic)
    other_country.countries.add(factories.country("KZ"))

    response = client.get(URL, {"q": "torture", "topic": "fair-trial", "country": "kyrgyzstan"})

    assert [result.object for result in response.context["results"]] == [kept]


def test_filters_offer_only_topics_and_countries_of_published_content(client):
    used = factories.TopicFactory(name="Fair trial", slug="fair-trial")
    factories.ArticleFactory().topics.add(used)
    hidden = factories.TopicFactory(name="Secret topic", slug="secret-topic")
    draft = factories.ArticleFactory(status="draft", publish_at=None)
    draft.topics.add(hidden)
    draft.countries.add(factories.country("UZ"))

    response = client.get(URL)

    html = response.content.decode()
    assert '<option value="fair-trial">Fair trial</option>' in html
    assert "Secret topic" not in html
    assert "Uzbekistan" not in html
    assert client.get(URL, {"q": "torture", "topic": "secret-topic"}).status_code == 404


@pytest.mark.parametrize(
    "bad_filter",
    [{"kind": "bogus"}, {"topic": "nonexistent"}, {"country": "atlantis"}, {"kind": "Article"}],
)
def test_unknown_filters_are_404(client, bad_filter):
    response = client.get(URL, {"q": "torture", **bad_filter})

    assert response.status_code == 404


def test_empty_filters_are_ignored(client):
    article = factories.ArticleFactory(title="Torture report")

    response = client.get(URL, {"q": "torture", "kind": "", "topic": "", "country": ""})

    assert response.status_code == 200
    assert [result.object for result in response.context["results"]] == [article]


def test_drafts_private_cases_and_former_partners_never_appear(client):
    factories.ArticleFactory(title="Torture draft", status="draft", publish_at=None)
    factories.LitigationCaseFactory(title="Torture, private case", is_public=False)
    factories.PartnerFactory(name="Torture, former partner", is_active=False)

    response = client.get(URL, {"q": "torture"})

    assert response.status_code == 200
    assert b"Torture draft" not in response.content
    assert b"private case" not in response.content
    assert b"former partner" not in response.content
    assert b"Everything (0)" in response.content
    assert b"Nothing matches all of these words" in response.content


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_queries_answer_normally(client, query):
    factories.ArticleFactory(title="Torture in custody: пытки")

    response = client.get(URL, {"q": query})

    assert response.status_code == 200


def test_the_query_is_escaped_on_the_page(client):
    response = client.get(URL, {"q": '<script>alert("x")</script>'})

    assert response.status_code == 200
    assert b"<script>alert" not in response.content
    assert b"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in response.content


def test_a_very_long_query_is_shortened_and_says_so(client):
    article = factories.ArticleFactory(title="Torture in custody")

    response = client.get(URL, {"q": "custody " * 200})

    assert response.status_code == 200
    assert len(response.context["query"]) <= MAX_QUERY_LENGTH
    assert [result.object for result in response.context["results"]] == [article]
    assert b"Only the first 200 characters of your search were used." in response.content


def test_a_short_query_says_nothing_about_shortening(client):
    response = client.get(URL, {"q": "custody"})

    assert b"characters of your search" not in response.content


def test_results_are_paginated(client):
    factories.ArticleFactory.create_batch(12, title="Torture report")

    first = client.get(URL, {"q": "torture"})
    second = client.get(URL, {"q": "torture", "page": 2})

    assert len(first.context["results"]) == 10
    assert len(second.context["results"]) == 2
    assert b'<ol class="list" start="11">' in second.content
    assert b'href="?q=torture&amp;page=2"' in first.content


@pytest.mark.parametrize("page", ["abc", "99", "0", "-1"])
def test_bad_page_numbers_are_404(client, page):
    factories.ArticleFactory(title="Torture report")

    response = client.get(URL, {"q": "torture", "page": page})

    assert response.status_code == 404


def test_a_second_page_of_an_empty_search_is_404(client):
    assert client.get(URL, {"page": 2}).status_code == 404


@pytest.mark.parametrize("per_kind", [1, 10])
def test_results_page_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, per_kind
):
    kyrgyzstan = factories.country("KG")
    for n in range(per_kind):
        # The more often the word, the higher the rank: each page mixes the three kinds.
        text = "torture " * (n + 1)
        factories.ArticleFactory(title=f"Report {n}", standfirst="A summary.", body=text)
        factories.LitigationCaseFactory(
            title=f"Case {n}",
            summary="A summary.",
            facts=text,
            strategic_aim="",
            rights_at_issue="",
            respondent_states=[kyrgyzstan],
        )
        factories.PartnerFactory(
            name=f"Bureau {n}", summary="A summary.", description=text
        ).countries.add(kyrgyzstan)

    with django_assert_max_num_queries(RESULTS_QUERIES[connection.vendor]):
        response = client.get(URL, {"q": "torture"})

    results = response.context["results"]
    assert len(results) == min(3 * per_kind, 10)
    assert {result.kind for result in results} == {"article", "case", "partner"}
    assert response.context["paginator"].count == 3 * per_kind
