import datetime

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article, NotificationPreference
from coalition import revisions
from tests import factories
from tests.admin_helpers import change_form_data

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def workflow_url(article, action):
    return reverse("admin:articles_article_workflow", args=[article.pk, action])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def own_draft(author):
    return factories.ArticleFactory(
        title="Torture in Kazakhstan",
        slug="torture",
        status="draft",
        publish_at=None,
        author=author,
    )


@pytest.fixture
def in_review(author):
    return factories.ArticleFactory(
        title="Awaiting review",
        slug="awaiting-review",
        status="in_review",
        publish_at=None,
        author=author,
        submitted_by=author,
    )


@pytest.fixture
def others_draft(db):
    return factories.ArticleFactory(
        title="Someone else's notes", slug="someone-elses", status="draft", publish_at=None
    )


def test_author_sees_submit_with_a_reviewer_choice_on_their_draft(
    client, author, editor, own_draft
):
    client.force_login(author)
    response = client.get(change_url(own_draft))
    assert response.status_code == 200
    names = [action.name for action in response.context["workflow_actions"]]
    assert names == ["submit"]
    assert f'formaction="{workflow_url(own_draft, "submit")}"' in response.text
    assert 'name="workflow-reviewer"' in response.text
    assert 'name="workflow-due"' in response.text
    assert f'formaction="{workflow_url(own_draft, "publish")}"' not in response.text
    assert editor.get_full_name() in response.text


def test_editor_sees_review_buttons_and_the_history(client, editor, in_review, author):
    workflow.withdraw(in_review, author, comment="One more paragraph.")
    workflow.submit(in_review, author)
    client.force_login(editor)

    response = client.get(change_url(in_review))

    assert response.status_code == 200
    for action in ["withdraw", "request_changes", "approve"]:
        assert f'formaction="{workflow_url(in_review, action)}"' in response.text
    assert f'formaction="{workflow_url(in_review, "publish")}"' not in response.text
    assert "One more paragraph." in response.text
    assert "in review → draft" in response.text
    assert "draft → in review" in response.text


def test_panel_shows_scheduled_reviewer_and_overdue(client, editor, author):
    article = factories.ArticleFactory(
        slug="due",
        status="in_review",
        publish_at=None,
        author=author,
        reviewer=editor,
        review_due=timezone.localdate() - datetime.timedelta(days=1),
    )
    client.force_login(editor)
    response = client.get(change_url(article))
    assert response.context["workflow_review_overdue"]
    assert "(overdue)" in response.text

    scheduled = factories.ArticleFactory(
        slug="later", publish_at=timezone.now() + datetime.timedelta(days=1)
    )
    response = client.get(change_url(scheduled))
    assert response.context["workflow_is_scheduled"]
    assert "Goes live on" in response.text


def test_an_allowed_step_changes_the_state_and_says_so(client, author, editor, own_draft):
    client.force_login(author)
    due = timezone.localdate() + datetime.timedelta(days=2)
    response = client.post(
        workflow_url(own_draft, "submit"),
        {
            "workflow-reviewer": editor.pk,
            "workflow-due": due.isoformat(),
            "workflow-comment": "Ready.",
            "title": "Ignored: the form's edits are not saved by a step",
        },
    )
    assert response.status_code == 302
    assert response.url == change_url(own_draft)
    own_draft.refresh_from_db()
    assert (own_draft.status, own_draft.reviewer, own_draft.review_due) == (
        "in_review",
        editor,
        due,
    )
    assert own_draft.title == "Torture in Kazakhstan"
    assert messages_of(response) == ["Submitted “Torture in Kazakhstan” for review."]


def test_a_refused_step_is_an_error_message_and_changes_nothing(client, author, own_draft):
    client.force_login(author)
    response = client.post(workflow_url(own_draft, "publish"))
    assert response.status_code == 302
    assert response.url == change_url(own_draft)
    own_draft.refresh_from_db()
    assert own_draft.status == "draft"
    assert messages_of(response) == ["Only editors may publish articles."]


