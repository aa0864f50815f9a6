import pytest
from django.template.loader import render_to_string

from articles.models import Article
from coalition import revisions
from coalition.cases.models import LitigationCase
from coalition.revisions.diff import compare, word_diff


def test_word_diff_marks_removed_and_added_words():
    html = word_diff("The police beat him badly.", "The guards beat him.")
    assert (
        html == "The <del>police</del><ins>guards</ins> beat <del>him badly.</del><ins>him.</ins>"
    )


def test_word_diff_escapes_everything():
    html = word_diff("Safe text", "Safe <script>alert('x')</script> text")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert html.startswith("Safe <ins>")


def test_text_fields_get_a_word_diff():
    old = {"body": "One two three four.", "title": "A long article title here"}
    new = {"body": "One two 3 four.", "title": "A long article title there"}
    changes = {change.name: change for change in compare(old, new, model=Article)}
    assert changes["body"].label == "Body"
    assert changes["body"].text_diff == "One two <del>three</del><ins>3</ins> four."
    assert changes["title"].text_diff.endswith("<del>here</del><ins>there</ins>")


def test_unchanged_fields_and_bookkeeping_are_left_out():
    assert compare({"title": "Same", "_version": 1}, {"title": "Same", "_version": 2}) == []


def test_choice_fields_read_as_old_and_new_labels():
    [change] = compare({"status": "lodged"}, {"status": "decided"}, model=LitigationCase)
    assert change.sentences == ["Status: lodged → decided"]
    assert not change.text_diff


def test_plain_values_read_in_words():
    [featured, short] = compare(
        {"is_featured": False, "byline": ""}, {"is_featured": True, "byline": "Dana"}, Article
    )
    assert featured.sentences == ["Featured on the home page: no → yes"]
    assert short.sentences == ["Byline: (empty) → Dana"]


def test_relations_read_as_sentences():
    old = {
        "topics": [{"pk": 1, "name": "Torture"}],
        "cases": [{"pk": 7, "name": "X v. Y"}],
        "author": {"pk": 1, "name": "Aigerim"},
    }
    new = {
        "topics": [{"pk": 1, "name": "Torture"}, {"pk": 2, "name": "Fair trial"}],
        "cases": [],
        "author": {"pk": 2, "name": "Dana"},
    }
    changes = {change.name: change.sentences for change in compare(old, new, model=Article)}
    assert changes["topics"] == ["Topic 'Fair trial' added"]
    assert changes["cases"] == ["Litigation case 'X v. Y' unlinked"]
    assert changes["author"] == ["Author: Aigerim → Dana"]


def test_link_changes_read_as_sentences():
    old = {
        "links": [
            {"label": "Report", "url": "https://a.example/", "order": 0},
            {"label": "Old", "url": "https://old.example/", "order": 1},
            {"label": "Judgment", "url": "https://j.example/", "order": 2},
        ]
    }
    new = {
        "links": [
            {"label": "Report", "url": "https://b.example/", "order": 0},
            {"label": "Court judgment", "url": "https://j.example/", "order": 1},
            {"label": "New", "url": "https://new.example/", "order": 2},
        ]
    }
    [change] = compare(old, new, model=Article)
    assert change.sentences == [
        "Link 'Report': URL changed from https://a.example/ to https://b.example/",
        "Link 'Judgment' renamed to 'Court judgment'",
        "Link 'Old' removed",
        "Link 'New' added (https://new.example/)",
    ]


def test_relation_names_are_escaped_when_rendered():
    changes = compare({"topics": []}, {"topics": [{"pk": 1, "name": "<b>Bold</b>"}]})
    html = render_to_string("admin/revisions/includes/changes.html", {"changes": changes})
    assert "&lt;b&gt;Bold&lt;/b&gt;" in html
    assert "<b>" not in html


@pytest.mark.django_db
def test_compare_accepts_revisions_and_finds_their_model(draft_article, editor):
    first = revisions.save_revision(draft_article, editor)
    draft_article.kind = "report"
    draft_article.save()
    second = revisions.save_revision(draft_article, editor)
    [change] = compare(first, second)
    assert change.sentences == ["Kind: news → report"]


def test_word_diff_keeps_a_rewritten_phrase_together():
    html = word_diff("Lawyers defending people.", "Words from the first editor")
    assert html == "<del>Lawyers defending people.</del><ins>Words from the first editor</ins>"
