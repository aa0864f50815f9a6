"""Logos become library images: the same files, under the same names, so every address pages
gave them (public copies and variants) keeps working.

Logos of inactive partners stay private until an active partner uses them
(`private_until_used`). Their alt text is what pages said of them, "<name> logo", in every
language the partner's name is translated into. Revisions name the library image instead of
the file; older revisions whose file no partner holds any more keep its name only, as
`logo_file`.
"""

from django.conf import settings
from django.db import migrations
from django.utils import translation

from coalition.library import adopt
from coalition.storage import private_storage


def logo_alt(name, translations):
    """The alt text pages gave a logo, in the source language and in each translation."""
    with translation.override(settings.LANGUAGE_CODE):
        alt = translation.gettext("%(name)s logo") % {"name": name}
    others = {}
    for code, texts in (translations or {}).items():
        with translation.override(code):
            translated = translation.gettext("%(name)s logo")
        others[code] = {"alt": translated % {"name": (texts or {}).get("name") or name}}
    return alt, others


def logos_into_the_library(apps, schema_editor):
    partner_model = apps.get_model("partners", "Partner")
    storage = private_storage()
    # values_list(): a row read as a model reads its logo's size when none is stored.
    rows = partner_model.objects.exclude(logo="").values_list(
        "pk", "name", "translations", "logo", "logo_width", "logo_height", "logo_variants",
        "is_active",
    )
    images = {}
    for pk, name, translations, file, width, height, variants, is_active in rows:
        alt, alt_translations = logo_alt(name, translations)
        image = adopt.adopt(
            apps, storage, file, title=name, alt=alt, translations=alt_translations,
            width=width, height=height, variants=variants, private=not is_active,
        )
        images[file] = image
        partner_model.objects.filter(pk=pk).update(library_logo_id=image)
    for revision in adopt.revisions_of(apps, "partners.Partner").iterator():
        data = revision.data
        if not isinstance(data, dict) or not isinstance(data.get("logo", ""), str):
            continue
        file = data.pop("logo") or ""
        if file:
            data["logo_file"] = file
        data["logo"] = adopt.image_reference(apps, images.get(file))
        revision.data = data
        revision.save(update_fields=["data"])


def logos_out_of_the_library(apps, schema_editor):
    """Back to files of the partners' own, the same ones; the library keeps its images."""
    partner_model = apps.get_model("partners", "Partner")
    image_model = apps.get_model("library", "Image")
    for pk, logo in partner_model.objects.exclude(library_logo=None).values_list(
        "pk", "library_logo"
    ):
        image = image_model.objects.filter(pk=logo).values("file", "width", "height", "variants")[0]
        partner_model.objects.filter(pk=pk).update(
            logo=image["file"],
            logo_width=image["width"],
            logo_height=image["height"],
            logo_variants=image["variants"],
        )
    for revision in adopt.revisions_of(apps, "partners.Partner").iterator():
        data = revision.data
        if not isinstance(data, dict) or isinstance(data.get("logo", ""), str):
            continue
        logo = data.pop("logo")
        file = data.pop("logo_file", None)
        if file is None:
            file = (
                image_model.objects.filter(pk=(logo or {}).get("pk"))
                .values_list("file", flat=True)
                .first()
            ) or ""
        data["logo"] = file
        revision.data = data
        revision.save(update_fields=["data"])


class Migration(migrations.Migration):

    dependencies = [
        ('partners', '0009_partner_library_logo'),
        ('coalition', '0008_revision_autosave'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.RunPython(logos_into_the_library, logos_out_of_the_library),
    ]
