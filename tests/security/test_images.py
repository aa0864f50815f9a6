"""Images are public only while what shows them is (issue 11, finding 7).

The attack: a hero image saved in a pending draft of a live article was served at
/media/articles/hero/…/name.png before publication; so were the images of unpublished
articles and the logos of inactive partners, at names anyone could guess.
"""

import datetime
import importlib
import re
from urllib.parse import urlencode

import pytest
from django.test import TestCase
from django.urls import clear_url_caches, reverse
from django.utils import timezone

from articles import workflow
from articles.preview import make_preview_token, revoke_preview_links
from coalition import revisions
from coalition.storage import private_storage, public_storage
from tests import factories
from tests.admin_helpers import admin_url, change_form_data, open_change_form

pytestmark = pytest.mark.django_db


def committed():
    """Run what waits for the commit (variants, public copies) at the end of the block."""
    return TestCase.captureOnCommitCallbacks(execute=True)


@pytest.fixture
def serving(settings):
    """The site serves MEDIA_URL itself, as a single machine does: /media/ is public."""
    settings.SERVE_MEDIA, settings.DEBUG = True, False
    importlib.reload(importlib.import_module(settings.ROOT_URLCONF))
    clear_url_caches()
    yield
    settings.SERVE_MEDIA = False
    importlib.reload(importlib.import_module(settings.ROOT_URLCONF))
    clear_url_caches()


def fetch(client, url):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, body


def view_url(key, obj, name, **query):
    url = reverse("images:private", kwargs={"key": key, "pk": obj.pk, "name": name})
    return f"{url}?{urlencode(query)}" if query else url


def live_article_with_hero(editor, **fields):
    with committed():
        return factories.ArticleFactory(
            title="Torture in Kazakhstan",
            slug="torture-in-kazakhstan",
            author=editor,
            hero_image=factories.image_upload("prison.png", size=(64, 48)),
            hero_alt="A prison corridor",
            **fields,
        )


def save_new_hero_as_draft(client, article):
    """An editor uploads another hero image to a live article: it waits as a pending draft."""
    data = change_form_data(
        open_change_form(client, article),
        hero_image=factories.image_upload("secret-plan.png", size=(64, 48), colour="red"),
    )
    with committed():
        response = client.post(admin_url(article, "change"), data)
    assert response.status_code == 302, response.content[:2000]
    article.refresh_from_db()
    return revisions.pending_revision(article).data["hero_image"]


def test_a_pending_drafts_hero_image_is_public_only_once_published(client, editor, serving):
    article = live_article_with_hero(editor)
    old = article.hero_image.name
    client.force_login(editor)

    new = save_new_hero_as_draft(client, article)

    assert re.fullmatch(r"articles/hero/[\w-]{22}/secret-plan\.png", new)
    assert article.hero_image.name == old
    assert private_storage().exists(new)
    assert not public_storage().exists(new)
    client.logout()
    assert fetch(client, f"/media/{new}")[0] == 404
    assert fetch(client, view_url("article-hero-image", article, new))[0] == 404
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'src="/media/variants/{old.removesuffix(".png")}-64.jpeg"' in page
    assert "secret-plan" not in page

    with committed():
        workflow.publish(article, editor)

    status, body = fetch(client, f"/media/{new}")
    assert (status, body[:4]) == (200, b"\x89PNG")
    # The image it replaced on the live version is no longer public.
    assert fetch(client, f"/media/{old}")[0] == 404
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'src="/media/variants/{new.removesuffix(".png")}-64.jpeg"' in page


def test_an_unpublished_articles_image_is_gone_from_its_public_address(client, editor, serving):
    article = live_article_with_hero(editor)
    name = article.hero_image.name
    assert fetch(client, f"/media/{name}")[0] == 200

    with committed():
        workflow.unpublish(article, editor)

    assert fetch(client, f"/media/{name}")[0] == 404
    assert fetch(client, view_url("article-hero-image", article, name))[0] == 404
    assert private_storage().exists(name)
    client.force_login(editor)
    assert fetch(client, view_url("article-hero-image", article, name))[0] == 200


def test_an_expired_articles_image_leaves_and_a_scheduled_ones_arrives_on_time(
    client, editor, serving, time_machine
):
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    expiring = live_article_with_hero(editor, unpublish_at=now + datetime.timedelta(hours=1))
    with committed():
        scheduled = factories.ArticleFactory(
            slug="scheduled",
            status="draft",
            publish_at=None,
            hero_image=factories.image_upload("embargoed.png"),
            hero_alt="Embargoed",
        )
        workflow.publish(scheduled, editor, at=now + datetime.timedelta(minutes=30))
    assert public_storage().exists(expiring.hero_image.name)
    assert not public_storage().exists(scheduled.hero_image.name)

    time_machine.move_to(now + datetime.timedelta(hours=2), tick=False)
    with committed():
        workflow.publish_due()

    assert fetch(client, f"/media/{scheduled.hero_image.name}")[0] == 200
    assert fetch(client, f"/media/{expiring.hero_image.name}")[0] == 404


