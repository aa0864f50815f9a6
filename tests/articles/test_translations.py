"""Translations in the admin: made from the source, one per language, flagged when the source
changes, marked up to date; and who may make them."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F

from articles import dashboard, translations, workflow
from articles.models import Article
from coalition import revisions
from tests import factories
from tests.admin_helpers import admin_url, change_form_data, open_change_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def source(torture):
    article = factories.ArticleFactory(
        title="Torture in Kazakhstan: Eradicated by 2013?",
        slug="torture-eradicated",
        standfirst="The government promised to end torture.",
        body="Ten years on, **torture** goes on.",
        byline="Coalition staff",
        hero=factories.ImageFactory(alt="A prison wall"),
        cta_enabled=True,
        cta_prompt="Call on the government",
    )
    article.topics.add(torture)
    factories.ArticleLinkFactory(article=article, label="The report", url="https://example.org/r")
    return article


def translate(client, article, language):
    return client.post(admin_url(article, "translate", language))


def test_translating_makes_a_draft_prefilled_from_the_source(client, editor, source, torture):
    client.force_login(editor)

    response = translate(client, source, "ru")

    draft = Article.objects.get(language="ru")
    assert response.status_code == 303
    assert response["Location"] == admin_url(draft, "change")
    assert draft.translation_of == source
    assert draft.translation_group == source.pk == source.translation_group
    assert draft.source_version == source.version
    assert draft.status == Article.Status.DRAFT
    assert not draft.live
    assert draft.slug == "torture-eradicated-ru"
    assert (draft.title, draft.standfirst, draft.body) == (
        source.title,
        source.standfirst,
        source.body,
    )
    assert "<strong>torture</strong>" in draft.body_html
    assert list(draft.topics.all()) == [torture]
    assert [(link.label, link.url) for link in draft.links.all()] == [
        ("The report", "https://example.org/r")
    ]
    assert (draft.cta_enabled, draft.cta_prompt, draft.hero_alt) == (
        True,
        "Call on the government",
        "A prison wall",
    )
    assert draft.author == editor
    assert draft.byline == "Coalition staff"
    assert draft.publish_at is None
    assert draft.first_published_at is None
    assert revisions.revisions_of(draft).count() == 1


def test_the_translation_page_shows_the_source_beside_the_form(client, editor, source):
    client.force_login(editor)
    translate(client, source, "ru")
    draft = Article.objects.get(language="ru")

    response = client.get(admin_url(draft, "change"))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="translation-source"' in page
    assert 'lang="en"' in page
    assert "Ten years on, **torture** goes on." in page
    assert "Source changed since translated" not in page


def test_the_source_page_offers_only_the_missing_languages(client, editor, source):
    client.force_login(editor)
    translate(client, source, "ru")

    page = client.get(admin_url(source, "change")).content.decode()

    assert admin_url(source, "translate", "ru") not in page
    for code, _name in Article._meta.get_field("language").choices:
        if code not in ("en", "ru"):
            assert admin_url(source, "translate", code) in page
    assert "Other languages of this article" in page


def test_translating_into_a_language_already_there_makes_no_second_one(client, editor, source):
    client.force_login(editor)
    translate(client, source, "ru")

    response = translate(client, source, "ru")

    assert response.status_code == 303
    assert response["Location"] == admin_url(source, "change")
    assert Article.objects.filter(language="ru").count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "already has a translation into Russian" in page


def test_translating_into_the_sources_own_language_is_refused(client, editor, source):
    client.force_login(editor)

    translate(client, source, "en")

    assert Article.objects.count() == 1


def test_translating_a_translation_translates_its_source(client, editor, source):
    client.force_login(editor)
    translate(client, source, "ru")
    russian = Article.objects.get(language="ru")

    with pytest.raises(ValidationError):
        translations.create_translation(russian, "en", editor)
    translate(client, russian, "ru")

    assert Article.objects.filter(translation_of=source).count() == 1


def test_an_unknown_language_is_refused_without_an_error_page(client, editor, source):
    client.force_login(editor)

    response = translate(client, source, "xx")

    assert response.status_code == 303
    assert Article.objects.count() == 1


def test_translating_needs_a_post(client, editor, source):
    client.force_login(editor)

    response = client.get(admin_url(source, "translate", "ru"))

    assert response.status_code == 405
    assert Article.objects.count() == 1


def test_the_database_keeps_one_article_per_language_in_a_group(source):
    factories.ArticleFactory(translation_of=source, language="ru", slug="one")

    with pytest.raises(IntegrityError), transaction.atomic():
        factories.ArticleFactory(translation_of=source, language="ru", slug="two")
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.ArticleFactory(translation_of=source, language="en", slug="three")


def test_an_author_translates_what_they_may_read(client, author, source):
    own = factories.ArticleFactory(author=author, slug="own", status="draft", publish_at=None)
    client.force_login(author)

    response = translate(client, own, "ru")

    draft = Article.objects.get(language="ru")
    assert response["Location"] == admin_url(draft, "change")
    assert draft.author == author
    # The new draft is theirs to edit.
    assert client.get(admin_url(draft, "change")).status_code == 200


def test_an_author_cannot_translate_someone_elses_article(client, author, source):
    client.force_login(author)

    response = translate(client, source, "ru")

    assert response.status_code in (302, 403, 404)
    assert Article.objects.count() == 1
    assert not workflow.may_translate(author, source)


def test_staff_who_may_not_write_articles_cannot_translate(client, source):
    reader = factories.UserFactory(username="reader", is_staff=True)
    reader.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="articles", codename__in=["view_article", "review_article"]
        )
    )
    client.force_login(reader)

    response = translate(client, source, "ru")

    assert response.status_code == 403
    assert Article.objects.count() == 1
    assert "Translate into" not in client.get(admin_url(source, "change")).content.decode()


def test_the_public_cannot_translate(client, source):
    response = translate(client, source, "ru")

    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert Article.objects.count() == 1


def edit_source(client, source, **changes):
    response = open_change_form(client, source)
    data = change_form_data(response, **changes)
    return client.post(admin_url(source, "change"), data)


def test_a_source_edit_flags_the_translation_until_marked_up_to_date(client, editor, source):
    client.force_login(editor)
    translate(client, source, "ru")
    russian = Article.objects.get(language="ru")
    assert not translations.source_changed(russian)
    assert "source_changed" not in flagged(editor)

    edit_source(client, source, standfirst="The government promised to end torture by 2013.")

    russian.refresh_from_db()
    assert translations.source_changed(russian)
    assert flagged(editor) == [russian.title]
    page = client.get(admin_url(russian, "change")).content.decode()
    assert "Source changed since translated" in page
    assert "<del>torture.</del><ins>torture by 2013.</ins>" in page
    dashboard_page = client.get("/admin/").content.decode()
    assert "source changed since translated" in dashboard_page

    response = client.post(admin_url(russian, "translation_up_to_date"))

    assert response.status_code == 303
    russian.refresh_from_db()
    assert not translations.source_changed(russian)
    assert "source_changed" not in flagged(editor)
    assert (
        "Source changed since translated"
        not in client.get(admin_url(russian, "change")).content.decode()
    )


def flagged(user):
    """The titles in the dashboard's 'source changed' section, when it lists any."""
    found = {section.slug: section for section in dashboard.dashboard_for(user)}
    section = found["source_changed"]
    return [article.title for article in section.articles] if section.count else {}


