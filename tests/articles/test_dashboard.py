import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from articles import dashboard
from articles.models import Article
from coalition.models import EditPresence
from tests import factories

pytestmark = pytest.mark.django_db

INDEX_URL = reverse("admin:index")
AGING_URL = reverse("admin:articles_article_aging_report")
OPEN_EDITORS_URL = reverse("admin:articles_article_open_editors_report")
INDEX_QUERIES = 16
REPORT_QUERIES = 11


def sections(user):
    return {section.slug: section for section in dashboard.dashboard_for(user)}


def titles(section):
    return [article.title for article in section.articles]


def in_review(title, **fields):
    return factories.ArticleFactory(title=title, status="in_review", publish_at=None, **fields)


@pytest.fixture
def other_editor(db):
    return factories.UserFactory(username="second-editor", is_staff=True, groups=["Editors"])


@pytest.fixture
def queues(author, editor, other_editor):
    """An author's drafts in several states, and others' work around them."""
    today = timezone.localdate()
    return {
        "draft": factories.ArticleFactory(
            title="My draft", status="draft", publish_at=None, author=author
        ),
        "submitted": in_review("My submitted piece", author=author, submitted_by=author),
        "sent_back": factories.ArticleFactory(
            title="Sent back to me", status="changes_requested", publish_at=None, author=author
        ),
        "live": factories.ArticleFactory(title="My live piece", author=author),
        "others_draft": factories.ArticleFactory(
            title="Someone else's draft", status="draft", publish_at=None
        ),
        "unassigned": in_review("Unassigned", review_due=today + datetime.timedelta(days=3)),
        "overdue": in_review(
            "Overdue for me", reviewer=editor, review_due=today - datetime.timedelta(days=2)
        ),
        "due_later": in_review(
            "Due later for me", reviewer=editor, review_due=today + datetime.timedelta(days=9)
        ),
        "not_mine": in_review("For the other editor", reviewer=other_editor),
    }


def test_author_sees_only_their_own_drafts(author, queues):
    mine = sections(author)
    assert set(titles(mine["my_drafts"])) == {
        "My draft",
        "My submitted piece",
        "Sent back to me",
    }
    assert mine["my_drafts"].count == 3
    assert titles(mine["changes_requested"]) == ["Sent back to me"]
    assert mine["changes_requested"].count == 1
    # Authors do not review: nothing unassigned lands in their queue.
    assert mine["awaiting_review"].count == 0


def test_editor_review_queue_is_theirs_and_unassigned_overdue_first(editor, queues):
    mine = sections(editor)
    assert titles(mine["awaiting_review"]) == [
        "Overdue for me",
        "Unassigned",
        "Due later for me",
        "My submitted piece",
    ]
    assert mine["awaiting_review"].count == 4
    overdue = [article.is_overdue for article in mine["awaiting_review"].articles]
    assert overdue == [True, False, False, False]
    assert mine["my_drafts"].count == 0


def test_named_reviewer_without_review_permission_still_sees_their_reviews(author):
    in_review("Please look at this", reviewer=author)
    in_review("Unassigned")
    assert titles(sections(author)["awaiting_review"]) == ["Please look at this"]


def test_other_editor_does_not_see_reviews_assigned_to_someone_else(other_editor, queues):
    assert "Overdue for me" not in titles(sections(other_editor)["awaiting_review"])
    assert "For the other editor" in titles(sections(other_editor)["awaiting_review"])


def test_scheduled_and_recently_published(editor):
    now = timezone.now()
    factories.ArticleFactory(title="Tomorrow", publish_at=now + datetime.timedelta(days=1))
    factories.ArticleFactory(title="Next week", publish_at=now + datetime.timedelta(days=7))
    factories.ArticleFactory(
        title="Yesterday",
        publish_at=now - datetime.timedelta(days=1),
        last_published_at=now - datetime.timedelta(days=1),
    )
    factories.ArticleFactory(
        title="Last month",
        publish_at=now - datetime.timedelta(days=30),
        last_published_at=now - datetime.timedelta(days=30),
    )
    factories.ArticleFactory(
        title="Taken down",
        status="unpublished",
        publish_at=now - datetime.timedelta(days=2),
        last_published_at=now - datetime.timedelta(days=2),
    )
    mine = sections(editor)
    assert titles(mine["scheduled"]) == ["Tomorrow", "Next week"]
    assert titles(mine["recently_published"]) == ["Yesterday"]
    assert mine["recently_published"].count == 1


def test_sections_show_ten_rows_and_count_them_all(author):
    factories.ArticleFactory.create_batch(12, status="draft", publish_at=None, author=author)
    drafts = sections(author)["my_drafts"]
    assert drafts.count == 12
    assert len(drafts.articles) == dashboard.ROWS_SHOWN


def test_people_without_articles_get_no_dashboard(client):
    clerk = factories.UserFactory(username="clerk", is_staff=True)
    assert dashboard.dashboard_for(clerk) == []
    client.force_login(clerk)
    response = client.get(INDEX_URL)
    assert response.status_code == 200
    assert "Awaiting my review" not in response.text


def test_admin_index_shows_the_dashboard_with_links_and_counts(client, editor, queues):
    client.force_login(editor)
    response = client.get(INDEX_URL)
    assert response.status_code == 200
    text = response.text
    assert "Awaiting my review" in text
    assert "Changes requested from me" in text
    assert "Scheduled to publish" in text
    assert "Recently published" in text
    overdue_url = reverse("admin:articles_article_change", args=[queues["overdue"].pk])
    assert f'href="{overdue_url}"' in text
    assert 'class="overdue"' in text
    assert f'href="{AGING_URL}"' in text
    assert f'href="{OPEN_EDITORS_URL}"' in text
    # The app list is still there, below.
    assert text.index("Awaiting my review") < text.index('id="content-main"')