def test_an_inactive_partners_logo_is_not_public_until_it_is_activated(client, serving):
    with committed():
        partner = factories.PartnerFactory(
            is_active=False, logo=factories.image_upload("logo.png", size=(400, 200))
        )
    partner.refresh_from_db()
    names = [partner.logo.name, *partner.logo_variants["webp"].values()]
    assert all(private_storage().exists(name) for name in names)
    assert not any(public_storage().exists(name) for name in names)
    assert fetch(client, f"/media/{partner.logo.name}")[0] == 404

    partner.is_active = True
    with committed():
        partner.save()

    assert all(fetch(client, f"/media/{name}")[0] == 200 for name in names)
    page = client.get(partner.get_absolute_url()).content.decode()
    assert f"/media/{partner.logo_variants['webp']['320']} 320w" in page

    partner.is_active = False
    with committed():
        partner.save()

    assert all(fetch(client, f"/media/{name}")[0] == 404 for name in names)


def test_the_admin_preview_shows_the_draft_image_through_the_checked_view(client, editor):
    article = live_article_with_hero(editor)
    client.force_login(editor)
    new = save_new_hero_as_draft(client, article)

    page = client.get(admin_url(article, "preview")).content.decode()

    url = view_url("article-hero-image", article, new)
    assert f'src="{url}"' in page
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert response["Cache-Control"] == "private, max-age=3600"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_shared_preview_link_lets_its_reader_see_the_draft_image(client, editor):
    article = live_article_with_hero(editor)
    client.force_login(editor)
    new = save_new_hero_as_draft(client, article)
    client.logout()
    token = make_preview_token(article)

    page = client.get(reverse("articles:shared-preview", args=[token])).content.decode()

    url = view_url("article-hero-image", article, new, preview=token)
    assert f'src="{url}"' in page
    assert fetch(client, url)[0] == 200
    assert fetch(client, view_url("article-hero-image", article, new))[0] == 404
    other = factories.ArticleFactory(slug="other", status="draft", publish_at=None)
    stolen = make_preview_token(other)
    assert fetch(client, view_url("article-hero-image", article, new, preview=stolen))[0] == 404
    revoke_preview_links(article)
    assert fetch(client, url)[0] == 404


def test_a_drafts_image_is_404_to_everyone_who_may_not_read_the_draft(
    client, author, other_author, django_user_model
):
    with committed():
        draft = factories.ArticleFactory(
            slug="my-draft",
            author=author,
            status="draft",
            publish_at=None,
            hero_image=factories.image_upload("draft.png"),
            hero_alt="A draft",
        )
    url = view_url("article-hero-image", draft, draft.hero_image.name)

    assert fetch(client, url)[0] == 404
    client.force_login(other_author)
    assert fetch(client, url)[0] == 404
    client.force_login(author)
    assert fetch(client, url)[0] == 200


def test_an_inactive_partners_logo_is_404_to_partner_staff_and_shown_to_editors(
    client, partner, our_admin, their_admin, editor
):
    partner.is_active = False
    partner.logo = factories.image_upload("logo.png")
    with committed():
        partner.save()
    url = view_url("partner-logo", partner, partner.logo.name)

    assert fetch(client, url)[0] == 404
    client.force_login(their_admin)
    assert fetch(client, url)[0] == 404
    # Its own staff lost the portal with the partner (finding 8), its logo too.
    client.force_login(our_admin)
    assert fetch(client, url)[0] == 404
    client.force_login(editor)
    assert fetch(client, url)[0] == 200
    page = open_change_form(client, partner).content.decode()
    assert f'href="{url}"' in page
    assert "/media/" not in page


def test_the_portal_profile_shows_an_active_partners_logo_from_its_public_copy(
    client, partner, our_admin
):
    partner.logo = factories.image_upload("logo.png")
    with committed():
        partner.save()
    client.force_login(our_admin)

    page = client.get(reverse("portal:partner", args=[partner.slug])).content.decode()

    assert f'src="/media/variants/{partner.logo.name.removesuffix(".png")}-40.jpeg"' in page


def test_the_view_serves_only_files_the_object_holds(client, editor):
    mine = live_article_with_hero(editor, status="draft", publish_at=None)
    with committed():
        other = factories.ArticleFactory(
            slug="other",
            status="draft",
            publish_at=None,
            hero_image=factories.image_upload("other.png"),
            hero_alt="Other",
        )
    client.force_login(editor)

    assert fetch(client, view_url("article-hero-image", mine, mine.hero_image.name))[0] == 200
    # An editor may read both drafts, but one's address never reaches the other's file.
    assert fetch(client, view_url("article-hero-image", mine, other.hero_image.name))[0] == 404
    assert fetch(client, view_url("nothing-here", mine, mine.hero_image.name))[0] == 404
    case_file = private_storage().save("cases/1/secret.pdf", factories.image_upload("x.pdf"))
    assert fetch(client, view_url("article-hero-image", mine, case_file))[0] == 404
    assert (
        client.post(view_url("article-hero-image", mine, mine.hero_image.name)).status_code == 405
    )


def test_the_admin_links_a_stored_image_to_the_checked_view_only(client, editor):
    with committed():
        draft = factories.ArticleFactory(
            slug="draft",
            status="draft",
            publish_at=None,
            hero_image=factories.image_upload("draft.png"),
            hero_alt="A draft",
        )
    client.force_login(editor)

    page = open_change_form(client, draft).content.decode()

    name = draft.hero_image.name
    assert f'href="{view_url("article-hero-image", draft, name)}"' in page
    assert f"/media/{name}" not in page
