"""The search interface on the database the suite runs on (SQLite FTS5 or PostgreSQL)."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from articles import workflow
from coalition import search
from coalition.search import MAX_QUERY_LENGTH, SearchResults, clean_query
from coalition.search.backends import (
    PlainBackend,
    PostgresBackend,
    SQLiteBackend,
    get_backend,
)
from coalition.search.highlight import MARK_START, render_marked
from tests import factories

pytestmark = pytest.mark.django_db

# What each query finds among published, private and inactive rows all titled "Torture in
# custody: пытки": the published article or nothing, never an error. FTS5 and the plain backend
# read the words (symbols are no operators); PostgreSQL reads a web search, where "-word" means
# "without the word" and "or" joins two alternatives.
FINDS, NOTHING = True, False
ODD_QUERIES = [
    # query, found when read as words, found as a web search
    ('"', NOTHING, NOTHING),
    ('"torture', FINDS, FINDS),
    ("torture & | ! : * ( )", FINDS, FINDS),
    ("&|!:*()", NOTHING, NOTHING),
    ("'; DROP TABLE articles_article; --", NOTHING, NOTHING),
    ("torture AND NOT OR NEAR(", NOTHING, FINDS),
    ("torture*", FINDS, FINDS),
    ("-torture", FINDS, NOTHING),
    ("\x00torture\x1f", FINDS, FINDS),
    ("😀", NOTHING, NOTHING),
    ("пытки 😀", FINDS, FINDS),
    ("<script>alert(1)</script>", NOTHING, NOTHING),
    ("%_\\", NOTHING, NOTHING),
]


def odd_query_rows():
    """The published article the odd queries may find, among rows they must never find."""
    title = "Torture in custody: пытки"
    factories.ArticleFactory(title=title, status="draft", publish_at=None)
    factories.LitigationCaseFactory(title=title, is_public=False)
    factories.PartnerFactory(name=title, is_active=False)
    return factories.ArticleFactory(title=title)


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def found(results):
    """The objects on the first page of `results`, best first."""
    return [result.object for result in results[0:100]]


def titles(results):
    return [str(result.object) for result in results[0:100]]


# Which backend


def test_each_database_gets_its_full_text_backend():
    expected = {"postgresql": PostgresBackend, "sqlite": SQLiteBackend}[connection.vendor]

    assert isinstance(get_backend(), expected)


# Ranking


def test_a_title_match_ranks_above_a_summary_match_above_a_body_match():
    in_body = factories.ArticleFactory(
        title="A report from Almaty", body="The word impunity appears only here."
    )
    in_title = factories.ArticleFactory(title="Impunity in Almaty")
    in_standfirst = factories.ArticleFactory(
        title="A report from Astana", standfirst="Impunity is the rule."
    )

    assert found(search.search("impunity")) == [in_title, in_standfirst, in_body]


def test_ranking_mixes_kinds_by_relevance():
    article = factories.ArticleFactory(title="Notes", body="Mentions the Strasbourg court.")
    case = factories.LitigationCaseFactory(title="Strasbourg applicants v. Kazakhstan")

    results = search.search("strasbourg")

    assert found(results) == [case, article]
    assert results[0:1][0].rank > results[1:2][0].rank


def test_words_match_their_other_forms():
    article = factories.ArticleFactory(title="Prisoners were tortured")

    assert found(search.search("torture prisoner")) == [article]


def test_every_word_must_match():
    both = factories.ArticleFactory(title="Torture in Kyrgyzstan")
    factories.ArticleFactory(title="Torture in Tajikistan")

    assert found(search.search("torture kyrgyzstan")) == [both]


def test_cyrillic_queries_find_russian_text_whatever_the_case():
    article = factories.ArticleFactory(title="Пытки в Казахстане", slug="pytki")

    assert found(search.search("пытки")) == [article]
    assert found(search.search("ПЫТКИ")) == [article]


# Snippets


def test_snippet_marks_the_matching_words_in_the_body():
    factories.ArticleFactory(
        title="A hearing",
        standfirst="What happened in court.",
        body="The judge ignored the medical evidence of torture entirely.",
    )

    [result] = search.search("medical evidence")[0:10]

    assert "<mark>medical</mark>" in result.snippet
    assert "<mark>evidence</mark>" in result.snippet


def test_snippet_prefers_the_summary_when_it_matches():
    factories.ArticleFactory(
        title="A hearing", standfirst="Medical evidence ignored.", body="The medical report."
    )

    [result] = search.search("medical")[0:10]

    assert str(result.snippet) == "<mark>Medical</mark> evidence ignored."


def test_snippet_shows_the_whole_summary_with_every_match_marked():
    factories.ArticleFactory(
        title="Eradicated?",
        standfirst="Officials say torture ended; survivors of torture disagree.",
    )

    [result] = search.search("torture")[0:10]

    assert str(result.snippet) == (
        "Officials say <mark>torture</mark> ended; survivors of <mark>torture</mark> disagree."
    )


def test_a_long_summary_is_cut_and_its_marks_stay_closed():
    factories.LitigationCaseFactory(summary=" ".join(["torture"] * 100))

    [result] = search.search("torture")[0:10]

    assert result.snippet.count("<mark>") == result.snippet.count("</mark>") == 60


def test_render_marked_closes_a_mark_left_open():
    assert render_marked(f"a {MARK_START}cut") == "a <mark>cut</mark>"


def test_snippet_is_the_summary_when_only_the_title_matches():
    factories.ArticleFactory(title="Medical evidence", standfirst="What the court heard.")

    [result] = search.search("medical")[0:10]

    assert str(result.snippet) == "What the court heard."


def test_snippet_escapes_the_text_around_the_marks():
    factories.PartnerFactory(
        name="Watch & Report", summary='Lawyers "against" torture & ill-treatment <since 2001'
    )

    [result] = search.search("torture")[0:10]

    assert str(result.snippet) == (
        "Lawyers &quot;against&quot; <mark>torture</mark> &amp; ill-treatment &lt;since 2001"
    )


def test_snippet_of_a_long_body_is_a_passage_around_the_match():
    filler = " ".join(["word"] * 300)
    factories.ArticleFactory(title="Long", body=f"{filler} the verdict came {filler}")

    [result] = search.search("verdict")[0:10]

    assert "<mark>verdict</mark>" in result.snippet
    assert len(result.snippet.split()) < 60


# Published only


HIDDEN_ARTICLE_STATES = {
    "draft": {"status": "draft", "publish_at": None},
    "in review": {"status": "in_review", "publish_at": None},
    "unpublished": {"status": "unpublished", "publish_at": None},
    "scheduled": {"status": "published", "publish_at": timezone.now() + datetime.timedelta(1)},
    "expired": {"publish_at": days_ago(3), "unpublish_at": days_ago(1)},
}


def test_only_published_content_is_found_or_counted():
    visible = [
        factories.ArticleFactory(title="Torture: the public article"),
        factories.LitigationCaseFactory(title="Torture: the public case"),
        factories.PartnerFactory(name="Torture: the active partner"),
    ]
    for state, fields in HIDDEN_ARTICLE_STATES.items():
        factories.ArticleFactory(title=f"Torture: {state} article", **fields)
    factories.LitigationCaseFactory(title="Torture: a private case", is_public=False)
    factories.PartnerFactory(name="Torture: a former partner", is_active=False)

    results = search.search("torture")

    assert set(found(results)) == set(visible)
    assert results.counts == {"article": 1, "case": 1, "partner": 1}
    assert results.count() == 3


def test_an_article_leaves_the_results_when_unpublished():
    article = factories.ArticleFactory(title="Torture in custody")
    workflow.place(article, "unpublished")
    article.save()

    assert found(search.search("custody")) == []


def test_a_live_article_with_pending_changes_is_still_found():
    article = factories.ArticleFactory(title="Torture in custody")
    article.status = "in_review"
    article.save()

    assert found(search.search("custody")) == [article]


# Keeping the index in step


def test_the_index_follows_edits():
    partner = factories.PartnerFactory(name="Almaty Bureau")

    partner.name = "Astana Bureau"
    partner.save()

    assert found(search.search("almaty")) == []
    assert found(search.search("astana")) == [partner]


def test_saving_fields_search_does_not_use_leaves_the_index_alone(django_assert_num_queries):
    article = factories.ArticleFactory()

    with django_assert_num_queries(1):
        article.save(update_fields=["is_featured"])


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL keeps vectors in the rows")
def test_deleting_removes_the_object_from_the_sqlite_index(index_rows):
    article = factories.ArticleFactory()
    factories.ArticleFactory()

    article.delete()

    assert index_rows() == {"article": 1}


# Queries people type


@pytest.mark.parametrize(("query", "as_words", "as_web_search"), ODD_QUERIES)
def test_odd_queries_find_only_what_is_published(query, as_words, as_web_search):
    article = odd_query_rows()
    finds = as_web_search if connection.vendor == "postgresql" else as_words
    expected = [article] if finds else []

    results = search.search(query)

    assert found(results) == expected
    assert results.counts == {"article": len(expected), "case": 0, "partner": 0}


def test_quotes_and_operators_are_read_as_words():
    article = factories.ArticleFactory(title="Torture in custody")

    assert found(search.search('"torture" & (custody)')) == [article]


def test_a_query_of_only_symbols_finds_nothing():
    factories.ArticleFactory(title="Torture in custody")

    assert search.search("&|!:*()").count() == 0


@pytest.mark.parametrize("query", ["", "   ", "\x00"])
def test_an_empty_query_finds_nothing_without_asking_the_database(
    query, django_assert_num_queries
):
    factories.ArticleFactory()

    with django_assert_num_queries(0):
        results = search.search(query)
        assert results.count() == 0
        assert results[0:10] == []


def test_long_queries_are_shortened():
    article = factories.ArticleFactory(title="Torture in custody")

    results = search.search("custody " * 200)

    assert MAX_QUERY_LENGTH - len("custody") <= len(results.query) <= MAX_QUERY_LENGTH
    assert results.query.endswith(" custody")
    assert found(results) == [article]


def test_a_long_query_without_spaces_is_cut():
    assert clean_query("x" * 1000) == "x" * MAX_QUERY_LENGTH


def test_clean_query_drops_control_characters_and_extra_spaces():
    assert clean_query("  torture\x00 \t in\ncustody ") == "torture in custody"


# Filters and counts


def test_kinds_narrow_the_results_but_not_the_counts():
    article = factories.ArticleFactory(title="Torture report")
    factories.LitigationCaseFactory(title="Torture case")

    results = search.search("torture", kinds=["article"])

    assert found(results) == [article]
    assert results.count() == 1
    assert results.counts == {"article": 1, "case": 1, "partner": 0}


def test_topic_narrows_every_kind():
    topic = factories.TopicFactory(slug="fair-trial")
    article = factories.ArticleFactory(title="Torture report")
    article.topics.add(topic)
    case = factories.LitigationCaseFactory(title="Torture case")
    case.topics.add(topic)
    partner = factories.PartnerFactory(name="Torture watch")
    partner.topics.add(topic)
    factories.ArticleFactory(title="Torture elsewhere")
    factories.LitigationCaseFactory(title="Torture case elsewhere")
    factories.PartnerFactory(name="Torture watch elsewhere")

    results = search.search("torture", topic=topic)

    assert set(found(results)) == {article, case, partner}
    assert results.counts == {"article": 1, "case": 1, "partner": 1}


def test_country_narrows_every_kind():
    kyrgyzstan = factories.country("KG")
    article = factories.ArticleFactory(title="Torture report")
    article.countries.add(kyrgyzstan)
    case = factories.LitigationCaseFactory(title="Torture case", respondent_states=[kyrgyzstan])
    partner = factories.PartnerFactory(name="Torture watch")
    partner.countries.add(kyrgyzstan)
    factories.ArticleFactory(title="Torture elsewhere")
    factories.LitigationCaseFactory(title="Torture in Kazakhstan")

    results = search.search("torture", country=kyrgyzstan)

    assert set(found(results)) == {article, case, partner}


def test_results_are_read_page_by_page_without_repeats():
    articles = {factories.ArticleFactory(title=f"Torture report {n}") for n in range(7)}

    results = search.search("torture")
    pages = [results[0:3], results[3:6], results[6:9]]

    assert [len(page) for page in pages] == [3, 3, 1]
    assert {result.object for page in pages for result in page} == articles


def test_results_are_sliced_not_indexed():
    factories.ArticleFactory(title="Torture report")

    with pytest.raises(TypeError):
        search.search("torture")[0]


# The plain backend, for databases without full-text search


def plain_search(query, **filters):
    return SearchResults(clean_query(query), backend=PlainBackend(), **filters)


def test_plain_backend_ranks_title_above_summary_above_body():
    in_body = factories.ArticleFactory(title="Almaty", body="Impunity appears here.")
    in_title = factories.ArticleFactory(title="Impunity in Almaty")
    in_standfirst = factories.ArticleFactory(title="Astana", standfirst="Impunity rules.")

    assert found(plain_search("impunity")) == [in_title, in_standfirst, in_body]


def test_plain_backend_marks_and_escapes_snippets():
    factories.ArticleFactory(title="A hearing", standfirst="Evidence of <torture> & abuse.")

    [result] = plain_search("torture")[0:10]

    assert str(result.snippet) == "Evidence of &lt;<mark>torture</mark>&gt; &amp; abuse."


def test_plain_backend_finds_only_published_content():
    article = factories.ArticleFactory(title="Torture report")
    factories.ArticleFactory(title="Torture draft", status="draft", publish_at=None)
    factories.LitigationCaseFactory(title="Torture, private", is_public=False)
    factories.PartnerFactory(name="Torture, former", is_active=False)

    results = plain_search("torture")

    assert found(results) == [article]
    assert results.counts == {"article": 1, "case": 0, "partner": 0}


@pytest.mark.parametrize(("query", "as_words", "as_web_search"), ODD_QUERIES)
def test_plain_backend_finds_only_what_is_published_for_odd_queries(
    query, as_words, as_web_search
):
    article = odd_query_rows()
    expected = [article] if as_words else []

    results = plain_search(query)

    assert found(results) == expected
    assert results.counts == {"article": len(expected), "case": 0, "partner": 0}


# Schema


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN indexes are PostgreSQL's")
def test_postgres_has_a_gin_index_on_each_search_vector():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_indexes "
            "WHERE indexdef LIKE '%%USING gin (search_vector)%%' ORDER BY tablename"
        )
        tables = [row[0] for row in cursor.fetchall()]

    assert tables == ["articles_article", "cases_litigationcase", "partners_partner"]


def test_a_common_word_is_ranked_and_counted_among_its_newest_matches(monkeypatch):
    monkeypatch.setattr("coalition.search.MAX_COUNTED", 2)
    articles = [factories.ArticleFactory(title=f"Torture report {n}") for n in range(4)]

    results = search.search("torture")

    assert results.counts["article"] == 2
    assert results.capped == {"article"}
    assert results.is_capped
    assert results.count() == 2
    assert {result.object for result in results[0:10]} == set(articles[2:])
    assert results.kind_counts[0][2] == "2+"
    assert results.total_label == "2+"


def test_the_search_page_says_when_more_matches_exist_than_are_counted(client, monkeypatch):
    monkeypatch.setattr("coalition.search.MAX_COUNTED", 2)
    for n in range(3):
        factories.ArticleFactory(title=f"Torture report {n}")

    response = client.get("/search/", {"q": "torture"})

    assert "More than 2 results for “torture”; the newest are shown" in response.text
    assert "Articles (2+)" in response.text


def test_results_are_read_without_their_search_vectors():
    factories.ArticleFactory(title="Torture report")
    factories.LitigationCaseFactory(title="Torture case")
    factories.PartnerFactory(name="Torture prevention bureau")

    results = search.search("torture")[0:10]

    assert {result.kind for result in results} == {"article", "case", "partner"}
    for result in results:
        assert "search_vector" in result.object.get_deferred_fields(), result.kind
