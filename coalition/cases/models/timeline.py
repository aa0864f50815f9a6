"""The dated events that make up a case's timeline."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from coalition.translation import TranslatableModel

from .cases import LitigationCase


class CaseEventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_public=True, case__is_public=True)


class CaseEvent(TranslatableModel):
    translated_fields = ("title", "description")

    class Precision(models.TextChoices):
        DAY = "day", _("day")
        MONTH = "month", _("month")
        YEAR = "year", _("year")

    class Kind(models.TextChoices):
        FILING = "filing", _("filing")
        COMMUNICATION = "communication", _("communication")
        SUBMISSION = "submission", _("submission")
        HEARING = "hearing", _("hearing")
        DECISION = "decision", _("decision")
        JUDGMENT = "judgment", _("judgment")
        APPEAL = "appeal", _("appeal")
        IMPLEMENTATION = "implementation", _("implementation")
        ADVOCACY = "advocacy", _("advocacy")
        OTHER = "other", _("other")

    case = models.ForeignKey(
        LitigationCase, on_delete=models.CASCADE, related_name="events", verbose_name=_("case")
    )
    date = models.DateField(_("date"))
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=Precision, default=Precision.DAY
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    # Referenced by name so that this app never imports the articles app above it.
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="case_events",
        verbose_name=_("linked article"),
    )
    document = models.ForeignKey(
        "CaseDocument",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("linked document"),
    )
    is_public = models.BooleanField(_("public"), default=True)

    objects = CaseEventQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        indexes = [models.Index(fields=["case", "is_public", "date"])]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.translation('title')}"

    def clean(self):
        if self.document_id and self.document.case_id != self.case_id:
            raise ValidationError({"document": _("The document must belong to the same case.")})

    @property
    def date_format(self):
        """The template date format matching how precisely the date is known."""
        formats = {"day": "DATE_FORMAT", "month": "YEAR_MONTH_FORMAT", "year": "Y"}
        return formats[self.date_precision]
