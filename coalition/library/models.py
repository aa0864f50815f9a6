"""The library's records: images (with their variants) and documents, and the tags on both."""

from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from coalition.images import (
    UnguessableUploadTo,
    UploadImageField,
    addresses,
    crop_name,
    srcset,
)
from coalition.languages import language_choices
from coalition.models import VersionedModel
from coalition.translation import TranslatableModel, other_languages
from coalition.uploads import fingerprint

from . import documents, images, references
from .fields import DocumentFileField


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self):
        return self.name


class Licence(models.TextChoices):
    ALL_RIGHTS_RESERVED = "all-rights-reserved", _("all rights reserved")
    WITH_PERMISSION = "with-permission", _("used with permission")
    CC_BY = "cc-by-4.0", "CC BY 4.0"
    CC_BY_SA = "cc-by-sa-4.0", "CC BY-SA 4.0"
    CC_BY_NC = "cc-by-nc-4.0", "CC BY-NC 4.0"
    CC0 = "cc0", _("CC0 (no rights reserved)")
    PUBLIC_DOMAIN = "public-domain", _("public domain")


class LibraryItemQuerySet(models.QuerySet):
    def search(self, text):
        """Items whose title (or, for images, alt text) or a tag holds `text`."""
        text = (text or "").strip()
        if not text:
            return self
        found = models.Q(title__icontains=text) | models.Q(tags__name__icontains=text)
        if self.model is Image:
            found |= models.Q(alt__icontains=text)
        return self.filter(pk__in=self.filter(found).values("pk"))


class LibraryItem(VersionedModel):
    """What images and documents share: a title, tags, who uploaded it and when."""

    title = models.CharField(_("title"), max_length=200)
    tags = models.ManyToManyField(
        Tag, verbose_name=_("tags"), related_name="%(class)ss", blank=True
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
        editable=False,
    )
    # The upload's date; `updated_at` says when its details or its file last changed.
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    # A partner's staff upload in the portal for their stories, and see only their own
    # organisation's items; the secretariat's own have none. Named by string: partners is
    # above the library.
    partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="library_%(class)ss",
        verbose_name=_("organisation"),
        editable=False,
        help_text=_("The partner organisation whose staff uploaded it in the portal."),
    )

    objects = LibraryItemQuerySet.as_manager()

    # "image" or "document": its name in the Markdown references (see `references`).
    reference_kind = ""

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def reference(self):
        """What a Markdown body holds to show this item (see `references.reference_for`)."""
        return references.reference_for(self)


