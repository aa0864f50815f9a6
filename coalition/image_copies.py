"""Public copies of uploaded images: the only image files anyone may fetch by their address.

Uploads and their variants are kept in the private storage. While the object they belong to
is public (a live article, an active partner), the original and its variants are copied to
the public storage under the same (unguessable) names; once it is not, or the image is
replaced, the copies are deleted. The object's variants record lists the names that have a
public copy (`RECORD_KEY`), so that pages choose an address without asking the storage.
"""

import logging

from django.db import transaction

from coalition.storage import private_storage, public_storage

logger = logging.getLogger(__name__)

RECORD_KEY = "public"


def made(record):
    """The names that have a public copy, according to a variants record."""
    return list((record or {}).get(RECORD_KEY) or [])


def recorded(names):
    """The part of a variants record that lists `names` as copied (nothing when none are)."""
    return {RECORD_KEY: list(names)} if names else {}


def wanted(registration, instance):
    """The files of `instance`'s image the public may fetch: all while it is public, else none."""
    return registration.files(instance) if registration.is_public(instance) else []


def update(registration, instance, recopy=False):
    """Copy and delete files so that the public storage holds what `instance` wants public;
    return its variants record listing the copies. Call it with the row locked.

    Copies are made at once (the record must not list a file before it is there); deletions
    wait for the commit, when the record no longer lists them.
    """
    record = registration.record(instance)
    have = made(record)
    want = wanted(registration, instance)
    source = getattr(instance, registration.image_field).storage
    copied = copy_to_public([name for name in want if recopy or name not in have], source)
    kept = [name for name in want if name in copied or (name in have and not recopy)]
    delete_on_commit([name for name in have if name not in kept])
    rest = {key: value for key, value in record.items() if key != RECORD_KEY}
    return {**rest, **recorded(kept)}


def copy_to_public(names, source):
    """Copy `names` from `source` to the public storage under the same names; return those
    copied. A file missing from `source` is logged and left out; storage errors propagate."""
    target = public_storage()
    copied = []
    for name in names:
        if not source.exists(name):
            logger.warning("No public copy of %s: the file is missing.", name)
            continue
        if target.exists(name):
            target.delete(name)
        with source.open(name, "rb") as file:
            saved = target.save(name, file)
        if saved != name:
            target.delete(saved)
            raise OSError(f"The public storage saved {name} as {saved}.")
        copied.append(name)
    return copied


def delete(names):
    target = public_storage()
    for name in names:
        try:
            target.delete(name)
        except OSError:
            logger.exception("The public copy %s could not be deleted.", name)


def delete_on_commit(names):
    if names:
        transaction.on_commit(lambda: delete(names), robust=True)


def make_private(rows, names_in_revisions, *, image_field, variants_field, is_public):
    """For data migrations: images saved when uploads were public become private.

    Every file named by `rows` (their images and variants) or by `names_in_revisions` that is
    in the public storage gets a copy in the private storage; the public one is kept only
    for the current image (and variants) of a row `is_public`, which is recorded as copied.
    Names stay as they were, so that revisions still find their files. Files no row or
    revision names are left alone: the storage may serve other databases too.
    """
    public, private = public_storage(), private_storage()
    named = set(names_in_revisions)
    for image, record in rows.values_list(image_field, variants_field):
        named.add(image)
        named.update(record_files(image, record))
    # First into the private storage, where the rows' image fields now look for their files
    # (reading a row may read its image's size).
    for name in sorted(name for name in named if name and public.exists(name)):
        if not private.exists(name):
            with public.open(name, "rb") as file:
                saved = private.save(name, file)
            if saved != name:
                raise OSError(f"The private storage saved {name} as {saved}.")
    keep = set()
    for row in rows:
        name = getattr(row, image_field).name
        record = {
            key: value
            for key, value in (getattr(row, variants_field) or {}).items()
            if key != RECORD_KEY
        }
        shown = []
        if name and is_public(row):
            shown = [file for file in [name, *record_files(name, record)] if public.exists(file)]
        keep.update(shown)
        type(row)._default_manager.filter(pk=row.pk).update(
            **{variants_field: {**record, **recorded(shown)}}
        )
    for name in sorted(named - keep):
        if name and public.exists(name):
            public.delete(name)


def record_files(image, record):
    """The variants a record lists for `image` (none when they were made from another)."""
    record = record or {}
    if not image or record.get("source") != image:
        return []
    return [
        name
        for key, widths in record.items()
        if key not in ("source", RECORD_KEY) and isinstance(widths, dict)
        for name in widths.values()
    ]


def names_in_revisions(apps, label, field):
    """For data migrations: every name `field` held in the revisions of model `label`."""
    app_label, model_name = label.lower().split(".")
    content_type = apps.get_model("contenttypes", "ContentType")
    revision = apps.get_model("coalition", "Revision")
    kinds = content_type.objects.filter(app_label=app_label, model=model_name)
    names = set()
    for data in revision.objects.filter(content_type__in=kinds).values_list("data", flat=True):
        if isinstance(data, dict) and data.get(field):
            names.add(data[field])
    return names
