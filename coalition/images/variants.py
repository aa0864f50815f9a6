"""Resized copies of uploaded images, and which files have public copies.

Each app registers its image fields with `keep_variants()` in its AppConfig.ready(), so that
this module, at the bottom of the dependency chain, never imports the apps above it. The
variants are made by a task (`coalition.tasks.make_image_variants`) after the save commits:
an upload never waits on resizing or on object storage, and pages show the original meanwhile.
"""

import io
import logging
from pathlib import PurePosixPath
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import Signal
from django.urls import reverse
from PIL import Image, ImageOps

from coalition import image_copies, pagecache

from .uploads import open_image

logger = logging.getLogger(__name__)

VARIANTS_FOLDER = "variants"
# Pillow's format name and save options for each format we serve, in order of preference.
FORMATS = {
    "webp": ("WEBP", {"quality": 80, "method": 4}),
    "jpeg": ("JPEG", {"quality": 82, "optimize": True, "progressive": True}),
}
HERO_WIDTHS = (480, 960, 1600)
# Where a record keeps its cropped variants: {"square.webp": name, "square.jpeg": name}.
CROPS_KEY = "crops"
# The record of the focal point the crops were centred on, [x, y] from 0 to 1.
FOCUS_KEY = "focus"
CENTRE = (0.5, 0.5)

registered = []
# Keys of images that moved to another model: {old key: (model label, image field)}.
moved = {}

# Sent (sender: the model, `pk`) once an object's variants record is written, which update()
# does without a save signal: pages that name the files in stored HTML render them again.
variants_saved = Signal()


def nobody(*args):
    return False


def centre(instance):
    return CENTRE


class ImageVariants:
    """The variants of one model's image field, and which files have public copies, recorded
    as JSON in another of its fields: {"source": original, "webp": {width: name}, "jpeg": …,
    "public": [names copied to the public storage]}; with crops, also
    {"crops": {"square.webp": name, …}, "focus": [x, y]}.

    `is_public(instance)` says whether the owner is public now (its image may be too);
    `may_view(request, instance)` whether someone may see its image before the public may.
    `crops` names fixed-size variants ({"square": (320, 320)}) cut around the point
    `focus(instance)` gives, (x, y) from 0 to 1.
    """

    def __init__(
        self, model, image_field, variants_field, widths, is_public, may_view, crops, focus
    ):
        self.model = model
        self.image_field = image_field
        self.variants_field = variants_field
        self.widths = tuple(sorted(widths))
        self.is_public = is_public
        self.may_view = may_view
        self.crops = dict(crops or {})
        self.focus = focus

    def __str__(self):
        return f"{self.model._meta.label}.{self.image_field}"

    @property
    def key(self):
        """The name of this field in the addresses of the permission-checked view."""
        return f"{self.model._meta.model_name}-{self.image_field.replace('_', '-')}"

    def before_save(self, sender, instance, raw=False, update_fields=None, **kwargs):
        """Keep the row's record: tasks write it while the object is open in a form, and a
        save of what the form read would lose the variants and the copies made meanwhile."""
        if raw or instance._state.adding:
            return
        if update_fields is not None and self.variants_field not in update_fields:
            return
        rows = self.model._default_manager.filter(pk=instance.pk)
        if transaction.get_connection(rows.db).in_atomic_block:
            # Held until the save commits: a task cannot write the record in between.
            rows = rows.select_for_update()
        for record in rows.values_list(self.variants_field, flat=True):
            setattr(instance, self.variants_field, record)

    def on_save(self, sender, instance, raw=False, **kwargs):
        if raw:
            return
        if self.is_stale(instance):
            transaction.on_commit(lambda: self.update_later(instance.pk), robust=True)
        # Any save may make the object public or not: its copies are checked once committed,
        # by the row as it is then (this instance's record may be older than the row's).
        if getattr(instance, self.image_field) or image_copies.made(self.record(instance)):
            transaction.on_commit(lambda: self.publish_later(instance.pk), robust=True)

    def on_delete(self, sender, instance, **kwargs):
        image_copies.delete_on_commit(image_copies.made(self.record(instance)))

    def record(self, instance):
        return getattr(instance, self.variants_field) or {}

    def is_stale(self, instance):
        """Whether the recorded variants were made from another original (or none is left),
        or their crops around another focal point."""
        image = getattr(instance, self.image_field)
        recorded = self.record(instance)
        if image:
            return recorded.get("source") != image.name or (
                bool(self.crops) and recorded.get(FOCUS_KEY) != self.focus_of(instance)
            )
        return bool(set(recorded) - {image_copies.RECORD_KEY})

    def focus_of(self, instance):
        """The focal point the crops of `instance` are centred on, as its record keeps it."""
        return [float(value) for value in self.focus(instance)]

    def update_later(self, pk):
        from coalition.tasks import make_image_variants

        make_image_variants.delay(self.model._meta.label, self.image_field, pk)

    def publish_later(self, pk):
        from coalition.tasks import publish_image

        publish_image.delay(self.model._meta.label, self.image_field, pk)

    def update(self, instance, force=False):
        """Make the variants of `instance`'s image unless they were made from this original;
        then bring its public copies up to date."""
        image = getattr(instance, self.image_field)
        recorded = self.record(instance)
        if not force and not self.is_stale(instance):
            return recorded
        delete_variant_files(recorded, storage=image.storage)
        focus = self.focus_of(instance)
        variants = (
            make_variants(image, self.widths, crops=self.crops, focus=focus) if image else {}
        )
        with transaction.atomic():
            row = self.locked(instance.pk)
            if (
                row is None
                or (getattr(row, self.image_field).name or "") != (image.name or "")
                or (self.crops and self.focus_of(row) != focus)
            ):
                # Replaced, refocused or deleted meanwhile: the task of that save makes its own.
                delete_variant_files(variants, storage=image.storage)
                return {}
            made = image_copies.made(self.record(row))
            setattr(row, self.variants_field, {**variants, **image_copies.recorded(made)})
            self.write(row, image_copies.update(self, row, recopy=force))
        setattr(instance, self.variants_field, self.record(row))
        return self.record(row)

    def publish(self, pk):
        """Copy `pk`'s image to the public storage, or delete its copies, as its owner is
        public or not; return the names that have a public copy."""
        with transaction.atomic():
            row = self.locked(pk)
            if row is None:
                return []
            record = image_copies.update(self, row)
            if record != self.record(row):
                self.write(row, record)
            return image_copies.made(record)

    def locked(self, pk):
        return self.model._default_manager.select_for_update().filter(pk=pk).first()

    def write(self, instance, record):
        setattr(instance, self.variants_field, record)
        # update(): no save() signals again, and no new version or modification date.
        self.model._default_manager.filter(pk=instance.pk).update(**{self.variants_field: record})
        # Pages show the variants and choose public addresses; update() sends no signal.
        pagecache.invalidate_on_commit()
        variants_saved.send(sender=self.model, pk=instance.pk)

    def rebuild_all(self, force=False):
        """Update every object's variants and public copies; yield each object with its
        variants."""
        objects = self.model._default_manager.exclude(**{self.image_field: ""}).order_by("pk")
        for instance in objects.iterator(chunk_size=200):
            variants = self.update(instance, force=force)
            # As the owner is now: a copy task lost to an outage is made up for here.
            if image_copies.wanted(self, instance) != image_copies.made(variants):
                self.publish(instance.pk)
            yield instance, variants

    def files(self, instance):
        """The names of `instance`'s image and of its variants: what the view may serve."""
        image = getattr(instance, self.image_field)
        if not image:
            return []
        return [image.name, *variant_names(usable_variants(image, self.record(instance)))]

    def has_public_copy(self, image, record):
        """Whether `image` (of its owner as it is in memory) may be linked at its public copy."""
        return self.is_public(image.instance) and image.name in image_copies.made(record)

    def view_url(self, image, name, query=None):
        """The address of `name` (the image or one of its variants) at the checked view."""
        url = reverse(
            "images:private", kwargs={"key": self.key, "pk": image.instance.pk, "name": name}
        )
        return f"{url}?{urlencode(query)}" if query else url


