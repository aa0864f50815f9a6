import datetime

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles import workflow
from articles.models import Article, ArticleTransition
from coalition import revisions
from coalition.models import Revision
from tests import factories

pytestmark = pytest.mark.django_db

ROLES = [
    "author",
    "other_author",
    "editor",
    "superuser",
    "partner_staff",
    "other_partner_staff",
    "nobody",
]
STATES = ["draft", "in_review", "changes_requested", "approved", "published", "unpublished"]

# Who may take each step, from which states, and where it leads. The article was written
# by "author" (who also submitted it) for the partner of "partner_staff".
RULES = {
    "submit": ({"author", "editor", "superuser", "partner_staff"}, {"draft", "changes_requested"}),
    "withdraw": ({"author", "editor", "superuser"}, {"in_review"}),
    "request_changes": ({"editor", "superuser"}, {"in_review"}),
    "approve": ({"editor", "superuser"}, {"in_review"}),
    "publish": ({"editor", "superuser"}, {"draft", "approved", "unpublished"}),
    "unpublish": ({"editor", "superuser"}, {"published"}),
}
TARGETS = {
    "submit": "in_review",
    "withdraw": "draft",
    "request_changes": "changes_requested",
    "approve": "approved",
    "publish": "published",
    "unpublish": "unpublished",
}


def expected_outcome(action, role, state):
    roles, states = RULES[action]
    if role not in roles:
        return PermissionDenied
    if state not in states:
        return ValidationError
    return None


@pytest.fixture
def people(author, editor, partner, other_partner):
    return {
        "author": author,
        "other_author": factories.UserFactory(
            username="other-author", is_staff=True, groups=["Authors"]
        ),
        "editor": editor,
        "superuser": factories.UserFactory(username="root", is_staff=True, is_superuser=True),
        "partner_staff": factories.MembershipFactory(partner=partner).user,
        "other_partner_staff": factories.MembershipFactory(partner=other_partner).user,
        "nobody": factories.UserFactory(username="nobody"),
    }


