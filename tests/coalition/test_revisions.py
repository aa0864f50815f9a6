import datetime
import json

import pytest
from django.utils import timezone, translation

from articles.models import Article
from coalition import revisions
from coalition.models import EditPresence, Revision
from coalition.revisions.diff import compare
from partners.models import Partner
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(fair_trial, public_case, partner):
    article = factories.ArticleFactory(
        title="Torture in Kazakhstan", slug="torture", body="The police beat him."
    )
    article.topics.add(fair_trial)
    article.countries.add(factories.country("KZ"))
    article.partners.add(partner)
    article.cases.add(public_case)
    factories.ArticleLinkFactory(
        article=article, label="Report", url="https://a.example/", order=1
    )
    return article


def test_article_snapshot_keeps_fields_relations_and_links(article, fair_trial, public_case):
    data = revisions.snapshot(article)

    assert data["title"] == "Torture in Kazakhstan"
    assert data["body"] == "The police beat him."
    assert data["author"] == {"pk": article.author.pk, "name": str(article.author)}
    assert data["publish_at"] == article.publish_at.isoformat()
    assert data["unpublish_at"] is None
    assert data["topics"] == [{"pk": fair_trial.pk, "name": "Fair trial"}]
    assert data["countries"][0]["name"] == "Kazakhstan"
    assert data["partners"] == [{"pk": article.partners.get().pk, "name": "Kazakhstan Bureau"}]
    assert data["cases"] == [{"pk": public_case.pk, "name": "Abdullaev v. Kazakhstan"}]
    assert data["links"] == [{"label": "Report", "url": "https://a.example/", "order": 1}]
    assert "status" not in data
    json.dumps(data)


def test_case_and_partner_snapshots_keep_their_fields_and_relations(public_case, partner):
    public_case.topics.add(factories.TopicFactory(name="Torture"))
    case_data = revisions.snapshot(public_case)
    assert case_data["status"] == "lodged"
    assert case_data["rights_at_issue"] == "Prohibition of torture\nRight to a fair trial"
    assert case_data["status_changed_on"] == public_case.status_changed_on.isoformat()
    assert [state["name"] for state in case_data["respondent_states"]] == ["Kazakhstan"]
    assert [topic["name"] for topic in case_data["topics"]] == ["Torture"]
    assert case_data["is_public"] is True

    partner.countries.add(factories.country("KZ"))
    partner_data = revisions.snapshot(partner)
    assert partner_data["name"] == "Kazakhstan Bureau"
    assert partner_data["member_since"] == "2015-03-01"
    assert [country["name"] for country in partner_data["countries"]] == ["Kazakhstan"]
    assert partner_data["topics"] == []
    json.dumps(case_data)
    json.dumps(partner_data)


def test_revision_numbers_count_up_per_object(article, editor, partner):
    first = revisions.save_revision(article, editor, "First")
    second = revisions.save_revision(article, editor)
    other = revisions.save_revision(partner, editor)

    assert (first.number, second.number, other.number) == (1, 2, 1)
    assert first.created_by == editor
    assert first.message == "First"
    assert first.content_object == article
    assert first.data["_version"] == article.version


def test_save_revision_records_the_stored_state_not_unsaved_changes(article, editor):
    article.title = "Not saved"
    revision = revisions.save_revision(article, editor)
    assert revision.data["title"] == "Torture in Kazakhstan"


def test_restore_makes_a_new_revision_and_brings_relations_back(
    draft_article, editor, fair_trial, public_case
):
    draft_article.topics.add(fair_trial)
    draft_article.cases.add(public_case)
    factories.ArticleLinkFactory(article=draft_article, label="Report", url="https://a.example/")
    old = revisions.save_revision(draft_article, editor)
    draft_article.title = "Renamed"
    draft_article.save()
    draft_article.topics.clear()
    draft_article.cases.clear()
    draft_article.links.all().delete()
    revisions.save_revision(draft_article, editor)

    restored = revisions.restore(draft_article, old, editor)

    draft_article.refresh_from_db()
    assert draft_article.title == "A draft nobody may see"
    assert list(draft_article.topics.all()) == [fair_trial]
    assert list(draft_article.cases.all()) == [public_case]
    assert [(link.label, link.url) for link in draft_article.links.all()] == [
        ("Report", "https://a.example/")
    ]
    assert restored.number == 3
    assert restored.restored_from == old
    assert not restored.is_pending
    assert Revision.objects.filter(object_id=draft_article.pk).count() == 3
    assert draft_article.version == 2


