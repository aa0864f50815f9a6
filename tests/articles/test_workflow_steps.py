"""The table of workflow steps, and the one place that makes an article live."""

import datetime

import pytest
from django.template.loader import get_template
from django.utils import timezone

from articles import workflow
from articles.models import Article
from tests import factories

Status = Article.Status


def test_each_step_is_declared_once_in_the_order_the_admin_shows_them():
    assert list(workflow.STEPS) == [
        "submit",
        "withdraw",
        "request_changes",
        "approve",
        "publish",
        "unpublish",
    ]
    assert all(name == step.name for name, step in workflow.STEPS.items())


SENDING = [step for step in workflow.STEPS.values() if step.event]


@pytest.mark.parametrize("step", SENDING, ids=lambda step: step.name)
def test_every_email_a_step_sends_has_its_subject_and_body(step):
    get_template(f"articles/email/{step.event}_subject.txt")
    get_template(f"articles/email/{step.event}.txt")


@pytest.mark.parametrize("step", workflow.STEPS.values(), ids=lambda step: step.name)
def test_a_step_says_why_it_locks_out_the_author_exactly_when_it_does(step):
    assert (step.locked is not None) == (step.to_state not in workflow.AUTHOR_EDITABLE)


def test_the_step_into_a_state_is_found_by_that_state():
    assert workflow.step_into(Status.APPROVED) is workflow.APPROVE
    assert workflow.step_into("no_such_state") is None


@pytest.mark.django_db
def test_saving_an_article_leaves_live_and_the_dates_to_the_workflow():
    article = factories.ArticleFactory.build(status=Status.PUBLISHED, publish_at=None)
    article.author.save()

    article.save()
    article.refresh_from_db()

    assert not article.live
    assert article.first_published_at is None
    assert not Article.objects.published().exists()


@pytest.mark.django_db
def test_placing_an_article_gives_the_state_its_steps_would_leave():
    when = timezone.now() - datetime.timedelta(days=3)
    article = factories.ArticleFactory(status=Status.DRAFT, publish_at=when)
    assert not article.live

    workflow.place(article, Status.PUBLISHED)
    article.save()
    assert (article.live, article.first_published_at, article.last_published_at) == (
        True,
        when,
        when,
    )
    assert list(Article.objects.published()) == [article]

    workflow.place(article, Status.UNPUBLISHED)
    article.save()
    assert (article.live, article.first_published_at) == (False, when)
    assert list(Article.objects.withdrawn()) == [article]


FROM_STATE = {
    "submit": Status.DRAFT,
    "withdraw": Status.IN_REVIEW,
    "approve": Status.IN_REVIEW,
    "publish": Status.APPROVED,
    "unpublish": Status.PUBLISHED,
}


@pytest.mark.django_db
@pytest.mark.parametrize("through", ["its function", "perform"])
@pytest.mark.parametrize(("action", "state"), FROM_STATE.items())
def test_a_step_taken_without_a_comment_records_none(action, state, through, editor):
    article = factories.ArticleFactory(status=state, publish_at=None)

    if through == "perform":
        step = workflow.perform(action, article, editor)
    else:
        step = workflow.STEPS[action].take(article, editor)

    assert (step.to_status, step.actor, step.comment) == (
        workflow.STEPS[action].to_state,
        editor,
        "",
    )


def test_an_article_is_scheduled_while_live_and_before_its_publication_moment():
    moment = timezone.now()
    later = moment + datetime.timedelta(hours=1)

    def article(live, publish_at):
        return Article(status=Status.PUBLISHED, live=live, publish_at=publish_at)

    assert workflow.is_scheduled(article(True, later), now=moment)
    assert not workflow.is_scheduled(article(True, moment), now=moment)  # its time has come
    assert not workflow.is_scheduled(article(True, None), now=moment)
    assert not workflow.is_scheduled(article(False, later), now=moment)  # a draft with a date


@pytest.mark.parametrize("status", [s for s in Status.values if s != Status.PUBLISHED])
def test_only_a_published_working_copy_goes_back_to_draft_when_a_live_article_is_edited(
    status,
):
    assert workflow.working_copy_changes(Article(status=Status.PUBLISHED)) == {
        "status": Status.DRAFT
    }
    assert workflow.working_copy_changes(Article(status=status)) == {}
