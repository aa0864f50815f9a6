"""Hero images become library images: the same files, under the same names, so every address
pages gave them (public copies and variants) keeps working.

Heroes of articles the public could not read stay private until an article using them is
published (`private_until_used`); the images of waiting drafts are taken over too, so that
publishing such a draft still shows its hero. Revisions name the library image instead of
the file; older revisions whose file no article holds any more keep its name only.
"""

from django.db import migrations
from django.utils import timezone

from coalition.library import adopt
from coalition.storage import private_storage


def is_public(live, publish_at, unpublish_at):
    # Article.is_live as it was when this migration was written.
    now = timezone.now()
    return (
        live
        and (publish_at is None or publish_at <= now)
        and (unpublish_at is None or unpublish_at > now)
    )


def heroes_into_the_library(apps, schema_editor):
    article_model = apps.get_model("articles", "Article")
    storage = private_storage()
    # values_list(): a row read as a model reads its hero's size when none is stored.
    rows = article_model.objects.exclude(hero_image="").values_list(
        "pk", "title", "language", "hero_image", "hero_width", "hero_height", "hero_alt",
        "hero_credit", "hero_variants", "live", "publish_at", "unpublish_at",
    )
    images = {}
    for pk, title, language, name, width, height, alt, credit, variants, *window in rows:
        image = adopt.adopt(
            apps, storage, name, title=title, alt=alt, language=language, credit=credit,
            width=width, height=height, variants=variants, private=not is_public(*window),
        )
        images[name] = image
        article_model.objects.filter(pk=pk).update(hero_id=image)
    for revision in adopt.revisions_of(apps, "articles.Article").iterator():
        data = revision.data
        if not isinstance(data, dict) or "hero_image" not in data or "hero" in data:
            continue
        name = data.get("hero_image") or ""
        if name and name not in images and (revision.is_pending or revision.is_autosave):
            # A waiting draft's upload: published with the draft, private until then.
            images[name] = adopt.adopt(
                apps, storage, name, title=data.get("title") or "", alt=data.get("hero_alt"),
                language=data.get("language"), credit=data.get("hero_credit"), private=True,
            )
        data["hero"] = adopt.image_reference(apps, images.get(name))
        revision.data = data
        revision.save(update_fields=["data"])


def heroes_out_of_the_library(apps, schema_editor):
    """Back to files of the articles' own, the same ones; the library keeps its images."""
    article_model = apps.get_model("articles", "Article")
    image_model = apps.get_model("library", "Image")
    for pk, language, hero in article_model.objects.exclude(hero=None).values_list(
        "pk", "language", "hero"
    ):
        image = image_model.objects.filter(pk=hero).values(
            "file", "width", "height", "alt", "translations", "credit", "variants"
        )[0]
        alt = (image["translations"] or {}).get(language, {}).get("alt") or image["alt"]
        article_model.objects.filter(pk=pk).update(
            hero_image=image["file"],
            hero_width=image["width"],
            hero_height=image["height"],
            hero_alt=alt,
            hero_credit=image["credit"],
            hero_variants=image["variants"],
        )
    for revision in adopt.revisions_of(apps, "articles.Article").iterator():
        data = revision.data
        if not isinstance(data, dict) or "hero" not in data:
            continue
        hero = data.pop("hero")
        if "hero_image" not in data:
            image = (
                image_model.objects.filter(pk=(hero or {}).get("pk"))
                .values("file", "alt", "credit")
                .first()
            ) or {"file": "", "alt": "", "credit": ""}
            data["hero_image"] = image["file"]
            data["hero_alt"] = image["alt"]
            data["hero_credit"] = image["credit"]
        revision.data = data
        revision.save(update_fields=["data"])


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0014_article_hero'),
        ('coalition', '0008_revision_autosave'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.RunPython(heroes_into_the_library, heroes_out_of_the_library),
    ]