def test_restoring_a_live_article_saves_a_pending_draft_and_leaves_the_row(article, editor):
    old = revisions.save_revision(article, editor)
    Article.objects.filter(pk=article.pk).update(title="Live title")
    article.refresh_from_db()

    restored = revisions.restore(article, old, editor)

    article.refresh_from_db()
    assert article.title == "Live title"
    assert article.has_unpublished_changes
    assert article.live
    assert article.status == "draft"
    assert restored.is_pending
    assert revisions.pending_revision(article) == restored
    assert restored.data["title"] == "Torture in Kazakhstan"


def test_apply_pending_publishes_the_draft_and_clears_the_flag(article, editor, fair_trial):
    other_topic = factories.TopicFactory(name="Freedom of speech")
    data = {
        **revisions.snapshot(article),
        "title": "New title",
        "topics": [{"pk": other_topic.pk, "name": "Freedom of speech"}],
        "links": [{"label": "Judgment", "url": "https://b.example/", "order": 0}],
    }
    assert revisions.mark_pending(article)
    pending = revisions.save_revision(article, editor, pending=True, data=data)

    applied = revisions.apply_pending(article, editor)

    article.refresh_from_db()
    assert applied == pending
    assert article.title == "New title"
    assert list(article.topics.all()) == [other_topic]
    assert [link.label for link in article.links.all()] == ["Judgment"]
    assert not article.has_unpublished_changes
    assert revisions.pending_revision(article) is None
    assert revisions.apply_pending(article, editor) is None


def test_a_new_pending_revision_supersedes_the_previous_one(article, editor):
    first = revisions.save_revision(article, editor, pending=True)
    second = revisions.save_revision(article, editor, pending=True)
    first.refresh_from_db()
    assert not first.is_pending
    assert revisions.pending_revision(article) == second


def test_materialise_shows_a_revision_without_touching_the_database(article, editor):
    new_topic = factories.TopicFactory(name="Freedom of speech")
    data = {
        **revisions.snapshot(article),
        "title": "Draft title",
        "body": "A **bold** claim.",
        "topics": [{"pk": new_topic.pk, "name": "Freedom of speech"}],
        "links": [{"label": "Judgment", "url": "https://b.example/", "order": 0}],
    }
    revision = revisions.save_revision(article, editor, pending=True, data=data)

    draft, relations = revisions.materialise(article, revision)

    assert draft.pk == article.pk
    assert draft.title == "Draft title"
    assert "<strong>bold</strong>" in draft.body_html
    assert relations["topics"] == [new_topic]
    assert [link.label for link in relations["links"]] == ["Judgment"]
    assert relations["links"][0].pk is None
    article.refresh_from_db()
    assert article.title == "Torture in Kazakhstan"
    assert article.links.get().label == "Report"


def test_open_editors_lists_only_recent_presence(article, editor, admin_user):
    revisions.record_presence(article, editor)
    revisions.record_presence(
        article, admin_user, now=timezone.now() - datetime.timedelta(minutes=3)
    )

    assert [presence.user for presence in revisions.open_editors()] == [editor]
    assert list(revisions.open_editors(Article)) == list(revisions.open_editors())
    assert not revisions.open_editors(since=datetime.timedelta(seconds=0)).exists()
    assert [p.user for p in revisions.others_present(article, admin_user)] == [editor]
    assert not revisions.others_present(article, editor).exists()


def test_recording_presence_again_refreshes_the_same_row(article, editor):
    earlier = timezone.now() - datetime.timedelta(minutes=5)
    revisions.record_presence(article, editor, now=earlier)
    revisions.record_presence(article, editor)
    presence = EditPresence.objects.get()
    assert presence.last_seen > earlier


def test_tracked_models_resolve_by_name():
    labels = {model._meta.label for model in revisions.tracked_models()}
    assert labels == {
        "articles.Article",
        "cases.LitigationCase",
        "library.Document",
        "library.Image",
        "partners.Partner",
    }


def test_partner_revisions_keep_the_logo_for_the_diff_and_restore(partner, editor):
    old_logo = factories.ImageFactory(title="Old logo")
    partner.logo = old_logo
    partner.save()
    first = revisions.save_revision(partner, editor)
    partner.logo = factories.ImageFactory(title="New logo")
    partner.save()
    second = revisions.save_revision(partner, editor)
    assert first.data["logo"] == {"pk": old_logo.pk, "name": "Old logo"}
    assert second.data["logo"] == {"pk": partner.logo.pk, "name": "New logo"}

    changes = compare(first, second, model=Partner)
    assert [(change.name, change.label) for change in changes] == [("logo", "Logo")]

    restored = revisions.restore(partner, first, editor)

    partner.refresh_from_db()
    assert partner.logo == old_logo
    assert restored.data["logo"] == {"pk": old_logo.pk, "name": "Old logo"}


