"""Cases, the forums that hear them, their proceedings and the partners working on them."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Max, Q
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalition.markdown import render_markdown
from coalition.models import Country, Topic, VersionedModel
from coalition.translation import TranslatableModel, in_reader_language
from partners.models import Partner


class Forum(models.Model):
    class Kind(models.TextChoices):
        DOMESTIC_COURT = "domestic", _("domestic court")
        REGIONAL_COURT = "regional", _("regional court")
        UN_TREATY_BODY = "un_treaty_body", _("UN treaty body")
        COMMISSION = "commission", _("commission")

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forums",
        verbose_name=_("country"),
        help_text=_("For a domestic court; empty for international bodies."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("forum")
        verbose_name_plural = _("forums")

    def __str__(self):
        return self.name

    @property
    def display_name(self):
        return self.short_name or self.name


class LitigationCaseQuerySet(models.QuerySet):
    def published(self):
        """Cases the public may see."""
        return self.filter(is_public=True)

    def active(self):
        return self.exclude(status__in=LitigationCase.Status.finished())

    def teasers(self):
        """Without what lists never show: the facts, the aim, their HTML, the search vector."""
        return self.defer(
            "facts", "facts_html", "strategic_aim", "strategic_aim_html", "search_vector"
        )

    def with_last_update(self):
        """Annotate `last_update`: the later of the status change and the last public event."""
        last_event = Max("events__date", filter=Q(events__is_public=True))
        return self.annotate(
            last_update=Greatest(
                Coalesce(last_event, "status_changed_on"),
                "status_changed_on",
            )
        )

    def for_partner(self, partner):
        return self.filter(case_partners__partner=partner).distinct()


class LitigationCase(TranslatableModel, VersionedModel):
    class Status(models.TextChoices):
        PREPARING = "preparing", _("in preparation")
        LODGED = "lodged", _("lodged")
        COMMUNICATED = "communicated", _("communicated")
        PENDING = "pending", _("pending")
        HEARING = "hearing", _("hearing")
        DECIDED = "decided", _("decided")
        APPEAL = "appeal", _("on appeal")
        IMPLEMENTATION = "implementation", _("implementation")
        CLOSED = "closed", _("closed")
        INADMISSIBLE = "inadmissible", _("declared inadmissible")
        STRUCK_OUT = "struck_out", _("struck out")
        FRIENDLY_SETTLEMENT = "friendly_settlement", _("friendly settlement")
        WITHDRAWN = "withdrawn", _("withdrawn")

        @classmethod
        def finished(cls):
            return [
                cls.CLOSED,
                cls.INADMISSIBLE,
                cls.STRUCK_OUT,
                cls.FRIENDLY_SETTLEMENT,
                cls.WITHDRAWN,
            ]

    class ImplementationStatus(models.TextChoices):
        NOT_APPLICABLE = "not_applicable", _("not applicable yet")
        AWAITED = "awaited", _("awaiting implementation")
        PARTIAL = "partial", _("partially implemented")
        FULL = "full", _("fully implemented")
        NOT_IMPLEMENTED = "not_implemented", _("not implemented")

    translated_fields = ("title", "short_title", "summary", "facts", "strategic_aim")

    title = models.CharField(_("title"), max_length=255)
    short_title = models.CharField(
        _("short title"), max_length=100, blank=True, help_text=_("Such as 'Abdullaev v. KZ'.")
    )
    slug = models.SlugField(
        _("slug"), max_length=255, help_text=_("Part of the URL; old links keep working.")
    )
    summary = models.TextField(_("summary"), help_text=_("A short paragraph shown in lists."))
    facts = models.TextField(_("facts"), blank=True, help_text=_("Markdown."))
    facts_html = models.TextField(editable=False, blank=True)
    strategic_aim = models.TextField(_("strategic aim"), blank=True, help_text=_("Markdown."))
    strategic_aim_html = models.TextField(editable=False, blank=True)
    status = models.CharField(
        _("status"), max_length=30, choices=Status, default=Status.PREPARING, db_index=True
    )
    implementation_status = models.CharField(
        _("implementation status"),
        max_length=30,
        choices=ImplementationStatus,
        default=ImplementationStatus.NOT_APPLICABLE,
    )
    status_changed_on = models.DateField(
        _("status last changed"),
        default=timezone.localdate,
        help_text=_("Set to today when the status changes, unless you give another date."),
    )
    respondent_states = models.ManyToManyField(
        Country, verbose_name=_("respondent states"), related_name="cases"
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), related_name="cases", blank=True
    )
    rights_at_issue = models.TextField(
        _("rights at issue"),
        blank=True,
        help_text=_("One per line, such as 'Prohibition of torture (Article 3 ECHR)'."),
    )
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Only public cases appear on the site.")
    )

    objects = LitigationCaseQuerySet.as_manager()

    class Meta:
        ordering = ["-status_changed_on", "title"]
        verbose_name = _("litigation case")
        verbose_name_plural = _("litigation cases")
        indexes = [models.Index(fields=["is_public", "status"])]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._loaded_status = self.status
        self._loaded_status_changed_on = self.status_changed_on

    def __str__(self):
        return in_reader_language(self.translation("short_title"), self.translation("title"))

    def save(self, *args, **kwargs):
        backdated = self.status_changed_on != self._loaded_status_changed_on
        if self.pk and self.status != self._loaded_status and not backdated:
            self.status_changed_on = timezone.localdate()
        self.facts_html = render_markdown(self.facts)
        self.strategic_aim_html = render_markdown(self.strategic_aim)
        super().save(*args, **kwargs)
        self._loaded_status = self.status
        self._loaded_status_changed_on = self.status_changed_on

    def get_absolute_url(self):
        return reverse("cases:detail", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def rights(self):
        return [line.strip() for line in self.rights_at_issue.splitlines() if line.strip()]

    @property
    def is_finished(self):
        return self.status in self.Status.finished()


class Proceeding(models.Model):
    case = models.ForeignKey(
        LitigationCase,
        on_delete=models.CASCADE,
        related_name="proceedings",
        verbose_name=_("case"),
    )
    forum = models.ForeignKey(
        Forum, on_delete=models.PROTECT, related_name="proceedings", verbose_name=_("forum")
    )
    number = models.CharField(
        _("application or case number"),
        max_length=100,
        blank=True,
        help_text=_("As printed by the forum, such as 'no. 12345/19'."),
    )
    number_normalised = models.CharField(max_length=100, blank=True, editable=False, db_index=True)
    lodged_on = models.DateField(_("lodged"), null=True, blank=True)
    communicated_on = models.DateField(_("communicated"), null=True, blank=True)
    decided_on = models.DateField(_("decided"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=255, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appeals",
        verbose_name=_("appeal from"),
    )

    class Meta:
        ordering = ["lodged_on", "pk"]
        verbose_name = _("proceeding")
        verbose_name_plural = _("proceedings")

    def __str__(self):
        if self.number:
            return f"{self.forum.display_name}, {self.number}"
        return self.forum.display_name

    def save(self, *args, **kwargs):
        self.number_normalised = normalise_case_number(self.number)
        super().save(*args, **kwargs)

    def clean(self):
        if self.parent_id and self.parent.case_id != self.case_id:
            raise ValidationError({"parent": _("An appeal must belong to the same case.")})
        dates = [d for d in (self.lodged_on, self.communicated_on, self.decided_on) if d]
        if dates != sorted(dates):
            raise ValidationError(_("Lodged, communicated and decided dates must be in order."))


def normalise_case_number(number):
    """'No. 12345/19 ' -> '12345/19': the form people type into search."""
    cleaned = re.sub(r"^\s*(application\s+)?no\.?\s*", "", number, flags=re.IGNORECASE)
    return re.sub(r"\s+", "", cleaned).upper()


class CasePartnerQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_public=True, partner__is_active=True, case__is_public=True)


class CasePartner(models.Model):
    class Role(models.TextChoices):
        LEAD_COUNSEL = "lead_counsel", _("lead counsel")
        CO_COUNSEL = "co_counsel", _("co-counsel")
        REPRESENTATIVE = "representative", _("applicant's representative")
        INTERVENER = "intervener", _("third-party intervener")
        SUPPORTER = "supporter", _("supporter")

    case = models.ForeignKey(
        LitigationCase,
        on_delete=models.CASCADE,
        related_name="case_partners",
        verbose_name=_("case"),
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="case_roles", verbose_name=_("partner")
    )
    role = models.CharField(_("role"), max_length=30, choices=Role)
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Hide a partner whose role must stay confidential.")
    )

    objects = CasePartnerQuerySet.as_manager()

    class Meta:
        ordering = ["case", "role", "partner__name"]
        verbose_name = _("case partner")
        verbose_name_plural = _("case partners")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "partner", "role"], name="one_role_per_partner_per_case"
            ),
        ]

    def __str__(self):
        return f"{self.partner} – {self.get_role_display()}"