def test_a_step_from_the_wrong_state_is_an_error_message(client, editor, own_draft):
    client.force_login(editor)
    response = client.post(workflow_url(own_draft, "approve"))
    assert response.status_code == 302
    assert messages_of(response) == ["Only an article in review can be approved or sent back."]
    assert Article.objects.get(pk=own_draft.pk).status == "draft"


def test_request_changes_without_a_comment_is_refused(client, editor, in_review):
    client.force_login(editor)
    response = client.post(workflow_url(in_review, "request_changes"), {"workflow-comment": " "})
    assert response.status_code == 302
    assert messages_of(response) == ["Say what should change."]
    assert Article.objects.get(pk=in_review.pk).status == "in_review"

    response = client.post(
        workflow_url(in_review, "request_changes"), {"workflow-comment": "Cite the report."}
    )
    assert Article.objects.get(pk=in_review.pk).status == "changes_requested"
    assert in_review.transitions.get().comment == "Cite the report."


def test_bad_workflow_form_input_is_an_error_message(client, author, own_draft, other_author):
    client.force_login(author)
    response = client.post(
        workflow_url(own_draft, "submit"),
        {"workflow-reviewer": other_author.pk, "workflow-due": "next week"},
    )
    assert response.status_code == 302
    assert len(messages_of(response)) == 2
    assert Article.objects.get(pk=own_draft.pk).status == "draft"


def test_unknown_step_is_an_error_message(client, editor, own_draft):
    client.force_login(editor)
    response = client.post(workflow_url(own_draft, "explode"))
    assert response.status_code == 302
    assert messages_of(response) == ["There is no such workflow step."]


def test_workflow_urls_take_post_only(client, editor, own_draft):
    client.force_login(editor)
    response = client.get(workflow_url(own_draft, "publish"))
    assert response.status_code == 405
    assert Article.objects.get(pk=own_draft.pk).status == "draft"


def test_workflow_urls_are_csrf_protected(editor, own_draft):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(workflow_url(own_draft, "publish")).status_code == 403
    assert Article.objects.get(pk=own_draft.pk).status == "draft"


def test_workflow_url_of_a_missing_article_redirects_with_a_message(client, editor):
    client.force_login(editor)
    response = client.post(reverse("admin:articles_article_workflow", args=[999, "publish"]))
    assert response.status_code == 302
    assert "doesn’t exist" in messages_of(response)[0]