def keep_variants(
    model,
    image_field,
    variants_field,
    widths,
    *,
    is_public=nobody,
    may_view=nobody,
    crops=None,
    focus=centre,
):
    """Make `model`'s image variants whenever it is saved with a new original (or, with
    `crops`, a new focal point), and keep the public copies of the image as
    `is_public(instance)` says (see ImageVariants)."""
    variants = ImageVariants(
        model, image_field, variants_field, widths, is_public, may_view, crops, focus
    )
    registered.append(variants)
    pre_save.connect(
        variants.before_save,
        sender=model,
        weak=False,
        dispatch_uid=f"image-record-{variants}",
    )
    post_save.connect(
        variants.on_save,
        sender=model,
        weak=False,
        dispatch_uid=f"image-variants-{variants}",
    )
    post_delete.connect(
        variants.on_delete,
        sender=model,
        weak=False,
        dispatch_uid=f"image-copies-{variants}",
    )
    return variants


def variants_for(model, image_field):
    """The registered variants of `model`'s `image_field`."""
    for variants in registered:
        if variants.model is model and variants.image_field == image_field:
            return variants
    raise LookupError(f"No image variants are kept for {model._meta.label}.{image_field}.")


def variants_by_key(key):
    """The registered variants whose `key` is `key`, or None."""
    return next((variants for variants in registered if variants.key == key), None)


def moved_images(key, label, image_field):
    """Say that the images once registered under `key` are now the files of `label`'s
    `image_field` (a model registered with keep_variants), under the same names."""
    moved[key] = (label, image_field)


def find_moved(key, name):
    """(registration, object) of the image that now holds `name`, once shown under `key`
    (see `moved_images`), or None."""
    if key not in moved:
        return None
    from django.apps import apps

    label, image_field = moved[key]
    registration = variants_for(apps.get_model(label), image_field)
    # A variant is named after its original: "variants/<original's stem>-480.webp".
    stem = name.removeprefix(f"{VARIANTS_FOLDER}/").rsplit("-", 1)[0]
    holders = registration.model._default_manager.filter(
        models.Q(**{image_field: name}) | models.Q(**{f"{image_field}__startswith": f"{stem}."})
    )
    for holder in holders[:5]:
        if name in registration.files(holder):
            return registration, holder
    return None


