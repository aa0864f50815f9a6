"""Images kept private are served to no one who may not see them (issue 11, finding 7).

The attack: a hero image saved in a pending draft of a live article was served at
/media/articles/hero/…/name.png before publication; so were the images of unpublished
articles and the logos of inactive partners, at names anyone could guess.

Hero images and logos are library images now (issue 13), public once uploaded to the
library. Those that were private when the library took them over (heroes of unpublished
articles, logos of inactive partners) are `private_until_used`: public only once public
content uses them.
"""

import datetime
import importlib
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


def private_image(name="secret-plan.png", **fields):
    """A library image kept private until used, as the migration leaves a draft's hero."""
    with committed():
        return factories.ImageFactory(
            file=factories.image_upload(name, size=(64, 48), colour="red"),
            alt="A plan",
            private_until_used=True,
            **fields,
        )


def jpeg_variant(image):
    """The name of the JPEG variant pages show of a 64 px wide image, its only one."""
    return f"variants/{image.file.name.removesuffix('.png')}-64.jpeg"


def live_article_with_hero(editor, **fields):
    with committed():
        return factories.ArticleFactory(
            title="Torture in Kazakhstan",
            slug="torture-in-kazakhstan",
            author=editor,
            hero=factories.ImageFactory(
                file=factories.image_upload("prison.png", size=(64, 48)),
                alt="A prison corridor",
            ),
            **fields,
        )


def choose_hero_as_draft(client, article, image):
    """An editor chooses another hero image for a live article: it waits as a pending draft."""
    data = change_form_data(open_change_form(client, article), hero=image.pk)
    with committed():
        response = client.post(admin_url(article, "change"), data)
    assert response.status_code == 302, response.content[:2000]
    article.refresh_from_db()
    return revisions.pending_revision(article).data["hero"]["pk"]


def test_a_pending_drafts_private_hero_is_public_only_once_published(client, editor, serving):
    article = live_article_with_hero(editor)
    old = article.hero
    secret = private_image()
    client.force_login(editor)

    assert choose_hero_as_draft(client, article, secret) == secret.pk

    assert article.hero == old
    name = secret.file.name
    assert private_storage().exists(name)
    assert not public_storage().exists(name)
    client.logout()
    assert fetch(client, f"/media/{name}")[0] == 404
    assert fetch(client, view_url("image-file", secret, name))[0] == 404
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'src="/media/variants/{old.file.name.removesuffix(".png")}-64.jpeg"' in page
    assert "secret-plan" not in page

    with committed():
        workflow.publish(article, editor)

    status, body = fetch(client, f"/media/{name}")
    assert (status, body[:4]) == (200, b"\x89PNG")
    secret.refresh_from_db()
    assert not secret.private_until_used
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'src="/media/variants/{name.removesuffix(".png")}-64.jpeg"' in page


def test_a_scheduled_articles_private_hero_arrives_on_time(client, editor, serving, time_machine):
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    secret = private_image("embargoed.png")
    with committed():
        scheduled = factories.ArticleFactory(
            slug="scheduled", status="draft", publish_at=None, hero=secret
        )
        workflow.publish(scheduled, editor, at=now + datetime.timedelta(minutes=30))
    assert not public_storage().exists(secret.file.name)

    time_machine.move_to(now + datetime.timedelta(hours=2), tick=False)
    with committed():
        workflow.publish_due()

    assert fetch(client, f"/media/{secret.file.name}")[0] == 200


def test_an_inactive_partners_private_logo_is_not_public_until_it_is_activated(client, serving):
    logo = private_image("logo.png")
    with committed():
        partner = factories.PartnerFactory(is_active=False, logo=logo)
    logo.refresh_from_db()
    names = [logo.file.name, *logo.variants["webp"].values()]
    assert all(private_storage().exists(name) for name in names)
    assert not any(public_storage().exists(name) for name in names)
    assert fetch(client, f"/media/{logo.file.name}")[0] == 404
    assert "logo.png" not in client.get("/partners/").content.decode()

    partner.is_active = True
    with committed():
        partner.save()

    assert all(fetch(client, f"/media/{name}")[0] == 200 for name in names)
    page = client.get(partner.get_absolute_url()).content.decode()
    assert f"/media/{logo.variants['webp']['64']} 64w" in page