# Snapshots read back: revisions older than a field, deleted records, files, previews


@pytest.fixture
def written(fair_trial, author):
    """A draft (not live, so a restore writes the row) with a topic and a link."""
    article = factories.ArticleFactory(
        title="Torture in Kazakhstan",
        slug="torture",
        standfirst="What the police did.",
        body="The police beat him.",
        status="draft",
        publish_at=None,
        author=author,
    )
    article.topics.add(fair_trial)
    factories.ArticleLinkFactory(
        article=article, label="Report", url="https://a.example/", order=1
    )
    return article


def older_revision(article, editor, **changes):
    """A revision saved before `title`, `topics` and `links` were kept: it has none of them."""
    data = {**revisions.snapshot(article), **changes}
    for name in ("title", "topics", "links"):
        del data[name]
    return revisions.save_revision(article, editor, data=data)


def test_restoring_a_revision_older_than_a_field_brings_back_what_it_has(
    written, editor, fair_trial
):
    old = older_revision(written, editor, standfirst="Old standfirst.", body="Old body.")

    revisions.restore(written, old, editor)

    written.refresh_from_db()
    assert (written.standfirst, written.body) == ("Old standfirst.", "Old body.")
    # What the revision never had is left as it is.
    assert written.title == "Torture in Kazakhstan"
    assert list(written.topics.all()) == [fair_trial]
    assert [link.label for link in written.links.all()] == ["Report"]


def test_previewing_a_revision_older_than_a_field_shows_what_it_has(written, editor):
    old = older_revision(written, editor, body="Old body.")

    draft, relations = revisions.materialise(written, old)

    assert (draft.title, draft.body) == ("Torture in Kazakhstan", "Old body.")
    assert relations["topics"] == []
    assert relations["links"] == []


def test_a_form_opened_on_a_revision_older_than_a_field_gets_what_it_has(written, editor):
    old = older_revision(written, editor, body="Old body.")

    initial = revisions.form_initial(written, old.data)

    assert "title" not in initial
    assert initial["body"] == "Old body."
    assert initial["author"] == written.author.pk
    assert initial["topics"] == []
    assert initial["hero"] is None


def test_a_form_opened_on_a_revision_gets_its_relations(written, editor, fair_trial):
    hero = factories.ImageFactory(title="Police station")
    data = {**revisions.snapshot(written), "hero": {"pk": hero.pk, "name": "Police station"}}

    initial = revisions.form_initial(written, data)

    assert initial["author"] == written.author.pk
    assert initial["translation_of"] is None
    assert initial["topics"] == [fair_trial.pk]
    assert initial["hero"] == hero.pk


def test_restoring_a_revision_naming_a_deleted_record_leaves_the_relation_empty(written, editor):
    source = factories.ArticleFactory(title="Пытки в Казахстане", slug="pytki", language="ru")
    data = revisions.snapshot(written)
    kept = revisions.save_revision(
        written, editor, data={**data, "translation_of": {"pk": source.pk, "name": "Пытки"}}
    )
    gone = revisions.save_revision(
        written, editor, data={**data, "translation_of": {"pk": source.pk + 1000, "name": "X"}}
    )

    revisions.restore(written, kept, editor)
    written.refresh_from_db()
    assert written.translation_of == source

    revisions.restore(written, gone, editor)
    written.refresh_from_db()
    assert written.translation_of is None


def test_restoring_a_revision_without_a_logo_takes_the_logo_away(partner, editor):
    without = revisions.save_revision(partner, editor)
    partner.logo = factories.ImageFactory()
    partner.save()

    revisions.restore(partner, without, editor)

    partner.refresh_from_db()
    assert partner.logo is None


def test_a_snapshot_names_relations_in_the_sites_language(written, fair_trial):
    fair_trial.translations = {"ru": {"name": "Справедливый суд"}}
    fair_trial.save()

    with translation.override("ru"):
        assert str(fair_trial) == "Справедливый суд"
        data = revisions.snapshot(written)

    assert data["topics"] == [{"pk": fair_trial.pk, "name": "Fair trial"}]


def test_a_preview_shows_the_revisions_author_and_links_of_the_draft(written, editor):
    assert written.author != editor  # read once: the row's author is now cached
    data = {**revisions.snapshot(written), "author": {"pk": editor.pk, "name": str(editor)}}
    revision = revisions.save_revision(written, editor, pending=True, data=data)

    draft, relations = revisions.materialise(written, revision)

    assert draft.author == editor
    assert written.author != editor
    assert [(link.label, link.article) for link in relations["links"]] == [("Report", draft)]