def test_workflow_urls_need_admin_access(client, partner_member, own_draft):
    client.force_login(partner_member)
    response = client.post(workflow_url(own_draft, "submit"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert Article.objects.get(pk=own_draft.pk).status == "draft"


@pytest.fixture
def other_author(db):
    return factories.UserFactory(username="other-author", is_staff=True, groups=["Authors"])


def test_author_cannot_change_someone_elses_article(client, author, others_draft):
    client.force_login(author)
    # Authors read only their own articles: someone else's is not there for them.
    response = client.get(change_url(others_draft))
    assert response.status_code == 302
    assert response.url == reverse("admin:index")
    response = client.post(change_url(others_draft), {"title": "Mine now"})
    assert response.status_code == 302
    assert Article.objects.get(pk=others_draft.pk).title == "Someone else's notes"


def test_author_cannot_change_their_own_article_in_review(client, author, in_review):
    client.force_login(author)
    response = client.get(change_url(in_review))
    assert not response.context["has_change_permission"]
    assert f'formaction="{workflow_url(in_review, "withdraw")}"' in response.text
    assert client.post(change_url(in_review), {"title": "Sneaky"}).status_code == 409
    in_review.refresh_from_db()
    assert in_review.title == "Awaiting review"


def test_author_and_editor_can_change_a_draft(client, author, editor, own_draft):
    for user in [author, editor]:
        client.force_login(user)
        response = client.get(change_url(own_draft))
        assert response.context["has_change_permission"]
        assert 'name="_save"' in response.text


def test_the_add_form_has_no_status_and_starts_a_draft(client, author):
    client.force_login(author)
    response = client.get(reverse("admin:articles_article_add"))
    assert "status" not in response.context["adminform"].form.fields
    data = {
        "title": "Fresh",
        "slug": "fresh",
        "language": "en",
        "kind": "news",
        "standfirst": "Why.",
        "body": "Text.",
        "status": "published",
        "links-TOTAL_FORMS": "0",
        "links-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302
    article = Article.objects.get(slug="fresh")
    assert (article.status, article.live) == ("draft", False)


def test_changelist_shows_status_badges(admin_client, own_draft, in_review):
    scheduled = factories.ArticleFactory(publish_at=timezone.now() + datetime.timedelta(days=1))
    response = admin_client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 200
    assert "column-status_badge" in response.text
    assert '<span class="badge badge-draft">draft</span>' in response.text
    assert '<span class="badge badge-in_review">in review</span>' in response.text
    assert '<span class="badge badge-scheduled">scheduled</span>' in response.text
    assert scheduled.title in response.text


@pytest.mark.parametrize(
    ("parameter", "value"), [("status__exact", "draft"), ("author__id__exact", None)]
)
def test_changelist_filters_by_status_and_author(
    admin_client, own_draft, published_article, parameter, value
):
    value = value or own_draft.author_id
    response = admin_client.get(reverse("admin:articles_article_changelist"), {parameter: value})
    assert list(response.context["cl"].result_list) == [own_draft]


def test_changelist_filters_by_country(admin_client, own_draft, published_article):
    kazakhstan = factories.country("KZ")
    own_draft.countries.add(kazakhstan)
    response = admin_client.get(
        reverse("admin:articles_article_changelist"), {"countries__id__exact": kazakhstan.pk}
    )
    assert list(response.context["cl"].result_list) == [own_draft]


def run_action(client, action, *articles):
    return client.post(
        reverse("admin:articles_article_changelist"),
        {"action": action, "_selected_action": [article.pk for article in articles]},
        follow=True,
    )


def test_publish_action_reports_what_it_skipped_and_why(
    client, editor, own_draft, in_review, published_article
):
    client.force_login(editor)
    response = run_action(client, "publish_articles", own_draft, in_review, published_article)
    assert response.status_code == 200
    assert Article.objects.get(pk=own_draft.pk).status == "published"
    assert Article.objects.get(pk=in_review.pk).status == "in_review"
    messages = [str(message) for message in response.context["messages"]]
    assert messages[0] == "1 article published."
    assert messages[1].startswith("2 articles skipped: ")
    assert "“Awaiting review”: Only a draft, an approved or an unpublished article" in messages[1]
    assert "“Torture in Kazakhstan”: Only a draft" in messages[1]


def test_submit_action_skips_other_peoples_articles(client, author, own_draft, others_draft):
    client.force_login(author)
    response = run_action(client, "submit_articles", own_draft, others_draft)
    assert Article.objects.get(pk=own_draft.pk).status == "in_review"
    assert Article.objects.get(pk=others_draft.pk).status == "draft"
    messages = [str(message) for message in response.context["messages"]]
    # Someone else's article is not in an author's list, so it cannot be selected at all.
    assert messages == ["1 article submitted for review."]


def test_unpublish_action(client, editor, published_article):
    client.force_login(editor)
    response = run_action(client, "unpublish_articles", published_article)
    assert [str(message) for message in response.context["messages"]] == ["1 article unpublished."]
    assert Article.objects.get(pk=published_article.pk).live is False


def test_authors_are_not_offered_publishing_actions(client, author, own_draft):
    client.force_login(author)
    response = client.get(reverse("admin:articles_article_changelist"))
    choices = [name for name, _ in response.context["action_form"].fields["action"].choices]
    assert "submit_articles" in choices
    assert "publish_articles" not in choices
    assert "unpublish_articles" not in choices
    run_action(client, "publish_articles", own_draft)
    assert Article.objects.get(pk=own_draft.pk).status == "draft"


def test_each_person_sets_their_own_notifications(client, author, editor):
    other = NotificationPreference.objects.create(user=editor)
    client.force_login(author)
    changelist = reverse("admin:articles_notificationpreference_changelist")
    add = reverse("admin:articles_notificationpreference_add")

    response = client.get(changelist)
    assert response.status_code == 302
    assert response.url == add
    response = client.post(add, {"on_submitted": "on", "on_published": "on"})
    assert response.status_code == 302
    own = NotificationPreference.objects.get(user=author)
    assert (own.on_submitted, own.on_changes_requested, own.on_approved) == (True, False, False)

    response = client.get(changelist)
    assert response.url == reverse("admin:articles_notificationpreference_change", args=[own.pk])
    assert client.get(add).status_code == 403
    other_url = reverse("admin:articles_notificationpreference_change", args=[other.pk])
    assert client.get(other_url).status_code == 302
    assert client.post(other_url, {"on_submitted": ""}).status_code == 302
    other.refresh_from_db()
    assert other.on_submitted


def test_superusers_see_everyones_notifications(admin_client, author):
    NotificationPreference.objects.create(user=author, on_approved=False)
    response = admin_client.get(reverse("admin:articles_notificationpreference_changelist"))
    assert response.status_code == 200
    assert "author" in response.text


def test_unpublishing_says_the_address_now_answers_gone(client, editor, published_article):
    client.force_login(editor)
    response = client.post(workflow_url(published_article, "unpublish"))
    (message,) = messages_of(response)
    assert "withdrawn (410 Gone)" in message
    assert "not found" not in message
    assert client.get(published_article.get_absolute_url()).status_code == 410


def test_an_edited_scheduled_article_shows_its_status_and_that_it_is_scheduled(admin_client):
    factories.ArticleFactory(
        title="Edited since scheduled",
        status="draft",
        live=True,
        has_unpublished_changes=True,
        publish_at=timezone.now() + datetime.timedelta(days=1),
    )
    response = admin_client.get(reverse("admin:articles_article_changelist"))
    assert (
        '<span class="badge badge-draft">draft</span> '
        '<span class="badge badge-scheduled">scheduled</span>'
    ) in response.text


@pytest.mark.parametrize(
    ("step", "reason"),
    [
        (lambda article, editor: workflow.publish(article, editor), "published"),
        (lambda article, editor: workflow.submit(article, editor), "submitted for review"),
    ],
)
def test_saving_an_article_that_became_read_only_meanwhile_gives_back_the_text(
    client, author, editor, own_draft, step, reason
):
    client.force_login(author)
    opened = client.get(change_url(own_draft))
    assert opened.status_code == 200
    data = change_form_data(opened, title="My new <title>", body="Paragraphs I typed.")
    step(own_draft, editor)
    own_draft.refresh_from_db()
    version = own_draft.version

    response = client.post(change_url(own_draft), data)

    assert response.status_code == 409
    assert "Your changes are not saved" in response.text
    assert f"This article was {reason} by {editor.get_full_name()} at " in response.text
    assert "you can no longer edit it." in response.text
    assert "My new &lt;title&gt;</textarea>" in response.text
    assert "Paragraphs I typed.</textarea>" in response.text
    assert change_url(own_draft) in response.text
    own_draft.refresh_from_db()
    assert own_draft.title == "Torture in Kazakhstan"
    assert own_draft.version == version
    assert not revisions.revisions_of(own_draft).filter(created_by=author).exists()


def test_saving_without_any_access_to_the_article_is_still_forbidden(client, own_draft):
    stranger = factories.UserFactory(username="stranger", is_staff=True)
    client.force_login(stranger)
    response = client.post(change_url(own_draft), {"title": "Mine now"})
    assert response.status_code == 403
    own_draft.refresh_from_db()
    assert own_draft.title == "Torture in Kazakhstan"