def test_author_index_lists_own_drafts_only(client, author, queues):
    client.force_login(author)
    response = client.get(INDEX_URL)
    assert "My draft" in response.text
    assert "Someone else&#x27;s draft" not in response.text
    assert "Someone else's draft" not in response.text


@pytest.mark.parametrize("per_section", [3, 30])
def test_admin_index_runs_a_fixed_number_of_queries(
    client, editor, django_assert_max_num_queries, per_section
):
    now = timezone.now()
    authors = factories.UserFactory.create_batch(3, groups=["Authors"])
    for number in range(per_section):
        author = authors[number % 3]
        factories.ArticleFactory(status="draft", publish_at=None, author=editor)
        in_review(f"Review {number}", author=author, reviewer=editor)
        factories.ArticleFactory(
            status="changes_requested", publish_at=None, author=editor, reviewer=author
        )
        factories.ArticleFactory(publish_at=now + datetime.timedelta(days=1), author=author)
        factories.ArticleFactory(last_published_at=now, author=author)
    client.force_login(editor)
    with django_assert_max_num_queries(INDEX_QUERIES):
        response = client.get(INDEX_URL)
    assert response.status_code == 200


# Reports


def test_aging_report_lists_stale_live_articles_oldest_first(admin_client, settings):
    settings.AGING_CONTENT_DAYS = 30
    now = timezone.now()
    stale = factories.ArticleFactory(title="Very stale")
    staler = factories.ArticleFactory(title="Stalest")
    fresh = factories.ArticleFactory(title="Fresh")
    hidden = factories.ArticleFactory(title="Stale draft", status="draft", publish_at=None)
    Article.objects.filter(pk=stale.pk).update(updated_at=now - datetime.timedelta(days=40))
    Article.objects.filter(pk=staler.pk).update(updated_at=now - datetime.timedelta(days=400))
    Article.objects.filter(pk=hidden.pk).update(updated_at=now - datetime.timedelta(days=400))
    assert fresh.updated_at > now - datetime.timedelta(days=1)

    response = admin_client.get(AGING_URL)
    assert response.status_code == 200
    assert [article.title for article in response.context["rows"]] == ["Stalest", "Very stale"]
    assert "more than 30 days" in response.text


def test_aging_report_defaults_to_a_year(admin_client, settings):
    del settings.AGING_CONTENT_DAYS
    assert dashboard.aging_content_days() == 365
    response = admin_client.get(AGING_URL)
    assert "more than 365 days" in response.text


@pytest.mark.parametrize("page", ["abc", "99", "0"])
def test_report_with_a_bad_page_is_404(admin_client, page):
    assert admin_client.get(AGING_URL, {"page": page}).status_code == 404
    assert admin_client.get(OPEN_EDITORS_URL, {"page": page}).status_code == 404


def test_reports_need_permission_to_view_articles(client):
    clerk = factories.UserFactory(username="clerk", is_staff=True)
    client.force_login(clerk)
    assert client.get(AGING_URL).status_code == 403
    assert client.get(OPEN_EDITORS_URL).status_code == 403
    client.logout()
    assert client.get(AGING_URL).status_code == 302


def test_open_editors_report_lists_current_presences_only(client, author, editor):
    article_type = ContentType.objects.get_for_model(Article)
    open_now = factories.ArticleFactory(title="Being edited")
    left = factories.ArticleFactory(title="Left a while ago")
    EditPresence.objects.create(content_type=article_type, object_id=open_now.pk, user=author)
    EditPresence.objects.create(
        content_type=article_type,
        object_id=left.pk,
        user=editor,
        last_seen=timezone.now() - datetime.timedelta(minutes=10),
    )
    client.force_login(editor)
    response = client.get(OPEN_EDITORS_URL)
    assert response.status_code == 200
    assert "Being edited" in response.text
    assert "Left a while ago" not in response.text
    assert author.get_full_name() in response.text


@pytest.mark.parametrize("rows", [3, 30])
def test_reports_run_a_fixed_number_of_queries(
    client, editor, django_assert_max_num_queries, rows
):
    article_type = ContentType.objects.get_for_model(Article)
    long_ago = timezone.now() - datetime.timedelta(days=800)
    for _ in range(rows):
        article = factories.ArticleFactory()
        Article.objects.filter(pk=article.pk).update(updated_at=long_ago)
        colleague = factories.UserFactory(groups=["Editors"])
        EditPresence.objects.create(
            content_type=article_type, object_id=article.pk, user=colleague
        )
    client.force_login(editor)
    with django_assert_max_num_queries(REPORT_QUERIES):
        response = client.get(AGING_URL)
    assert len(response.context["rows"]) == rows
    with django_assert_max_num_queries(REPORT_QUERIES):
        response = client.get(OPEN_EDITORS_URL)
    assert len(response.context["rows"]) == rows
    assert all(presence.article is not None for presence in response.context["rows"])


def test_a_scheduled_article_with_pending_edits_is_still_scheduled(editor):
    now = timezone.now()
    factories.ArticleFactory(title="Tomorrow", publish_at=now + datetime.timedelta(days=1))
    # Editing a scheduled article moves its status back to draft; it still goes live.
    factories.ArticleFactory(
        title="Edited since",
        publish_at=now + datetime.timedelta(days=2),
        status="draft",
        live=True,
        has_unpublished_changes=True,
    )
    factories.ArticleFactory(
        title="Never scheduled", status="draft", publish_at=now + datetime.timedelta(days=3)
    )
    assert titles(sections(editor)["scheduled"]) == ["Tomorrow", "Edited since"]
