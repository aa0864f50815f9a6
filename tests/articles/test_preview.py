import datetime
import re

import pytest
import time_machine
from django import forms
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from articles.preview import PREVIEW_SALT, make_preview_token, prepare_unsaved_draft
from coalition import revisions
from tests import factories
from tests.admin_helpers import admin_url

pytestmark = pytest.mark.django_db

PREVIEW_BANNER = "Preview — not published"
SHARED_PREVIEW_QUERIES = 8
ADMIN_PREVIEW_QUERIES = 16


def shared_url(token):
    return reverse("articles:shared-preview", args=[token])


def database_writes(queries):
    """Statements that change stored content; the session is saved on every request."""
    return [
        query["sql"]
        for query in queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and "django_session" not in query["sql"]
    ]


def change_form_data(client, article):
    """The change form's data as the admin fills it, ready to post back."""
    response = client.get(admin_url(article, "change"))
    assert response.status_code == 200
    data = bound_form_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(bound_form_data(formset.management_form))
        for form in formset.forms:
            data.update(bound_form_data(form))
    return data


def bound_form_data(form):
    data = {}
    for bound in form:
        value = bound.value()
        widget = bound.field.widget
        if isinstance(bound.field, forms.FileField) or bound.field.disabled:
            continue
        if isinstance(widget, forms.MultiWidget):
            for index, part in enumerate(widget.decompress(value)):
                data[f"{bound.html_name}_{index}"] = "" if part is None else str(part)
        elif isinstance(widget, forms.CheckboxInput):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(item) for item in value]
        else:
            data[bound.html_name] = "" if value is None else str(value)
    return data


@pytest.fixture
def draft(author, torture):
    article = factories.ArticleFactory(
        title="Police custody in Almaty",
        slug="police-custody",
        status="draft",
        publish_at=None,
        author=author,
        body="Saved **body** text.",
    )
    article.topics.add(torture)
    factories.ArticleLinkFactory(article=article, label="Saved link")
    return article


@pytest.fixture
def other_draft(torture):
    article = factories.ArticleFactory(
        title="Another unpublished draft", slug="another-draft", status="draft", publish_at=None
    )
    article.topics.add(torture)
    return article


def assert_is_preview(response):
    assert PREVIEW_BANNER in response.text
    assert '<meta name="robots" content="noindex, nofollow">' in response.text
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"]
    assert "private" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def shared_link_from(response):
    message = str(next(iter(response.context["messages"])))
    return re.search(r"http://testserver(/articles/preview/\S+/)", message).group(1)


# Preview in the admin


def test_author_previews_their_saved_draft_in_the_public_template(client, author, draft):
    client.force_login(author)
    response = client.get(admin_url(draft, "preview"))
    assert response.status_code == 200
    assert "articles/article_detail.html" in [t.name for t in response.templates]
    assert response.context["article"] == draft
    assert "<h1>Police custody in Almaty</h1>" in response.text
    assert "Saved link" in response.text
    assert "Torture" in response.text
    assert_is_preview(response)


def test_public_article_page_is_not_marked_as_a_preview(client, published_article):
    response = client.get(published_article.get_absolute_url())
    assert PREVIEW_BANNER not in response.text
    assert "X-Robots-Tag" not in response


def test_change_form_offers_preview_and_sharing(client, author, draft):
    client.force_login(author)
    response = client.get(admin_url(draft, "change"))
    assert f'href="{admin_url(draft, "preview")}"' in response.text
    assert f'formaction="{admin_url(draft, "preview")}"' in response.text
    assert 'form="article_form"' in response.text
    assert f'action="{admin_url(draft, "share_preview")}"' in response.text
    assert f'action="{admin_url(draft, "revoke_previews")}"' in response.text


def test_add_form_offers_no_preview(admin_client):
    response = admin_client.get(reverse("admin:articles_article_add"))
    assert response.status_code == 200
    assert "Preview these changes" not in response.text


def test_preview_of_unknown_article_is_404(admin_client):
    response = admin_client.get(reverse("admin:articles_article_preview", args=[987654]))
    assert response.status_code == 404
    response = admin_client.get(reverse("admin:articles_article_preview", args=["abc"]))
    assert response.status_code == 404


