"""The data migrations of uploaded images: made private (issue 11), then moved into the
library (issue 13). Each runs on the tables as they were, migrated back to its time."""

import importlib

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import clear_url_caches
from django.utils import timezone

from coalition.library.models import Image
from coalition.storage import private_storage, public_storage

articles_private = importlib.import_module("articles.migrations.0011_private_hero_images")
partners_private = importlib.import_module("partners.migrations.0008_private_logos")

# The last state with hero images and logos of the articles' and partners' own.
BEFORE = [
    ("articles", "0013_content_version"),
    ("partners", "0008_private_logos"),
    ("coalition", "0008_revision_autosave"),
]
AFTER = [
    ("articles", "0016_remove_hero_image_fields"),
    ("partners", "0011_partner_logo_from_the_library"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


# Migrations change tables: real transactions; and the data other tests rely on (content
# types, groups) is put back after each, as the tests that restore a backup expect.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def old_apps():
    """The apps as they were before the library, the tables migrated back to match."""
    apps = migrate(BEFORE)
    yield apps
    executor = MigrationExecutor(connection)
    migrate(executor.loader.graph.leaf_nodes())


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


def stored(storage, name):
    return storage.save(name, ContentFile(b"\x89PNG-" + name.encode()))


def article(apps, slug, **fields):
    model = apps.get_model("articles", "Article")
    fields.setdefault("language", "en")
    return model.objects.create(
        title=slug.replace("-", " ").capitalize(),
        slug=slug,
        standfirst="A standfirst.",
        body="A body.",
        **fields,
    )


def partner(apps, slug, **fields):
    model = apps.get_model("partners", "Partner")
    return model.objects.create(name=slug.capitalize(), slug=slug, summary="A summary.", **fields)


def revision(apps, obj, data, number=1, **fields):
    content_type = apps.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label=obj._meta.app_label, model=obj._meta.model_name
    )[0]
    return apps.get_model("coalition", "Revision").objects.create(
        content_type=content_type, object_id=obj.pk, number=number, data=data, **fields
    )


def old_image(name, widths=(), public=False):
    """A stored hero image or logo with its variants, as the old fields kept them: the
    files in the private storage, and public copies when `public`."""
    record = {"source": stored(private_storage(), name)}
    for width in widths:
        variant = f"variants/{name.removesuffix('.png')}-{width}.jpeg"
        record.setdefault("jpeg", {})[str(width)] = stored(private_storage(), variant)
    files = [name, *record.get("jpeg", {}).values()]
    if public:
        for file in files:
            stored(public_storage(), file)
        record["public"] = files
    return record


def test_heroes_and_logos_become_library_images_at_the_same_addresses(old_apps, client, serving):
    now = timezone.now()
    live_record = old_image("articles/hero/t1/live.png", [480], public=True)
    live = article(
        old_apps,
        "live",
        live=True,
        publish_at=now,
        hero_image="articles/hero/t1/live.png",
        hero_width=800,
        hero_height=400,
        hero_alt="A courthouse",
        hero_credit="Photo: Aida",
        hero_variants=live_record,
    )
    draft = article(
        old_apps,
        "draft",
        language="ru",
        hero_image="articles/hero/t2/draft.png",
        hero_width=64,
        hero_height=48,
        hero_alt="Тюрьма",
        hero_variants=old_image("articles/hero/t2/draft.png"),
    )
    active = partner(
        old_apps,
        "bureau",
        logo="partners/logos/t3/bureau.png",
        logo_width=300,
        logo_height=100,
        logo_variants=old_image("partners/logos/t3/bureau.png", [160], public=True),
        translations={"ru": {"name": "Бюро"}},
    )
    inactive = partner(
        old_apps,
        "gone",
        is_active=False,
        logo="partners/logos/t4/gone.png",
        logo_width=300,
        logo_height=100,
        logo_variants=old_image("partners/logos/t4/gone.png"),
    )
    stored(private_storage(), "articles/hero/t5/waiting.png")
    old = {"title": "Live", "hero_image": "articles/hero/t0/older.png", "hero_alt": "Older"}
    history = revision(old_apps, live, old)
    pending = revision(
        old_apps,
        live,
        {"title": "Live", "hero_image": "articles/hero/t5/waiting.png", "hero_alt": "Waiting"},
        number=2,
        is_pending=True,
    )
    logo_history = revision(old_apps, active, {"logo": "partners/logos/t3/bureau.png"})

    apps = migrate(AFTER)

    images = apps.get_model("library", "Image").objects
    articles = apps.get_model("articles", "Article").objects
    partners = apps.get_model("partners", "Partner").objects
    hero = images.get(pk=articles.get(pk=live.pk).hero_id)
    assert hero.file.name == "articles/hero/t1/live.png"
    assert (hero.title, hero.alt, hero.credit) == ("Live", "A courthouse", "Photo: Aida")
    assert (hero.width, hero.height, hero.variants) == (800, 400, live_record)
    assert not hero.private_until_used
    assert hero.uploaded_by is None
    # The unpublished article's hero was private: it stays so until an article is published.
    draft_hero = images.get(pk=articles.get(pk=draft.pk).hero_id)
    assert draft_hero.file.name == "articles/hero/t2/draft.png"
    assert draft_hero.private_until_used
    assert (draft_hero.alt, draft_hero.translations) == ("Тюрьма", {"ru": {"alt": "Тюрьма"}})
    logo = images.get(pk=partners.get(pk=active.pk).logo_id)
    assert logo.file.name == "partners/logos/t3/bureau.png"
    assert (logo.title, logo.alt) == ("Bureau", "Bureau logo")
    assert logo.translations == {"ru": {"alt": "Логотип Бюро"}}
    assert not logo.private_until_used
    assert images.get(pk=partners.get(pk=inactive.pk).logo_id).private_until_used
    # Revisions name the library image; a waiting draft's upload is in the library too.
    history.refresh_from_db()
    assert history.data["hero"] is None
    assert history.data["hero_image"] == "articles/hero/t0/older.png"
    waiting = images.get(file="articles/hero/t5/waiting.png")
    assert waiting.private_until_used
    assert apps.get_model("coalition", "Revision").objects.get(pk=pending.pk).data["hero"] == {
        "pk": waiting.pk,
        "name": "Live",
    }
    logo_data = apps.get_model("coalition", "Revision").objects.get(pk=logo_history.pk).data
    assert logo_data["logo"] == {"pk": logo.pk, "name": "Bureau"}
    assert logo_data["logo_file"] == "partners/logos/t3/bureau.png"

    # The addresses pages gave them still serve, or lead to where they are now.
    image = Image.objects.get(pk=hero.pk)
    assert image.url == "/media/articles/hero/t1/live.png"
    assert image.srcset("jpeg") == "/media/variants/articles/hero/t1/live-480.jpeg 480w"
    assert client.get("/media/articles/hero/t1/live.png").status_code == 200
    assert client.get("/media/variants/partners/logos/t3/bureau-160.jpeg").status_code == 200
    old_view = f"/images/article-hero-image/{live.pk}/articles/hero/t1/live.png"
    response = client.get(old_view)
    assert (response.status_code, response["Location"]) == (301, image.url)
    assert client.get("/media/articles/hero/t2/draft.png").status_code == 404

    old_apps = migrate(BEFORE)

    articles = old_apps.get_model("articles", "Article").objects
    back = articles.values("hero_image", "hero_alt", "hero_credit", "hero_variants").get(
        pk=live.pk
    )
    assert back == {
        "hero_image": "articles/hero/t1/live.png",
        "hero_alt": "A courthouse",
        "hero_credit": "Photo: Aida",
        "hero_variants": live_record,
    }
    assert articles.values_list("hero_alt", flat=True).get(pk=draft.pk) == "Тюрьма"
    partners = old_apps.get_model("partners", "Partner").objects
    assert partners.values_list("logo", flat=True).get(pk=active.pk) == (
        "partners/logos/t3/bureau.png"
    )
    revisions = old_apps.get_model("coalition", "Revision").objects
    assert revisions.get(pk=logo_history.pk).data == {"logo": "partners/logos/t3/bureau.png"}
    assert "hero" not in revisions.get(pk=pending.pk).data


def test_on_an_empty_database_the_privacy_migrations_touch_no_file(old_apps):
    untouched = stored(public_storage(), "articles/hero/2024/someone-elses.png")

    articles_private.make_hero_images_private(old_apps, None)
    partners_private.make_logos_private(old_apps, None)

    assert public_storage().exists(untouched)
    assert not private_storage().exists(untouched)


def test_files_of_public_objects_keep_a_public_copy_and_the_rest_leave_public_storage(
    old_apps,
):
    def with_old_image(obj, field, variants_field, name, widths=()):
        variants = {"source": name}
        for width in widths:
            variants.setdefault("jpeg", {})[str(width)] = stored(
                public_storage(), f"variants/{name.removesuffix('.png')}-{width}.jpeg"
            )
        # Not read back: reading a row reads its image's unknown size, from the private storage.
        type(obj).objects.filter(pk=obj.pk).update(
            **{field: stored(public_storage(), name), variants_field: variants}
        )
        return [name, *variants.get("jpeg", {}).values()]

    live = article(old_apps, "live", live=True)
    # A live article's pending draft holds an upload of its own, public until now.
    revision(old_apps, live, {"hero_image": "articles/hero/2024/d.png"}, is_pending=True)
    live_files = with_old_image(
        live, "hero_image", "hero_variants", "articles/hero/2024/a.png", [480]
    )
    draft = article(old_apps, "draft")
    draft_files = with_old_image(draft, "hero_image", "hero_variants", "articles/hero/2024/b.png")
    inactive = partner(old_apps, "gone", is_active=False)
    logo_files = with_old_image(inactive, "logo", "logo_variants", "partners/logos/c.png", [160])
    pending = stored(public_storage(), "articles/hero/2024/d.png")

    articles_private.make_hero_images_private(old_apps, None)
    partners_private.make_logos_private(old_apps, None)

    for name in [*live_files, *draft_files, *logo_files, pending]:
        assert private_storage().exists(name), name
    assert all(public_storage().exists(name) for name in live_files)
    assert not any(public_storage().exists(name) for name in [*draft_files, *logo_files, pending])
    records = type(live).objects.values_list("hero_variants", flat=True)
    assert records.get(pk=live.pk)["public"] == live_files
    assert "public" not in records.get(pk=draft.pk)
    logos = type(inactive).objects.values_list("logo_variants", flat=True)
    assert "public" not in logos.get(pk=inactive.pk)