def make_article(state, author, partner, **fields):
    defaults = {"publish_at": None, "submitted_by": author, "source_partner": partner}
    return factories.ArticleFactory(
        title="Torture in Kazakhstan", status=state, author=author, **{**defaults, **fields}
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", list(RULES))
def test_transition_matrix(action, state, role, people, author, partner):
    article = make_article(state, author, partner)
    user = people[role]
    expected = expected_outcome(action, role, state)

    assert workflow.can(user, action, article) is (expected is None)
    assert (action in [a.name for a in workflow.available_actions(user, article)]) is (
        expected is None
    )
    if expected is None:
        step = workflow.perform(action, article, user, comment="Check the dates.")
        article.refresh_from_db()
        assert article.status == TARGETS[action]
        assert (step.from_status, step.to_status, step.actor) == (state, TARGETS[action], user)
        assert step.comment == "Check the dates."
        assert list(article.transitions.all()) == [step]
    else:
        with pytest.raises(expected):
            workflow.perform(action, article, user, comment="Check the dates.")
        article.refresh_from_db()
        assert article.status == state
        assert not ArticleTransition.objects.exists()


@pytest.mark.parametrize("action", list(RULES))
def test_anonymous_and_inactive_people_may_do_nothing(action, editor, author, partner):
    article = make_article("in_review", author, partner)
    editor.is_active = False
    editor.save()
    for user in [AnonymousUser(), editor]:
        assert not workflow.can(user, action, article)
        with pytest.raises(PermissionDenied):
            workflow.perform(action, article, user, comment="Check the dates.")
    assert not ArticleTransition.objects.exists()


def test_unknown_step_is_a_validation_error(editor, draft_article):
    with pytest.raises(ValidationError):
        workflow.perform("delete", draft_article, editor)
    assert not workflow.can(editor, "delete", draft_article)
    with pytest.raises(ValidationError) as error:
        workflow.check(editor, "delete", draft_article)
    assert error.value.messages == ["There is no such workflow step."]


def test_request_changes_needs_a_comment(editor, author, partner):
    article = make_article("in_review", author, partner)
    for comment in ["", "   ", None]:
        with pytest.raises(ValidationError) as error:
            workflow.request_changes(article, editor, comment)
        assert "comment" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        workflow.request_changes(article, editor)
    assert error.value.message_dict == {"comment": ["Say what should change."]}
    article.refresh_from_db()
    assert article.status == "in_review"
    assert not ArticleTransition.objects.exists()


def test_submit_records_the_submitter_reviewer_and_due_date(author, editor, partner):
    article = make_article("draft", author, partner, submitted_by=None)
    due = timezone.localdate() + datetime.timedelta(days=3)

    workflow.submit(article, author, reviewer=editor, due=due, comment="Ready.")

    article.refresh_from_db()
    assert (article.status, article.submitted_by, article.reviewer, article.review_due) == (
        "in_review",
        author,
        editor,
        due,
    )
    assert article.transitions.get().comment == "Ready."


def test_reviewer_must_be_an_editor(author, partner, people):
    article = make_article("draft", author, partner)
    with pytest.raises(ValidationError) as error:
        workflow.submit(article, author, reviewer=people["other_author"])
    assert error.value.message_dict == {"reviewer": ["The reviewer must be an editor."]}
    assert Article.objects.get(pk=article.pk).status == "draft"


def test_review_due_date_cannot_be_in_the_past(author, partner):
    article = make_article("draft", author, partner)
    with pytest.raises(ValidationError) as error:
        workflow.submit(article, author, due=timezone.localdate() - datetime.timedelta(days=1))
    # Keyed on the field, so that the workflow form shows it beside the date.
    assert error.value.message_dict == {"due": ["The due date cannot be in the past."]}
    assert Article.objects.get(pk=article.pk).status == "draft"


def test_a_review_may_be_due_today(author, editor, partner):
    article = make_article("draft", author, partner)
    today = timezone.localdate()

    workflow.submit(article, author, reviewer=editor, due=today)

    article.refresh_from_db()
    assert (article.status, article.reviewer, article.review_due) == ("in_review", editor, today)


def test_withdraw_is_for_the_submitter_not_the_author(author, partner, people):
    staff = people["partner_staff"]
    article = make_article("draft", author, partner)
    workflow.submit(article, staff)
    with pytest.raises(PermissionDenied):
        workflow.withdraw(article, author)
    workflow.withdraw(article, staff)
    assert Article.objects.get(pk=article.pk).status == "draft"


def test_a_stale_copy_cannot_repeat_a_step(author, editor, partner):
    article = make_article("in_review", author, partner)
    stale = Article.objects.get(pk=article.pk)
    workflow.approve(article, editor)
    with pytest.raises(ValidationError):
        workflow.approve(stale, editor)
    assert ArticleTransition.objects.count() == 1


def test_transitions_touch_only_the_workflow(author, editor, partner):
    article = make_article("approved", author, partner)
    before = Article.objects.get(pk=article.pk)
    article.title = "An unsaved title"

    workflow.publish(article, editor)

    after = Article.objects.get(pk=article.pk)
    assert after.title == "Torture in Kazakhstan"
    assert (after.version, after.updated_at) == (before.version, before.updated_at)


def test_publishing_makes_the_article_public_and_dates_it(client, author, editor, partner):
    article = make_article("approved", author, partner)
    assert client.get(article.get_absolute_url()).status_code == 404

    workflow.publish(article, editor)

    article.refresh_from_db()
    assert article.live
    assert article.first_published_at == article.last_published_at is not None
    assert article in Article.objects.published()
    assert client.get(article.get_absolute_url()).status_code == 200


def test_republishing_keeps_the_first_publication_date(author, editor, partner):
    first = timezone.now() - datetime.timedelta(days=30)
    article = make_article(
        "unpublished", author, partner, first_published_at=first, last_published_at=first
    )
    workflow.publish(article, editor)
    article.refresh_from_db()
    assert article.first_published_at == first
    assert article.last_published_at > first


def test_unpublishing_hides_the_article(client, author, editor, partner):
    article = make_article("approved", author, partner)
    workflow.publish(article, editor)

    workflow.unpublish(article, editor, comment="Facts disputed.")

    article.refresh_from_db()
    assert (article.status, article.live) == ("unpublished", False)
    assert article not in Article.objects.published()
    # Withdrawn, not unknown: the public address answers 410 Gone.
    assert client.get(article.get_absolute_url()).status_code == 410
    assert article.transitions.first().comment == "Facts disputed."


def test_unpublishing_keeps_pending_edits_as_the_working_copy(author, editor, partner):
    article = make_article("approved", author, partner)
    workflow.publish(article, editor)
    revisions.mark_pending(article)
    data = {**revisions.snapshot(article), "title": "Corrected title"}
    revisions.save_revision(article, editor, pending=True, data=data)

    workflow.unpublish(article, editor)

    article.refresh_from_db()
    assert (article.status, article.live) == ("unpublished", False)
    assert article.title == "Corrected title"
    assert not article.has_unpublished_changes
    assert revisions.pending_revision(article) is None


def test_publishing_with_a_future_date_schedules_it(author, editor, partner):
    article = make_article("approved", author, partner)
    when = timezone.now() + datetime.timedelta(days=2)

    workflow.publish(article, editor, at=when)

    article.refresh_from_db()
    assert (article.status, article.live, article.publish_at) == ("published", True, when)
    assert workflow.is_scheduled(article)
    assert article not in Article.objects.published()
    assert article in Article.objects.published(now=when)
    assert article.first_published_at == article.last_published_at == when


def test_cannot_publish_past_the_unpublish_date(author, editor, partner):
    past = timezone.now() - datetime.timedelta(hours=1)
    article = make_article("approved", author, partner, unpublish_at=past)
    with pytest.raises(ValidationError) as error:
        workflow.publish(article, editor)
    assert error.value.message_dict == {
        "unpublish_at": ["The unpublish date comes first; change or clear it."]
    }
    future = timezone.now() + datetime.timedelta(days=1)
    article = make_article("approved", author, partner, slug="second", unpublish_at=future)
    with pytest.raises(ValidationError):
        workflow.publish(article, editor, at=future + datetime.timedelta(days=1))
    assert not Article.objects.filter(status="published").exists()


def test_cannot_publish_to_come_down_at_the_moment_it_goes_up(author, editor, partner):
    when = timezone.now() + datetime.timedelta(days=1)
    article = make_article("approved", author, partner, unpublish_at=when)

    with pytest.raises(ValidationError) as error:
        workflow.publish(article, editor, at=when)

    assert "unpublish_at" in error.value.message_dict
    assert Article.objects.get(pk=article.pk).status == "approved"


def test_publishing_without_a_date_keeps_the_publication_date_set_on_the_article(
    author, editor, partner
):
    when = timezone.now() + datetime.timedelta(days=2)
    article = make_article("approved", author, partner, publish_at=when)

    workflow.publish(article, editor)

    article.refresh_from_db()
    assert (article.live, article.publish_at) == (True, when)
    assert workflow.is_scheduled(article)
    assert article not in Article.objects.published()


def pending_revision_of(article, user):
    return Revision.objects.create(
        content_type=ContentType.objects.get_for_model(Article),
        object_id=article.pk,
        number=2,
        data={"title": "Corrected title"},
        is_pending=True,
        created_by=user,
    )


def test_publishing_a_live_article_applies_its_pending_changes(
    monkeypatch, author, editor, partner
):
    article = make_article("published", author, partner, has_unpublished_changes=True)
    pending_revision_of(article, editor)
    applied = []
    monkeypatch.setattr(
        revisions, "apply_pending", lambda obj, user: applied.append((obj.pk, user))
    )

    assert workflow.can(editor, "publish", article)
    workflow.publish(article, editor)

    assert applied == [(article.pk, editor)]
    article.refresh_from_db()
    assert (article.status, article.live, article.has_unpublished_changes) == (
        "published",
        True,
        False,
    )


def test_publishing_a_live_article_without_changes_is_refused(author, editor, partner):
    article = make_article("published", author, partner)
    with pytest.raises(ValidationError):
        workflow.publish(article, editor)
    assert not ArticleTransition.objects.exists()


def test_changes_to_a_live_article_go_through_review(author, editor, partner):
    article = make_article("published", author, partner, has_unpublished_changes=True)
    assert workflow.can(editor, "submit", article)
    workflow.submit(article, editor)
    article.refresh_from_db()
    assert (article.status, article.live) == ("in_review", True)
    assert article in Article.objects.published()


@pytest.mark.parametrize(
    ("role", "state", "allowed"),
    [
        ("author", "draft", True),
        ("author", "changes_requested", True),
        ("author", "in_review", False),
        ("author", "approved", False),
        ("author", "published", False),
        ("other_author", "draft", False),
        ("editor", "in_review", True),
        ("editor", "published", True),
        ("superuser", "approved", True),
        ("partner_staff", "draft", False),
        ("nobody", "draft", False),
    ],
)
def test_edit_allowed(role, state, allowed, people, author, partner):
    article = make_article(state, author, partner)
    assert workflow.edit_allowed(people[role], article) is allowed


@pytest.mark.parametrize(
    ("role", "state", "names"),
    [
        ("author", "draft", ["submit"]),
        ("author", "in_review", ["withdraw"]),
        ("editor", "draft", ["submit", "publish"]),
        ("editor", "in_review", ["withdraw", "request_changes", "approve"]),
        ("editor", "published", ["unpublish"]),
        ("nobody", "draft", []),
    ],
)
def test_available_actions_follow_the_rules(role, state, names, people, author, partner):
    article = make_article(state, author, partner)
    assert [action.name for action in workflow.available_actions(people[role], article)] == names


# Who may read an article's working copy: its author, whoever submitted it or was named to
# review it, and editors; nobody else, and nobody whose account is switched off.
# "other_author" wrote all but the first.
DRAFT_READERS = {
    "written": {"author", "editor", "superuser"},
    "submitted": {"author", "other_author", "editor", "superuser"},
    "reviewing": {"author", "other_author", "editor", "superuser"},
    "for_a_gone_reviewer": {"other_author", "editor", "superuser"},
    "unrelated": {"other_author", "editor", "superuser"},
}


def test_who_may_read_a_draft(people, author, partner):
    other = people["other_author"]
    gone = factories.UserFactory(username="gone", is_staff=True, groups=["Authors"])
    gone.is_active = False
    gone.save()
    readers = {**people, "gone_reviewer": gone, "anonymous": AnonymousUser()}

    def draft(slug, **fields):
        return make_article("in_review", other, partner, slug=slug, **fields)

    articles = {
        "written": make_article("draft", author, partner, submitted_by=None),
        "submitted": draft("submitted", submitted_by=author),
        "reviewing": draft("reviewing", submitted_by=other, reviewer=author),
        "for_a_gone_reviewer": draft("gone", submitted_by=other, reviewer=gone),
        "unrelated": draft("unrelated", submitted_by=other),
    }

    for role, user in readers.items():
        expected = {name for name, roles in DRAFT_READERS.items() if role in roles}
        readable = {
            name for name, article in articles.items() if workflow.can_view_draft(user, article)
        }
        visible = workflow.drafts_visible_to(user, Article.objects.all())
        assert readable == expected, role
        assert set(visible) == {articles[name] for name in expected}, role


@pytest.mark.parametrize("codename", ["review_article", "publish_article"])
def test_either_editorial_permission_makes_an_editor(draft_article, codename):
    someone = factories.UserFactory(is_staff=True)
    assert not workflow.can_view_draft(someone, draft_article)

    someone.user_permissions.add(Permission.objects.get(codename=codename))
    someone = type(someone).objects.get(pk=someone.pk)  # permissions are cached per instance

    assert workflow.is_editor(someone)
    assert workflow.can_view_draft(someone, draft_article)


def test_translating_needs_the_right_to_write_articles_and_to_read_the_source(author):
    own = factories.ArticleFactory(author=author, status="draft", publish_at=None)
    others = factories.ArticleFactory(status="draft", publish_at=None)
    # Wrote the article once, but may no longer write articles.
    former = factories.UserFactory(is_staff=True)
    their_own = factories.ArticleFactory(author=former, status="draft", publish_at=None)

    assert workflow.may_translate(author, own)
    assert not workflow.may_translate(author, others)
    assert workflow.can_view_draft(former, their_own)
    assert not workflow.may_translate(former, their_own)