def test_editing_the_translation_itself_raises_no_flag(client, editor, source):
    client.force_login(editor)
    translate(client, source, "ru")
    russian = Article.objects.get(language="ru")

    edit_source(client, russian, title="Пытки в Казахстане")

    russian.refresh_from_db()
    assert russian.title == "Пытки в Казахстане"
    assert not translations.source_changed(russian)


def test_marking_up_to_date_needs_leave_to_edit_the_translation(client, author, editor, source):
    russian = translations.create_translation(source, "ru", editor)
    source.title = "Changed"
    source.version += 1
    source.save()
    revisions.save_revision(source, editor, "Changed")
    source.refresh_from_db()
    client.force_login(author)

    response = client.post(admin_url(russian, "translation_up_to_date"))

    assert response.status_code in (302, 403, 404)
    russian.refresh_from_db()
    assert translations.source_changed(russian)


def test_marking_a_source_up_to_date_is_refused_with_a_message(client, editor, source):
    client.force_login(editor)

    response = client.post(admin_url(source, "translation_up_to_date"), follow=True)

    assert "is not a translation" in response.content.decode()


def test_the_language_of_a_linked_article_is_read_only(client, editor, source):
    translations.create_translation(source, "ru", editor)
    client.force_login(editor)

    form = open_change_form(client, source).context["adminform"].form

    assert "language" not in form.fields


def test_a_new_article_chooses_its_language(client, editor):
    factories.ArticleFactory(slug="unlinked")
    client.force_login(editor)

    form = open_change_form(client, Article.objects.get()).context["adminform"].form

    assert "language" in form.fields


def test_translations_of_lists_the_group_but_the_article(editor, source):
    russian = translations.create_translation(source, "ru", editor)
    other = factories.ArticleFactory(slug="other")

    assert list(Article.objects.translations_of(source)) == [russian]
    assert list(Article.objects.translations_of(russian)) == [source]
    assert list(Article.objects.translations_of(other)) == []


def test_a_translation_shares_the_hero_image_described_in_its_language(editor, source):
    source.hero.set_translations("ru", {"alt": "Тюремная стена"})
    source.hero.save()

    draft = translations.create_translation(source, "ru", editor)

    assert draft.hero == source.hero
    assert draft.hero_alt == "Тюремная стена"
    assert source.hero_alt == "A prison wall"


# "Source changed" means the text to translate changed, not the source's version


def content_version(article):
    return Article.objects.values_list("content_version", flat=True).get(pk=article.pk)


