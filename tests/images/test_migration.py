"""The data migrations that made uploads private: files saved when every upload was public."""

import importlib

import pytest
from django.apps import apps
from django.core.files.base import ContentFile

from articles.models import Article
from coalition import revisions
from coalition.storage import private_storage, public_storage
from partners.models import Partner
from tests import factories

pytestmark = pytest.mark.django_db

articles_migration = importlib.import_module("articles.migrations.0011_private_hero_images")
partners_migration = importlib.import_module("partners.migrations.0008_private_logos")


def public_file(name):
    """A file saved where uploads used to go, at the guessable name it used to get."""
    return public_storage().save(name, ContentFile(b"\x89PNG-" + name.encode()))


def with_old_image(obj, field, variants_field, name, widths=()):
    variants = {"source": name}
    for width in widths:
        variants.setdefault("jpeg", {})[str(width)] = public_file(
            f"variants/{name.removesuffix('.png')}-{width}.jpeg"
        )
    # Not read back: reading a row reads its image's unknown size, from the private storage.
    type(obj).objects.filter(pk=obj.pk).update(
        **{field: public_file(name), variants_field: variants}
    )
    return [name, *variants.get("jpeg", {}).values()]


def test_on_an_empty_database_the_migrations_touch_no_file():
    untouched = public_file("articles/hero/2024/someone-elses.png")

    articles_migration.make_hero_images_private(apps, None)
    partners_migration.make_logos_private(apps, None)

    assert public_storage().exists(untouched)
    assert not private_storage().exists(untouched)


def test_files_of_public_objects_keep_a_public_copy_and_the_rest_leave_public_storage(
    editor,
):
    live = factories.ArticleFactory(slug="live")
    # A live article's pending draft holds an upload of its own, public until now.
    revisions.save_revision(
        live,
        editor,
        pending=True,
        data={**revisions.snapshot(live), "hero_image": "articles/hero/2024/d.png"},
    )
    live_files = with_old_image(
        live, "hero_image", "hero_variants", "articles/hero/2024/a.png", [480]
    )
    draft = factories.ArticleFactory(slug="draft", status="draft", publish_at=None)
    draft_files = with_old_image(draft, "hero_image", "hero_variants", "articles/hero/2024/b.png")
    inactive = factories.PartnerFactory(is_active=False)
    logo_files = with_old_image(inactive, "logo", "logo_variants", "partners/logos/c.png", [160])
    pending = public_file("articles/hero/2024/d.png")

    articles_migration.make_hero_images_private(apps, None)
    partners_migration.make_logos_private(apps, None)

    for name in [*live_files, *draft_files, *logo_files, pending]:
        assert private_storage().exists(name), name
    assert all(public_storage().exists(name) for name in live_files)
    assert not any(public_storage().exists(name) for name in [*draft_files, *logo_files, pending])
    assert Article.objects.get(pk=live.pk).hero_variants["public"] == live_files
    assert "public" not in Article.objects.get(pk=draft.pk).hero_variants
    assert "public" not in Partner.objects.get(pk=inactive.pk).logo_variants
