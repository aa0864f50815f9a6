"""Documents filed in or about a case, stored privately or linked elsewhere."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coalition.storage import private_storage
from coalition.translation import TranslatableModel
from coalition.uploads import fingerprint
from partners.models import Partner

from .cases import LitigationCase


class CaseDocumentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(visibility=CaseDocument.Visibility.PUBLIC, case__is_public=True)


def case_document_path(document, filename):
    return f"cases/{document.case_id}/{filename}"


class CaseDocument(TranslatableModel):
    translated_fields = ("title",)

    class Kind(models.TextChoices):
        APPLICATION = "application", _("application")
        OBSERVATIONS = "observations", _("observations")
        INTERVENTION = "intervention", _("third-party intervention")
        JUDGMENT = "judgment", _("judgment")
        DECISION = "decision", _("decision")
        COMMUNICATION = "communication", _("communication")
        PRESS_RELEASE = "press_release", _("press release")
        EVIDENCE = "evidence", _("evidence")
        OTHER = "other", _("other")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("public")
        PARTNERS = "partners", _("case partners")
        EDITORS = "editors", _("editors only")

    class Language(models.TextChoices):
        EN = "en", _("English")
        RU = "ru", _("Russian")
        KK = "kk", _("Kazakh")
        KY = "ky", _("Kyrgyz")
        TG = "tg", _("Tajik")
        UZ = "uz", _("Uzbek")
        FR = "fr", _("French")
        OTHER = "other", _("other")

    case = models.ForeignKey(
        LitigationCase, on_delete=models.CASCADE, related_name="documents", verbose_name=_("case")
    )
    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.OTHER)
    date = models.DateField(_("date"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=10, choices=Language, default="en")
    file = models.FileField(
        _("file"),
        upload_to=case_document_path,
        storage=private_storage,
        blank=True,
        max_length=255,
    )
    external_url = models.URLField(
        _("external URL"), blank=True, help_text=_("Instead of a file, such as HUDOC's copy.")
    )
    checksum = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False)
    size = models.PositiveBigIntegerField(
        _("size in bytes"), null=True, blank=True, editable=False
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility,
        default=Visibility.PARTNERS,
        help_text=_("Who may see and download it."),
    )
    partner = models.ForeignKey(
        Partner,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="uploaded_documents",
        verbose_name=_("uploaded for partner"),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = CaseDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "title"]
        verbose_name = _("case document")
        verbose_name_plural = _("case documents")
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(external_url=""),
                name="document_has_file_or_url",
            ),
        ]

    def __str__(self):
        return self.translation("title")

    def save(self, *args, **kwargs):
        newly_uploaded = self.file and not self.file._committed
        if self.file and (newly_uploaded or not self.checksum):
            self.checksum, self.size = fingerprint(self.file)
        elif not self.file:
            # A cleared file leaves nothing to fingerprint.
            self.checksum, self.size = "", None
        super().save(*args, **kwargs)

    def clean(self):
        if not self.file and not self.external_url:
            raise ValidationError(_("Upload a file or give an external URL."))

    def get_download_url(self):
        if self.external_url and not self.file:
            return self.external_url
        return reverse("cases:document", kwargs={"pk": self.case_id, "document_pk": self.pk})