def make_variants(image, widths, crops=None, focus=CENTRE):
    """Save resized WebP and JPEG copies of `image`; return their paths by format and width.
    Each of `crops` ({"square": (320, 320)}) is cut around `focus` and saved too, its name
    telling the focus so that a public copy of another crop is never taken for it.

    An image Pillow cannot read, or one open_image() refuses, gets no variants and is never
    decoded: pages then show the original as it is.
    """
    variants = {"source": image.name}
    try:
        with image.open("rb"), open_image(image) as original:
            original.load()
            picture = ImageOps.exif_transpose(original)
    except ValidationError as error:
        logger.warning("Cannot make variants of %s: %s", image.name, " ".join(error.messages))
        return variants
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        logger.warning("Cannot make variants of %s: %s", image.name, error)
        return variants
    stem = PurePosixPath(VARIANTS_FOLDER, image.name).with_suffix("")
    for width in variant_widths(picture.width, widths):
        height = max(1, round(picture.height * width / picture.width))
        resized = picture.resize((width, height), Image.Resampling.LANCZOS)
        for extension, saved in save_formats(image.storage, resized, f"{stem}-{width}"):
            variants.setdefault(extension, {})[str(width)] = saved
    if crops:
        focus = [float(value) for value in focus]
        at = "{:03d}-{:03d}".format(*(round(value * 999) for value in focus))
        variants[FOCUS_KEY] = focus
        for crop, size in crops.items():
            cut = cropped(picture, size, focus)
            for extension, saved in save_formats(image.storage, cut, f"{stem}-{crop}-{at}"):
                variants.setdefault(CROPS_KEY, {})[f"{crop}.{extension}"] = saved
    return variants


def save_formats(storage, picture, stem):
    """Save `picture` in each of FORMATS as `stem.<extension>`; yield (extension, name)."""
    for extension, (pillow_format, options) in FORMATS.items():
        buffer = io.BytesIO()
        converted(picture, pillow_format).save(buffer, format=pillow_format, **options)
        name = f"{stem}.{extension}"
        if storage.exists(name):
            storage.delete(name)
        yield extension, storage.save(name, ContentFile(buffer.getvalue()))


def cropped(picture, size, focus):
    """The largest part of `picture` of the proportions of `size`, as near as it may be to
    centred on `focus` (x, y from 0 to 1), scaled down to `size` (never up)."""
    width, height = size
    if picture.width * height > picture.height * width:
        box_width, box_height = picture.height * width / height, picture.height
    else:
        box_width, box_height = picture.width, picture.width * height / width
    left = min(max(focus[0] * picture.width - box_width / 2, 0), picture.width - box_width)
    top = min(max(focus[1] * picture.height - box_height / 2, 0), picture.height - box_height)
    box = (round(left), round(top), round(left + box_width), round(top + box_height))
    scale = min(1, width / box_width)
    target = (max(1, round(box_width * scale)), max(1, round(box_height * scale)))
    return picture.resize(target, Image.Resampling.LANCZOS, box=box)


def variant_widths(original_width, widths):
    """The widths to make: those below the original's, and the original's own if it is smaller
    than the largest, so that no variant is ever scaled up."""
    chosen = [width for width in widths if width < original_width]
    if original_width <= max(widths):
        chosen.append(original_width)
    return chosen


def converted(picture, pillow_format):
    """`picture` in a mode the format can store; JPEG has no transparency, so white shows."""
    has_alpha = picture.mode in ("RGBA", "LA") or "transparency" in picture.info
    if pillow_format == "JPEG":
        if has_alpha:
            background = Image.new("RGB", picture.size, "white")
            background.paste(picture.convert("RGBA"), mask=picture.convert("RGBA").getchannel("A"))
            return background
        return picture.convert("RGB")
    return picture.convert("RGBA" if has_alpha else "RGB")


def variant_names(variants):
    resized = [name for extension in FORMATS for name in (variants.get(extension) or {}).values()]
    return [*resized, *(variants.get(CROPS_KEY) or {}).values()]


def crop_name(variants, crop, extension):
    """The name of one crop of an image in one format, or None when there is none."""
    return (variants.get(CROPS_KEY) or {}).get(f"{crop}.{extension}")


def delete_variant_files(variants, storage):
    for name in variant_names(variants):
        storage.delete(name)


def usable_variants(image, variants):
    """`variants` if they were made from `image` as it is now, else none (such as when a
    preview shows a new, unsaved original)."""
    variants = variants or {}
    return variants if image and variants.get("source") == image.name else {}


def by_width(variants, extension):
    """The (width, name) pairs of one format's variants, narrowest first."""
    return sorted((int(width), name) for width, name in (variants.get(extension) or {}).items())