def test_the_admin_preview_shows_a_private_hero_through_the_checked_view(client, editor):
    article = live_article_with_hero(editor)
    secret = private_image()
    client.force_login(editor)
    choose_hero_as_draft(client, article, secret)

    page = client.get(admin_url(article, "preview")).content.decode()

    url = view_url("image-file", secret, secret.file.name)
    assert f'src="{view_url("image-file", secret, jpeg_variant(secret))}"' in page
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert response["Cache-Control"] == "private, max-age=3600"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_shared_preview_link_lets_its_reader_see_a_private_hero(client, editor):
    secret = private_image()
    with committed():
        draft = factories.ArticleFactory(
            slug="draft", author=editor, status="draft", publish_at=None, hero=secret
        )
    token = make_preview_token(draft)

    page = client.get(reverse("articles:shared-preview", args=[token])).content.decode()

    name = secret.file.name
    shown = view_url("image-file", secret, jpeg_variant(secret), preview=token)
    assert f'src="{shown}"'.replace("&", "&amp;") in page
    assert fetch(client, shown)[0] == 200
    url = view_url("image-file", secret, name, preview=token)
    assert fetch(client, url)[0] == 200
    assert fetch(client, view_url("image-file", secret, name))[0] == 404
    other = factories.ArticleFactory(slug="other", status="draft", publish_at=None)
    stolen = make_preview_token(other)
    assert fetch(client, view_url("image-file", secret, name, preview=stolen))[0] == 404
    revoke_preview_links(draft)
    assert fetch(client, url)[0] == 404


def test_a_private_image_is_404_to_the_public_and_partner_staff_and_shown_to_editors(
    client, partner, our_admin, their_admin, editor, author
):
    secret = private_image("logo.png")
    partner.is_active = False
    partner.logo = secret
    with committed():
        partner.save()
    url = view_url("image-file", secret, secret.file.name)

    assert fetch(client, url)[0] == 404
    client.force_login(their_admin)
    assert fetch(client, url)[0] == 404
    # Its own staff lost the portal with the partner (finding 8), its logo too.
    client.force_login(our_admin)
    assert fetch(client, url)[0] == 404
    # Those who may use the library see it, to choose it.
    client.force_login(author)
    assert fetch(client, url)[0] == 200
    client.force_login(editor)
    assert fetch(client, url)[0] == 200
    page = open_change_form(client, partner).content.decode()
    assert "/media/" not in page


def test_the_portal_profile_shows_an_active_partners_logo_from_its_public_copy(
    client, partner, our_admin
):
    with committed():
        partner.logo = factories.ImageFactory(file=factories.image_upload("logo.png"))
        partner.save()
    client.force_login(our_admin)

    page = client.get(reverse("portal:partner", args=[partner.slug])).content.decode()

    name = partner.logo.file.name
    assert f'src="/media/variants/{name.removesuffix(".png")}-40.jpeg"' in page


def test_the_view_serves_only_files_the_image_holds(client, editor):
    mine, other = private_image("mine.png"), private_image("other.png")
    client.force_login(editor)

    assert fetch(client, view_url("image-file", mine, mine.file.name))[0] == 200
    # An editor may see both, but one's address never reaches the other's file.
    assert fetch(client, view_url("image-file", mine, other.file.name))[0] == 404
    assert fetch(client, view_url("nothing-here", mine, mine.file.name))[0] == 404
    case_file = private_storage().save("cases/1/secret.pdf", factories.image_upload("x.pdf"))
    assert fetch(client, view_url("image-file", mine, case_file))[0] == 404
    assert client.post(view_url("image-file", mine, mine.file.name)).status_code == 405


def test_old_addresses_of_hero_images_and_logos_lead_to_the_library(client, editor):
    public = live_article_with_hero(editor).hero
    public.refresh_from_db()
    secret = private_image("logo.png")
    secret.refresh_from_db()
    variant = secret.variants["webp"]["64"]

    # The checked view of an article's hero, as pages gave it before the library.
    response = client.get(view_url("article-hero-image", public, public.file.name))
    assert response.status_code == 301
    assert response["Location"] == f"/media/{public.file.name}"
    # A private one leads to the library's checked view, which lets no stranger in.
    response = client.get(view_url("partner-logo", secret, variant))
    assert response.status_code == 301
    assert response["Location"] == view_url("image-file", secret, variant)
    assert client.get(response["Location"]).status_code == 404
    # A name no library image holds is a 404, as before.
    assert client.get(view_url("partner-logo", secret, "partners/logos/x.png")).status_code == 404
