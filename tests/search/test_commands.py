import io

import pytest
from django.core.management import call_command

from coalition import search
from tests import factories

pytestmark = pytest.mark.django_db


def rebuild():
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    return out.getvalue()


@pytest.fixture
def content(db):
    factories.ArticleFactory.create_batch(3, title="Torture report")
    factories.ArticleFactory(title="Torture draft", status="draft", publish_at=None)
    factories.LitigationCaseFactory(title="Torture case")
    factories.PartnerFactory(name="Torture watch")


def test_rebuild_fills_an_empty_index(content, wipe_index):
    wipe_index()
    assert search.search("torture").count() == 0

    rebuild()

    assert search.search("torture").counts == {"article": 3, "case": 1, "partner": 1}


def test_rebuild_indexes_every_row_including_unpublished_ones(content, wipe_index, index_rows):
    wipe_index()

    rebuild()

    assert index_rows() == {"article": 4, "case": 1, "partner": 1}


def test_rebuild_can_run_again_without_changing_anything(content, index_rows):
    rebuild()
    rows = index_rows()
    counts = search.search("torture").counts

    rebuild()

    assert index_rows() == rows
    assert search.search("torture").counts == counts


def test_rebuild_reports_its_progress_for_each_kind(content):
    output = rebuild()

    assert "articles 4/4" in output
    assert "litigation cases 1/1" in output
    assert "partners 1/1" in output
    assert "Search index rebuilt." in output


def test_rebuild_reports_a_few_steps_of_a_long_run():
    factories.PartnerFactory.create_batch(25)

    lines = rebuild().splitlines()

    assert "partners 2/25" in lines
    assert "partners 25/25" in lines
    assert "partners 3/25" not in lines
    assert "articles 0/0" in lines
