"""Translations in the admin: made from the source, one per language, flagged when the source
changes, marked up to date; and who may make them."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

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
        hero_alt="A prison wall",
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


def test_a_translation_gets_its_own_copy_of_the_hero_image(editor, source, hero_png):
    source.hero_image = hero_png
    source.save()

    draft = translations.create_translation(source, "ru", editor)

    assert draft.hero_image.name != source.hero_image.name
    with draft.hero_image.open("rb") as copy, source.hero_image.open("rb") as original:
        assert copy.read() == original.read()
    assert (draft.hero_width, draft.hero_height) == (source.hero_width, source.hero_height)
