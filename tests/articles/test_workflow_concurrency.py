"""Two people taking the same step at the same moment: the row lock lets only one through."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from articles import workflow
from articles.models import Article, ArticleTransition
from tests import factories

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks need PostgreSQL (SQLite has no SELECT ... FOR UPDATE)",
    ),
    # The two clicks come from two connections, which see only committed rows.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(scope="module", autouse=True)
def _migrated_rows_put_back(django_db_blocker):
    """Put back the rows the migrations made (the editorial groups) once the last test's
    flush emptied the tables, so that a test database kept for the next run (`--reuse-db`,
    as `make mutation` runs the tests) still has them."""
    yield
    with django_db_blocker.unblock():
        connection.creation.deserialize_db_from_string(connection._test_serialized_contents)


def someone_waits_for_a_lock(timeout=5):
    """Whether another connection to the test database is waiting for a lock, by `timeout`."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            # Inside a transaction PostgreSQL keeps its first view of the activity; renew it.
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.02)
    return False


def test_two_editors_approving_at_once_approve_it_once():
    author = factories.UserFactory(username="author", is_staff=True, groups=["Authors"])
    first = factories.UserFactory(username="first-editor", is_staff=True, groups=["Editors"])
    second = factories.UserFactory(username="second-editor", is_staff=True, groups=["Editors"])
    article = factories.ArticleFactory(
        status="in_review", publish_at=None, author=author, submitted_by=author
    )
    refused = []

    def second_click():
        # Its own copy, read before the first click commits: both saw the article in review.
        copy = Article.objects.get(pk=article.pk)
        try:
            workflow.approve(copy, second)
        except ValidationError as error:
            refused.append(error)
        finally:
            connection.close()

    meanwhile = threading.Thread(target=second_click)
    with transaction.atomic():
        workflow.approve(article, first)
        meanwhile.start()
        # The second click must wait for the first to commit, not decide on what it read.
        waited = someone_waits_for_a_lock()
    meanwhile.join(timeout=10)

    assert waited
    assert not meanwhile.is_alive()
    assert len(refused) == 1
    assert "Only an article in review" in refused[0].messages[0]
    assert Article.objects.get(pk=article.pk).status == "approved"
    assert list(ArticleTransition.objects.values_list("actor", flat=True)) == [first.pk]
