"""For data migrations: images other models kept themselves become library images.

The library image points at the same stored file, under the same name (nothing is copied or
moved), and takes over the variants record: so the public copies, and every address pages
gave the image and its variants, stay as they were.
"""

from django.conf import settings
from django.core.files.images import get_image_dimensions

from coalition.image_copies import RECORD_KEY
from coalition.languages import language_choices


def dimensions(storage, name):
    """(width, height) of a stored image, or (None, None) when it cannot be read."""
    try:
        with storage.open(name, "rb") as file:
            return get_image_dimensions(file)
    except (OSError, ValueError):
        return None, None


def alt_in(language, alt):
    """The `alt` and `translations` of a library image described in `language`."""
    alt = (alt or "").strip()
    source = settings.LANGUAGE_CODE.split("-")[0]
    code = (language or source).split("-")[0]
    if not alt or code == source or code not in dict(language_choices()):
        return alt, {}
    # The source field holds it too, so that no page falls back to an empty description.
    return alt, {code: {"alt": alt}}


def adopt(
    apps,
    storage,
    name,
    *,
    title,
    alt="",
    language=None,
    translations=None,
    credit="",
    width=None,
    height=None,
    variants=None,
    private=False,
):
    """The id of the library image of stored file `name`, made if there is none yet.

    `alt` is in `language` (the source language by default); `translations` gives it in
    others. `private`: the file had no public copy (its owner was not public), so the image stays
    private until public content uses it.
    """
    image_model = apps.get_model("library", "Image")
    found = image_model.objects.filter(file=name).values_list("pk", flat=True).first()
    if found is not None:
        return found
    if not (width and height):
        width, height = dimensions(storage, name)
    alt, in_language = alt_in(language, alt)
    translations = {**in_language, **(translations or {})}
    record = dict(variants or {})
    if private:
        record.pop(RECORD_KEY, None)
    image = image_model.objects.create(
        title=(title or name.rsplit("/", 1)[-1])[:200],
        alt=alt[:255],
        translations=translations,
        credit=(credit or "")[:255],
        width=width,
        height=height,
        variants=record,
        private_until_used=private,
    )
    # Set by update(): an image field given a name reads the file's size, and may not find it.
    image_model.objects.filter(pk=image.pk).update(file=name)
    return image.pk


def revisions_of(apps, label):
    """The revisions of model `label` ("articles.Article"), for rewriting their data."""
    app_label, model_name = label.lower().split(".")
    content_type = apps.get_model("contenttypes", "ContentType")
    revision = apps.get_model("coalition", "Revision")
    kinds = content_type.objects.filter(app_label=app_label, model=model_name)
    return revision.objects.filter(content_type__in=kinds)


def image_reference(apps, pk):
    """A library image as revisions keep a foreign key: {"pk", "name"}; None for none."""
    if pk is None:
        return None
    image_model = apps.get_model("library", "Image")
    title = image_model.objects.filter(pk=pk).values_list("title", flat=True).first()
    return None if title is None else {"pk": pk, "name": title}