def test_preview_needs_a_staff_login(client, draft):
    response = client.get(admin_url(draft, "preview"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_preview_needs_permission_to_view_articles(client, draft):
    staff = factories.UserFactory(username="clerk", is_staff=True)
    client.force_login(staff)
    assert client.get(admin_url(draft, "preview")).status_code in (403, 404)
    assert client.post(admin_url(draft, "preview"), {}).status_code in (403, 404)


def test_preview_of_unsaved_changes_shows_them_and_stores_nothing(
    client, author, draft, fair_trial
):
    client.force_login(author)
    data = change_form_data(client, draft)
    data.update(
        title="A title not yet saved",
        body="Unsaved *body* text.",
        topics=[str(fair_trial.pk)],
        **{"links-0-label": "Renamed link", "links-1-label": "New link"},
        **{"links-1-url": "https://example.org/new", "links-1-order": "5"},
    )
    before = Article.objects.get(pk=draft.pk)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(admin_url(draft, "preview"), data)
    assert response.status_code == 200, response.text
    assert "<h1>A title not yet saved</h1>" in response.text
    assert "<em>body</em>" in response.text
    assert "Fair trial" in response.text
    assert "Torture" not in response.text
    assert "Renamed link" in response.text
    assert "New link" in response.text
    assert_is_preview(response)
    assert database_writes(queries) == []
    after = Article.objects.get(pk=draft.pk)
    assert after.title == before.title == "Police custody in Almaty"
    assert after.body_html == before.body_html
    assert after.updated_at == before.updated_at
    assert list(after.topics.values_list("slug", flat=True)) == ["torture"]
    assert list(after.links.values_list("label", flat=True)) == ["Saved link"]


def test_preview_of_unsaved_changes_can_drop_a_link(client, author, draft):
    client.force_login(author)
    data = change_form_data(client, draft)
    data["links-0-DELETE"] = "on"
    response = client.post(admin_url(draft, "preview"), data)
    assert response.status_code == 200
    assert "Saved link" not in response.text
    assert draft.links.count() == 1


def test_invalid_unsaved_changes_answer_400_with_the_mistakes(client, author, draft):
    client.force_login(author)
    data = change_form_data(client, draft)
    data.update(title="", cta_enabled="on", cta_prompt="")
    with CaptureQueriesContext(connection) as queries:
        response = client.post(admin_url(draft, "preview"), data)
    assert response.status_code == 400
    assert "Title: This field is required." in response.text
    assert "Say what readers add their voice to." in response.text
    assert PREVIEW_BANNER not in response.text
    assert database_writes(queries) == []
    assert Article.objects.get(pk=draft.pk).title == "Police custody in Almaty"


def test_preview_refuses_other_methods(client, author, draft):
    client.force_login(author)
    assert client.delete(admin_url(draft, "preview")).status_code == 405


def test_preview_shows_only_published_partners_and_cases(
    client, author, draft, public_case, private_case
):
    former_partner = factories.PartnerFactory(name="Former member", is_active=False)
    current_partner = factories.PartnerFactory(name="Current member")
    draft.partners.add(former_partner, current_partner)
    draft.cases.add(public_case, private_case)
    client.force_login(author)
    response = client.get(admin_url(draft, "preview"))
    assert "Current member" in response.text
    assert "Former member" not in response.text
    assert "Abdullaev v. Kazakhstan" in response.text
    assert "Secret v. Kazakhstan" not in response.text


def test_unsaved_preview_lists_partners_and_cases_chosen_in_the_form_published_only(
    client, author, draft, partner, public_case, private_case
):
    former_partner = factories.PartnerFactory(name="Former member", is_active=False)
    client.force_login(author)
    data = change_form_data(client, draft)
    data.update(
        partners=[str(partner.pk), str(former_partner.pk)],
        cases=[str(public_case.pk), str(private_case.pk)],
    )
    response = client.post(admin_url(draft, "preview"), data)
    assert response.status_code == 200, response.text
    assert response.context["partners"] == [partner]
    assert response.context["cases"] == [public_case]
    assert "Kazakhstan Bureau" in response.text
    assert "Former member" not in response.text
    assert "Secret v. Kazakhstan" not in response.text
    assert list(draft.partners.all()) == []


def test_preparing_an_unsaved_draft_leaves_its_relations_alone(
    draft, torture, partner, public_case, private_case
):
    kazakhstan = factories.country("KZ")
    link = factories.ArticleLinkFactory.build(article=draft, label="Unsaved link")
    unsaved = Article.objects.get(pk=draft.pk)
    unsaved.body = "Changed *body*."
    relations = prepare_unsaved_draft(
        unsaved,
        topics=[torture],
        countries=[kazakhstan],
        partners=[partner, factories.PartnerFactory(is_active=False)],
        cases=[public_case, private_case],
        links=[link],
    )
    assert relations == {
        "topics": [torture],
        "countries": [kazakhstan],
        "links": [link],
        "partners": [partner],
        "cases": [public_case],
    }
    assert "<em>body</em>" in unsaved.body_html
    assert "_prefetched_objects_cache" not in vars(unsaved)
    assert [each.label for each in unsaved.links.all()] == ["Saved link"]


def test_related_articles_in_a_preview_are_published_only(
    client, author, draft, other_draft, torture
):
    published = factories.ArticleFactory(title="A published neighbour")
    published.topics.add(torture)
    client.force_login(author)
    response = client.get(admin_url(draft, "preview"))
    assert "A published neighbour" in response.text
    assert "Another unpublished draft" not in response.text


# Sharing and revoking links


def test_author_shares_a_preview_link(client, author, draft):
    client.force_login(author)
    response = client.post(admin_url(draft, "share_preview"), follow=True)
    assert response.redirect_chain[-1][0] == admin_url(draft, "change")
    link = shared_link_from(response)
    assert "Anyone with this link can read the draft until" in response.text
    client.logout()
    response = client.get(link)
    assert response.status_code == 200
    assert "<h1>Police custody in Almaty</h1>" in response.text


def test_editor_shares_a_preview_link_of_someone_elses_draft(client, editor, draft):
    client.force_login(editor)
    response = client.post(admin_url(draft, "share_preview"), follow=True)
    assert client.get(shared_link_from(response)).status_code == 200


def test_another_author_cannot_share_or_revoke_a_draft(client, draft):
    other_author = factories.UserFactory(username="other", is_staff=True, groups=["Authors"])
    client.force_login(other_author)
    key = draft.preview_key
    # Someone else's article is not there for them at all.
    assert client.get(admin_url(draft, "change")).status_code == 302
    assert client.post(admin_url(draft, "share_preview")).status_code == 404
    assert client.post(admin_url(draft, "revoke_previews")).status_code == 404
    draft.refresh_from_db()
    assert draft.preview_key == key


def test_sharing_and_revoking_need_a_post(client, editor, draft):
    client.force_login(editor)
    assert client.get(admin_url(draft, "share_preview")).status_code == 405
    assert client.get(admin_url(draft, "revoke_previews")).status_code == 405


def test_sharing_stores_nothing(client, editor, draft):
    client.force_login(editor)
    with CaptureQueriesContext(connection) as queries:
        client.post(admin_url(draft, "share_preview"))
    assert database_writes(queries) == []


def test_shared_link_shows_the_draft_without_an_account(client, draft):
    response = client.get(shared_url(make_preview_token(draft)))
    assert response.status_code == 200
    assert response.context["article"] == draft
    assert "<h1>Police custody in Almaty</h1>" in response.text
    assert_is_preview(response)


def test_shared_link_stores_nothing(client, draft):
    token = make_preview_token(draft)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(shared_url(token)).status_code == 200
    assert database_writes(queries) == []


def test_shared_link_expires_after_the_configured_days(client, draft, settings):
    settings.PREVIEW_LINK_MAX_AGE_DAYS = 2
    start = datetime.datetime(2025, 3, 1, 9, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        token = make_preview_token(draft)
    with time_machine.travel(start + datetime.timedelta(days=1, hours=23), tick=False):
        assert client.get(shared_url(token)).status_code == 200
    with time_machine.travel(start + datetime.timedelta(days=2, minutes=1), tick=False):
        response = client.get(shared_url(token))
    assert response.status_code == 410
    assert "This preview link has expired" in response.text
    assert "Police custody in Almaty" not in response.text
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_shared_link_lasts_seven_days_by_default(client, draft, settings):
    del settings.PREVIEW_LINK_MAX_AGE_DAYS
    start = datetime.datetime(2025, 3, 1, 9, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        token = make_preview_token(draft)
    with time_machine.travel(start + datetime.timedelta(days=6, hours=23), tick=False):
        assert client.get(shared_url(token)).status_code == 200
    with time_machine.travel(start + datetime.timedelta(days=7, minutes=1), tick=False):
        assert client.get(shared_url(token)).status_code == 410


def test_revoking_makes_every_shared_link_fail(client, editor, draft):
    old_token = make_preview_token(draft)
    client.force_login(editor)
    before = Article.objects.get(pk=draft.pk)
    response = client.post(admin_url(draft, "revoke_previews"), follow=True)
    assert response.redirect_chain[-1][0] == admin_url(draft, "change")
    assert "Every preview link shared for this article now fails." in response.text
    client.logout()
    assert client.get(shared_url(old_token)).status_code == 404
    draft.refresh_from_db()
    assert draft.preview_key != before.preview_key
    # Revoking is not an edit: no new version that would clash with an open form.
    assert (draft.version, draft.updated_at) == (before.version, before.updated_at)
    assert client.get(shared_url(make_preview_token(draft))).status_code == 200


def test_author_may_revoke_links_to_their_own_draft(client, author, draft):
    token = make_preview_token(draft)
    client.force_login(author)
    assert client.post(admin_url(draft, "revoke_previews")).status_code == 302
    assert client.get(shared_url(token)).status_code == 404


@pytest.mark.parametrize("token", ["nonsense", "1:abc:def", ":::", "x" * 300])
def test_malformed_shared_link_is_404(client, draft, token):
    assert client.get(shared_url(token)).status_code == 404


def test_tampered_shared_link_is_404(client, draft, other_draft):
    token = make_preview_token(draft)
    value, timestamp, signature = token.rsplit(":", 2)
    forged = f"{other_draft.pk}:{other_draft.preview_key}:{timestamp}:{signature}"
    assert client.get(shared_url(forged)).status_code == 404
    flipped = signature[:-1] + ("A" if signature[-1] != "A" else "B")
    assert client.get(shared_url(f"{value}:{timestamp}:{flipped}")).status_code == 404


def test_link_signed_for_another_purpose_is_404(client, draft):
    token = signing.TimestampSigner(salt="another.purpose").sign(f"{draft.pk}:{draft.preview_key}")
    assert client.get(shared_url(token)).status_code == 404


def test_link_to_the_wrong_article_is_404(client, draft, other_draft):
    signer = signing.TimestampSigner(salt=PREVIEW_SALT)
    wrong_key = signer.sign(f"{other_draft.pk}:{draft.preview_key}")
    assert client.get(shared_url(wrong_key)).status_code == 404
    token = make_preview_token(draft)
    draft.delete()
    assert client.get(shared_url(token)).status_code == 404


def test_shared_link_never_reveals_another_draft(
    client, draft, other_draft, public_case, private_case, torture
):
    draft.cases.add(public_case, private_case)
    other_draft.cases.add(public_case)
    response = client.get(shared_url(make_preview_token(draft)))
    assert response.status_code == 200
    assert "Another unpublished draft" not in response.text
    assert "Secret v. Kazakhstan" not in response.text
    assert "Abdullaev v. Kazakhstan" in response.text
    response = client.get(shared_url(make_preview_token(other_draft)))
    assert "Police custody in Almaty" not in response.text
    assert "Another unpublished draft" in response.text


def test_shared_link_answers_only_get(client, draft):
    assert client.post(shared_url(make_preview_token(draft))).status_code == 405


def test_shared_preview_route_leaves_article_pages_alone(client):
    article = factories.ArticleFactory(title="On previews", slug="preview")
    assert client.get("/articles/preview/").status_code == 200
    assert client.get(article.get_absolute_url()).context["article"] == article


# Pending changes to a live article


@pytest.fixture
def pending_changes(editor, published_article, fair_trial):
    """A live article whose saved edits wait for review."""
    data = revisions.snapshot(published_article)
    data.update(
        title="A corrected title",
        body="Pending *body* text.",
        topics=[{"pk": fair_trial.pk, "name": "Fair trial"}],
        links=[{"label": "A pending link", "url": "https://example.org/pending", "order": 0}],
    )
    revisions.save_revision(published_article, editor, pending=True, data=data)
    return published_article


def test_admin_preview_of_a_live_article_shows_its_pending_changes(
    client, editor, pending_changes, fair_trial
):
    client.force_login(editor)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(admin_url(pending_changes, "preview"))
    assert response.status_code == 200
    assert "<h1>A corrected title</h1>" in response.text
    assert "<em>body</em>" in response.text
    assert "Fair trial" in response.text
    assert "A pending link" in response.text
    assert response.context["topics"] == [fair_trial]
    assert [link.label for link in response.context["links"]] == ["A pending link"]
    assert_is_preview(response)
    assert database_writes(queries) == []


def test_shared_link_shows_pending_changes_and_the_public_page_does_not(client, pending_changes):
    response = client.get(shared_url(make_preview_token(pending_changes)))
    assert "<h1>A corrected title</h1>" in response.text
    assert "A pending link" in response.text
    response = client.get(pending_changes.get_absolute_url())
    assert "<h1>Torture in Kazakhstan</h1>" in response.text
    assert "A corrected title" not in response.text


@pytest.mark.parametrize("related", [3, 30])
def test_previews_run_a_fixed_number_of_queries(
    client, author, draft, django_assert_max_num_queries, related
):
    for _ in range(related):
        draft.topics.add(factories.TopicFactory())
        draft.partners.add(factories.PartnerFactory())
        draft.cases.add(factories.LitigationCaseFactory())
        factories.ArticleLinkFactory(article=draft)
        factories.ArticleFactory().topics.add(*draft.topics.all()[:1])
    with django_assert_max_num_queries(SHARED_PREVIEW_QUERIES):
        assert client.get(shared_url(make_preview_token(draft))).status_code == 200
    client.force_login(author)
    with django_assert_max_num_queries(ADMIN_PREVIEW_QUERIES):
        assert client.get(admin_url(draft, "preview")).status_code == 200