def test_workflow_steps_on_the_source_raise_no_flag(client, editor, source):
    client.force_login(editor)
    translate(client, source, "ru")
    russian = Article.objects.get(language="ru")
    before = content_version(source)

    # Saved in the admin without a change (a pending draft of the same text), published,
    # taken down and published again: each moves the version on.
    edit_source(client, source)
    source.refresh_from_db()
    workflow.publish(source, editor)
    workflow.unpublish(source, editor)
    workflow.publish(source, editor)

    source.refresh_from_db()
    russian.refresh_from_db()
    assert source.version > russian.source_version
    assert content_version(source) == before
    assert not translations.source_changed(russian)
    assert "source_changed" not in flagged(editor)


@pytest.mark.parametrize(
    "changes",
    [
        {"body": "Twenty years on, **torture** goes on."},
        {"title": "Torture in Kazakhstan: still there"},
        {"seo_description": "Torture goes on in Kazakhstan."},
        {"cta_prompt": "Write to the minister"},
    ],
)
def test_editing_the_text_to_translate_flags_the_translation(client, editor, source, changes):
    client.force_login(editor)
    translate(client, source, "ru")
    russian = Article.objects.get(language="ru")

    edit_source(client, source, **changes)

    russian.refresh_from_db()
    assert translations.source_changed(russian)
    assert flagged(editor) == [russian.title]


def test_a_changed_link_label_flags_the_translation(editor, source):
    russian = translations.create_translation(source, "ru", editor)
    data = revisions.snapshot(source)
    data["links"][0]["label"] = "The full report"

    revisions.save_revision(source, editor, "New label", pending=True, data=data)

    russian.refresh_from_db()
    assert translations.source_changed(russian)


def test_changing_what_is_not_translated_raises_no_flag(editor, source, fair_trial):
    russian = translations.create_translation(source, "ru", editor)
    data = revisions.snapshot(source)
    data.update(byline="Someone else", is_featured=True, topics=[fair_trial.pk])

    revisions.save_revision(source, editor, "Other topics", pending=True, data=data)

    russian.refresh_from_db()
    assert not translations.source_changed(russian)


def test_publishing_an_edit_flags_it_once_and_marking_clears_it(client, editor, source):
    client.force_login(editor)
    translate(client, source, "ru")
    russian = Article.objects.get(language="ru")
    before = content_version(source)

    edit_source(client, source, body="Twenty years on, **torture** goes on.")
    source.refresh_from_db()
    workflow.publish(source, editor)

    assert content_version(source) == before + 1
    source.refresh_from_db()
    assert source.body == "Twenty years on, **torture** goes on."
    client.post(admin_url(russian, "translation_up_to_date"))
    russian.refresh_from_db()
    assert not translations.source_changed(russian)
    assert russian.source_content_version == before + 1


def test_the_dashboard_lists_only_translations_whose_source_text_changed(
    client, editor, source, django_assert_max_num_queries
):
    client.force_login(editor)
    other = factories.ArticleFactory(title="Another source", slug="another-source")
    changed = translations.create_translation(source, "ru", editor)
    republished = translations.create_translation(other, "kk", editor)

    edit_source(client, source, body="Twenty years on, **torture** goes on.")
    # Featured on the home page and published: a new version, the same text.
    edit_source(client, other, is_featured="on")
    other.refresh_from_db()
    workflow.publish(other, editor)
    assert other.version > republished.source_version

    with django_assert_max_num_queries(1):
        listed = list(Article.objects.source_changed())
    assert listed == [changed]
    assert flagged(editor) == [changed.title]
    assert republished.title not in flagged(editor)


def test_the_migration_counts_a_translation_of_unchanged_text_up_to_date(editor, source):
    migration = importlib.import_module("articles.migrations.0013_content_version")
    revisions.save_revision(source, editor, "First")
    unchanged = translations.create_translation(source, "ru", editor)
    changed = translations.create_translation(source, "kk", editor)
    source.refresh_from_db()
    # As before the migration: versions only, the source later moved by workflow steps.
    Article.objects.filter(pk=source.pk).update(version=F("version") + 3, content_digest="")
    Article.objects.filter(pk=changed.pk).update(source_version=0)
    Article.objects.update(source_content_version=None)

    migration.note_content(django_apps, None)

    unchanged.refresh_from_db()
    changed.refresh_from_db()
    assert not translations.source_changed(unchanged)
    assert translations.source_changed(changed)
    assert Article.objects.get(pk=source.pk).content_digest


def test_a_save_of_an_instance_read_before_keeps_the_content_version(editor, source):
    russian = translations.create_translation(source, "ru", editor)
    stale = Article.objects.get(pk=source.pk)
    data = revisions.snapshot(source)
    data["body"] = "Twenty years on, **torture** goes on."
    revisions.save_revision(source, editor, "New body", pending=True, data=data)

    stale.is_featured = True
    stale.save()

    russian.refresh_from_db()
    assert translations.source_changed(russian)
    assert content_version(source) == stale.content_version + 1
