"""Every change to what a public page shows takes cached pages away once committed."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from articles import signatures, workflow
from articles.models import Article
from coalition import pagecache, revisions
from coalition.images import variants_for
from coalition.library.models import Image
from tests import factories
from tests.admin_helpers import admin_url, change_form_data, open_change_form
from tests.conftest import HIDDEN_STATES, hidden_article_fields

pytestmark = pytest.mark.django_db


def text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def served_from_cache(client, url):
    return client.get(url).templates == []


# Articles


def test_publishing_an_article_shows_it_on_every_cached_page(
    client, page_cache, commit, site, editor
):
    article = factories.ArticleFactory(title="Verdict day", slug="verdict", status="approved")
    article.topics.add(site["topic"])
    urls = ["/", "/articles/", "/articles/?topic=torture", "/feeds/articles/rss/"]
    urls += ["/sitemap-articles.xml"]
    for url in urls:
        assert "verdict" not in text(client, url).lower()

    with commit():
        workflow.publish(article, editor)

    for url in urls:
        assert "verdict" in text(client, url).lower(), url
    assert "Verdict day" in text(client, "/articles/verdict/")


def test_unpublishing_an_article_takes_it_off_every_cached_page(
    client, page_cache, commit, site, editor
):
    article = site["article"]
    urls = ["/", "/articles/", site["partner"].get_absolute_url()]
    urls += [site["case"].get_absolute_url(), "/feeds/articles/atom/", "/sitemap-articles.xml"]
    # Its translation's page names it (hreflang, "Read in") until then.
    urls.append(site["translation"].get_absolute_url())
    for url in [*urls, article.get_absolute_url()]:
        assert "torture-in-kazakhstan" in text(client, url), url

    with commit():
        workflow.unpublish(article, editor)

    for url in urls:
        assert "torture-in-kazakhstan" not in text(client, url), url
    assert client.get(article.get_absolute_url()).status_code == 410


def test_publishing_changes_to_a_live_article_shows_them_and_not_before(
    client, page_cache, commit, site, editor
):
    article, url = site["article"], site["article"].get_absolute_url()
    assert "Torture in Kazakhstan" in text(client, url)
    data = {**revisions.snapshot(article), "title": "A corrected title"}

    with commit():
        revisions.mark_pending(article)
        revisions.save_revision(article, editor, pending=True, data=data)
    assert "A corrected title" not in text(client, url)

    with commit():
        workflow.publish(article, editor)
    assert "A corrected title" in text(client, url)
    assert "A corrected title" in text(client, "/")


def test_saving_a_live_article_shows_the_change(client, page_cache, commit, site):
    article, url = site["article"], site["article"].get_absolute_url()
    text(client, url)

    with commit():
        article.standfirst = "A new opening summary."
        article.save()

    assert "A new opening summary." in text(client, url)


def test_adding_and_removing_an_articles_topics_changes_its_pages(
    client, page_cache, commit, site, fair_trial
):
    article, url = site["article"], site["article"].get_absolute_url()
    assert "Fair trial" not in text(client, url)
    assert client.get("/articles/?topic=fair-trial").status_code == 404

    with commit():
        article.topics.add(fair_trial)
    assert "Fair trial" in text(client, url)
    assert "Torture in Kazakhstan" in text(client, "/articles/?topic=fair-trial")

    with commit():
        article.topics.remove(fair_trial)
    assert "Fair trial" not in text(client, url)
    assert client.get("/articles/?topic=fair-trial").status_code == 404


def test_a_learn_more_link_added_to_a_live_article_shows(client, page_cache, commit, site):
    url = site["article"].get_absolute_url()
    text(client, url)

    with commit():
        factories.ArticleLinkFactory(article=site["article"], label="The Rapporteur's report")

    assert "The Rapporteur&#x27;s report" in text(client, url)


# Articles going live and down by the clock


@pytest.fixture
def now():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def test_a_scheduled_article_shows_once_its_time_comes_without_any_invalidation(
    client, page_cache, site, now
):
    publish_at = timezone.now() + datetime.timedelta(minutes=2)
    factories.ArticleFactory(title="Verdict day", slug="verdict", publish_at=publish_at)
    assert "Verdict day" not in text(client, "/articles/")
    assert served_from_cache(client, "/articles/")
    generation = pagecache.generation()

    now.move_to(publish_at - datetime.timedelta(seconds=2))
    assert served_from_cache(client, "/articles/")
    now.move_to(publish_at)
    assert "Verdict day" in text(client, "/articles/")

    assert pagecache.generation() == generation


def test_an_article_leaves_cached_pages_when_its_unpublish_time_comes(
    client, page_cache, site, now
):
    unpublish_at = timezone.now() + datetime.timedelta(minutes=5)
    Article.objects.filter(pk=site["article"].pk).update(unpublish_at=unpublish_at)
    assert "Torture in Kazakhstan" in text(client, "/")

    now.move_to(unpublish_at)

    assert "Torture in Kazakhstan" not in text(client, "/")
    assert client.get(site["article"].get_absolute_url()).status_code == 410


def test_nobody_is_told_to_keep_a_page_past_the_next_scheduled_change(
    client, page_cache, site, now, settings
):
    settings.PAGE_CACHE_MAX_AGE = 300
    settings.PAGE_CACHE_S_MAXAGE = 600
    publish_at = timezone.now() + datetime.timedelta(seconds=100)
    factories.ArticleFactory(slug="verdict", publish_at=publish_at)

    assert client.get("/")["Cache-Control"] == "public, max-age=100, s-maxage=100"
    now.move_to(publish_at - datetime.timedelta(seconds=40))
    assert client.get("/")["Cache-Control"] == "public, max-age=40, s-maxage=40"


def test_the_next_scheduled_change_is_asked_once_per_generation(
    client, page_cache, site, django_assert_num_queries
):
    factories.ArticleFactory(publish_at=timezone.now() + datetime.timedelta(days=1))
    asked = []
    pagecache.register_schedule(lambda when: asked.append(when))

    try:
        client.get("/")
        client.get("/articles/")
        client.get("/partners/")
        assert len(asked) == 1
        pagecache.invalidate()
        client.get("/")
        assert len(asked) == 2
    finally:
        pagecache._schedules.pop()


def test_the_next_scheduled_change_is_the_nearest_publish_or_unpublish_time(site):
    now = timezone.now()
    soon = now + datetime.timedelta(hours=1)
    factories.ArticleFactory(publish_at=now + datetime.timedelta(hours=3))
    factories.ArticleFactory(publish_at=now - datetime.timedelta(days=1), unpublish_at=soon)
    factories.ArticleFactory(status="draft", publish_at=now + datetime.timedelta(minutes=1))

    assert Article.objects.next_scheduled_change(now) == soon
    assert Article.objects.next_scheduled_change(soon) == now + datetime.timedelta(hours=3)
    assert Article.objects.next_scheduled_change(now + datetime.timedelta(hours=3)) is None


# Partners, cases and the vocabulary


def test_editing_a_partner_changes_its_pages(client, page_cache, commit, site):
    partner = site["partner"]
    urls = [partner.get_absolute_url(), "/partners/", site["article"].get_absolute_url()]
    for url in urls:
        text(client, url)

    with commit():
        partner.name = "Kazakhstan International Bureau"
        partner.save()

    for url in urls:
        assert "Kazakhstan International Bureau" in text(client, url), url


def test_deleting_a_partner_takes_it_off_every_page(client, page_cache, commit, site):
    partner = site["partner"]
    url = partner.get_absolute_url()
    assert "Kazakhstan Bureau" in text(client, "/partners/")
    text(client, url)

    with commit():
        partner.delete()

    assert "Kazakhstan Bureau" not in text(client, "/partners/")
    assert "Kazakhstan Bureau" not in text(client, site["case"].get_absolute_url())
    assert client.get(url).status_code == 404


def test_editing_and_hiding_a_case_changes_its_pages(client, page_cache, commit, site):
    case = site["case"]
    url = case.get_absolute_url()
    text(client, url)
    text(client, "/cases/")

    with commit():
        case.summary = "The applicant won."
        case.save()
    assert "The applicant won." in text(client, url)

    with commit():
        case.is_public = False
        case.save()
    assert "Abdullaev" not in text(client, "/cases/")
    assert client.get(url).status_code == 404


def test_deleting_a_case_takes_it_off_the_list(client, page_cache, commit, site):
    assert "Abdullaev" in text(client, "/cases/")

    with commit():
        site["case"].delete()

    assert "Abdullaev" not in text(client, "/cases/")


def test_a_case_event_added_edited_or_deleted_shows(client, page_cache, commit, site):
    case, url = site["case"], site["case"].get_absolute_url()
    text(client, url)

    with commit():
        event = factories.CaseEventFactory(case=case, title="Judgment delivered")
    assert "Judgment delivered" in text(client, url)

    with commit():
        event.title = "Judgment delivered in Strasbourg"
        event.save()
    assert "Judgment delivered in Strasbourg" in text(client, url)

    with commit():
        event.delete()
    assert "Judgment delivered" not in text(client, url)


def test_a_case_document_added_or_hidden_shows(client, page_cache, commit, site):
    case, url = site["case"], site["case"].get_absolute_url()
    text(client, url)

    with commit():
        document = factories.CaseDocumentFactory(case=case, title="The judgment")
    assert "The judgment" in text(client, url)

    with commit():
        document.visibility = document.Visibility.PARTNERS
        document.save()
    assert "The judgment" not in text(client, url)


def test_a_case_partners_role_changed_shows(client, page_cache, commit, site):
    role, url = site["role"], site["case"].get_absolute_url()
    assert "Lead counsel" in text(client, url)

    with commit():
        role.role = role.Role.INTERVENER
        role.save()

    assert "Third-party intervener" in text(client, url)


def test_renaming_a_topic_or_a_country_shows_everywhere(client, page_cache, commit, site):
    article_url, case_url = site["article"].get_absolute_url(), site["case"].get_absolute_url()
    text(client, article_url)
    text(client, case_url)
    kazakhstan = factories.country("KZ")

    with commit():
        site["topic"].name = "Torture and ill-treatment"
        site["topic"].save()
        kazakhstan.name = "Republic of Kazakhstan"
        kazakhstan.save()

    assert "Torture and ill-treatment" in text(client, article_url)
    assert "Republic of Kazakhstan" in text(client, case_url)


def test_a_change_saved_in_the_admin_shows_before_the_editors_response_returns(
    client, page_cache, commit, site, editor
):
    from django.test import Client

    partner = site["partner"]
    text(client, partner.get_absolute_url())
    admin = Client()
    admin.force_login(editor)
    data = change_form_data(open_change_form(admin, partner), name="Bureau renamed in the admin")

    with commit():
        response = admin.post(admin_url(partner, "change"), data)

    assert response.status_code == 302
    assert "Bureau renamed in the admin" in text(client, partner.get_absolute_url())


# Signatures: the count on the article's page


def test_confirming_a_signature_changes_the_count(client, page_cache, commit, site):
    url = site["article"].get_absolute_url()
    signature = factories.SignatureFactory(article=site["article"], confirmed_at=None)
    assert "0 people have added their voice" in text(client, url)

    with commit():
        signatures.confirm(signature)

    assert "1 person has added their voice" in text(client, url)


def test_withdrawing_a_counted_signature_changes_the_count(client, page_cache, commit, site):
    url = site["article"].get_absolute_url()
    signature = factories.SignatureFactory(article=site["article"])
    assert "1 person has added their voice" in text(client, url)

    with commit():
        signature.delete()

    assert "0 people have added their voice" in text(client, url)


def test_an_unconfirmed_signature_changes_no_page(client, page_cache, commit, site):
    generation = pagecache.generation()

    with commit():
        signature = factories.SignatureFactory(article=site["article"], confirmed_at=None)
        signature.delete()

    assert pagecache.generation() == generation


def test_only_what_the_public_never_sees_is_left_out_of_invalidation():
    from articles.models import ArticleLink, ArticleTransition, NotificationPreference
    from coalition.cases.models import CaseDocument, CaseEvent, CasePartner, LitigationCase
    from coalition.models import Country, EditPresence, Revision, Topic
    from partners.models import Membership, Partner

    shown = [Article, Article.topics.through, ArticleLink, Partner, LitigationCase]
    shown += [CaseEvent, CaseDocument, CasePartner, Topic, Country]
    never = [ArticleTransition, NotificationPreference, Membership, Revision, EditPresence]
    assert all(pagecache.is_shown_to_public(model) for model in shown)
    assert not any(pagecache.is_shown_to_public(model) for model in never)


def test_a_membership_saved_changes_no_page(client, page_cache, commit, site):
    generation = pagecache.generation()

    with commit():
        factories.MembershipFactory(partner=site["partner"])

    assert pagecache.generation() == generation


# Generations


def test_invalidating_makes_every_stored_page_unreachable(client, page_cache, site):
    urls = ["/", "/articles/", site["article"].get_absolute_url(), "/sitemap.xml"]
    urls += ["/sitemap-articles.xml"]
    for url in urls:
        client.get(url)
        assert served_from_cache(client, url)

    pagecache.invalidate()

    for url in urls:
        assert not served_from_cache(client, url), url


def test_a_lost_generation_is_replaced_by_a_new_one_never_an_old_one(client, page_cache, site):
    client.get("/")
    first = pagecache.generation()

    cache.delete(pagecache.GENERATION_KEY)

    assert not served_from_cache(client, "/")
    assert pagecache.generation() != first


def test_a_page_made_while_a_change_commits_is_never_served(client, page_cache, site, monkeypatch):
    """The page is stored under the generation read before it was made, now an old one."""
    asked = pagecache.next_scheduled_change

    def change_commits_meanwhile(*args):
        pagecache.invalidate()
        return asked(*args)

    monkeypatch.setattr(pagecache, "next_scheduled_change", change_commits_meanwhile)
    client.get("/")
    monkeypatch.setattr(pagecache, "next_scheduled_change", asked)

    assert not served_from_cache(client, "/")
    assert served_from_cache(client, "/")


# The public never sees what is not published


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_cached_pages_never_show_an_unpublished_article(client, page_cache, commit, site, state):
    hidden = factories.ArticleFactory(
        title="Hidden article", slug="hidden", **hidden_article_fields(state)
    )
    hidden.topics.add(site["topic"])
    hidden.partners.add(site["partner"])
    urls = ["/", "/articles/", "/articles/?topic=torture", "/ru/articles/", "/sitemap.xml"]
    urls += ["/sitemap-articles.xml", "/sitemap-topics.xml"]
    urls += ["/feeds/articles/rss/", "/feeds/topics/torture/atom/"]
    urls += [site["partner"].get_absolute_url(), site["case"].get_absolute_url()]

    for _ in range(2):
        for url in urls:
            assert "Hidden article" not in text(client, url), url
            assert "/articles/hidden/" not in text(client, url), url
        assert client.get("/articles/hidden/").status_code in (404, 410)


def test_a_logo_moves_to_its_public_copy_on_cached_pages_once_the_copy_is_made(
    client, page_cache, commit, db
):
    # Saved, its copy not yet made: pages link to the checked view, which serves it.
    image = factories.ImageFactory(file=factories.image_upload("logo.png"))
    partner = factories.PartnerFactory(slug="bureau", logo=image)
    url = partner.get_absolute_url()
    assert f"/images/image-file/{image.pk}/{image.file.name}" in text(client, url)
    assert served_from_cache(client, url)

    with commit():
        variants_for(Image, "file").publish(image.pk)

    assert f'src="/media/{image.file.name}"' in text(client, url)


def test_a_library_images_new_alt_text_shows_on_cached_pages_using_it_as_hero_or_logo(
    client, page_cache, commit, db
):
    with commit():
        image = factories.ImageFactory(alt="A courthouse")
        article = factories.ArticleFactory(slug="verdict", hero=image, is_featured=True)
        partner = factories.PartnerFactory(slug="bureau", logo=image)
    urls = [article.get_absolute_url(), partner.get_absolute_url(), "/partners/"]
    for url in urls:
        assert 'alt="A courthouse"' in text(client, url), url
        assert served_from_cache(client, url)

    with commit():
        image.alt = "A courthouse at night"
        image.save()

    for url in urls:
        assert 'alt="A courthouse at night"' in text(client, url), url