class Image(TranslatableModel, LibraryItem):
    """An uploaded picture with what pages need to show it well: alt text, caption, credit,
    licence and the point a crop keeps in view."""

    translated_fields = ("alt", "caption")
    reference_kind = references.IMAGE

    file = UploadImageField(
        _("image"),
        upload_to=UnguessableUploadTo("library/images"),
        width_field="width",
        height_field="height",
        max_length=255,
    )
    width = models.PositiveIntegerField(_("width"), null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True, editable=False)
    alt = models.CharField(
        _("alt text"),
        max_length=255,
        blank=True,
        help_text=_(
            "What the image shows, for people who cannot see it. Required unless the image "
            "is decorative."
        ),
    )
    decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_("It adds nothing to the text, so screen readers skip it (no alt text)."),
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    credit = models.CharField(
        _("credit"), max_length=255, blank=True, help_text=_("Who made it, such as “Photo: …”.")
    )
    licence = models.CharField(
        _("licence"), max_length=30, choices=Licence, default=Licence.ALL_RIGHTS_RESERVED
    )
    focal_x = models.FloatField(
        _("focal point, across"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_("From 0 (left edge) to 1 (right edge); empty for the centre."),
    )
    focal_y = models.FloatField(
        _("focal point, down"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_("From 0 (top edge) to 1 (bottom edge); empty for the centre."),
    )
    variants = models.JSONField(default=dict, blank=True, editable=False)
    # Set on files brought into the library from an article or a partner not public then,
    # and on partners' uploads in the portal (see `images`, `privacy`): they stay private
    # until public content shows them.
    private_until_used = models.BooleanField(
        _("private until used"),
        default=False,
        editable=False,
        help_text=_(
            "Kept from the public until a published article or an active partner uses it."
        ),
    )

    class Meta(LibraryItem.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(focal_x__isnull=True) | models.Q(focal_x__range=(0, 1)),
                name="library_image_focal_x_within",
            ),
            models.CheckConstraint(
                condition=models.Q(focal_y__isnull=True) | models.Q(focal_y__range=(0, 1)),
                name="library_image_focal_y_within",
            ),
        ]

    def clean(self):
        super().clean()
        if self.decorative:
            return
        errors = {}
        if not self.alt.strip():
            errors["alt"] = _("Describe the image for people who cannot see it.")
        # A language the image is translated into needs its alt text too: else readers of
        # that language would hear the caption in theirs and the description in another.
        names = dict(other_languages())
        missing = [
            str(names.get(language, language))
            for language, texts in (self.translations or {}).items()
            if texts and not (texts.get("alt") or "").strip()
        ]
        if missing:
            errors.setdefault("alt", []).append(
                format_lazy(
                    _("The caption is translated into {languages}: translate the alt text too."),
                    languages=", ".join(missing),
                )
            )
        if errors:
            raise ValidationError(errors)

    @property
    def focal_point(self):
        """(x, y) from 0 to 1, the centre when none is set."""
        x = 0.5 if self.focal_x is None else self.focal_x
        y = 0.5 if self.focal_y is None else self.focal_y
        return x, y

    def alt_text(self, language=None):
        """The alt attribute in `language` (the active one by default): empty if decorative."""
        return "" if self.decorative else self.translation("alt", language)

    def addresses(self, query=None):
        """How pages link to the file and its variants (see coalition.images.addresses)."""
        return addresses(self.file, self.variants, query=query)

    def srcset(self, extension="webp"):
        """The `srcset` of one format's variants: "url 480w, url 960w"."""
        found = self.addresses()
        return srcset(found.variants, extension, found.url)

    @property
    def url(self):
        """The address of the original (its public copy once made)."""
        return self.addresses().url(self.file.name)

    def thumbnail_url(self, extension="webp"):
        """The square thumbnail centred on the focal point; the original until it is made."""
        found = self.addresses()
        name = crop_name(found.variants, images.SQUARE, extension)
        return found.url(name or self.file.name)


class DocumentKind(models.TextChoices):
    """What a document is, told to readers beside its link: "Report, PDF, 2.1 MB"."""

    REPORT = "report", _("Report")
    BRIEF = "brief", _("Briefing")
    SUBMISSION = "submission", _("Submission")
    JUDGMENT = "judgment", _("Judgment")
    TRANSLATION = "translation", _("Translation")
    PRESS_RELEASE = "press-release", _("Press release")
    LETTER = "letter", _("Letter")


class Document(LibraryItem):
    """A public file editors link to from the text: a report, a brief, a judgment's translation.

    The file is kept in the private storage, as every upload is, and copied to the public
    storage once saved (see `documents`); pages link to the copy, or meanwhile to the view.
    A partner's upload waits, private, until published content uses it.
    """

    reference_kind = references.DOCUMENT

    file = DocumentFileField(
        _("file"),
        upload_to=UnguessableUploadTo("library/documents"),
        max_length=255,
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=DocumentKind,
        blank=True,
        help_text=_("Shown to readers beside the link, with the file's type and size."),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=language_choices,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language the document is written in."),
    )
    date = models.DateField(
        _("date"), null=True, blank=True, help_text=_("When it was published or issued.")
    )
    file_type = models.CharField(_("type"), max_length=10, blank=True, editable=False)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    checksum = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False)
    # The name of the file's copy in the public storage, once made: pages link to it.
    public_copy = models.CharField(max_length=255, blank=True, editable=False)
    # Set on a partner's upload in the portal: no public copy, and the file served only to
    # its organisation's staff and the editors, until published content uses it.
    private_until_used = models.BooleanField(
        _("private until used"),
        default=False,
        editable=False,
        help_text=_("Kept from the public until a published article uses it."),
    )

    class Meta(LibraryItem.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            self.checksum, self.size = fingerprint(self.file)
        self.file_type = file_type(self.file.name)
        super().save(*args, **kwargs)

    @property
    def url(self):
        """The address of the file: its public copy once made, else the library's view."""
        return documents.url(self)


def file_type(name):
    """The label of a file's type from its (checked) extension: "PDF", "DOCX"."""
    return PurePosixPath(name or "").suffix.lstrip(".").upper()[:10]
