from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coalition.markdown import render_markdown
from coalition.models import Country, Topic, VersionedModel
from coalition.translation import TranslatableModel, in_reader_language
from coalition.translation.collation import in_reader_order


class PartnerQuerySet(models.QuerySet):
    def published(self):
        """Partners the public sees: current members of the coalition."""
        return self.filter(is_active=True)

    def for_user(self, user):
        """Partners `user` works for, through a membership."""
        return self.filter(memberships__user=user)

    def ids_in_reader_order(self):
        """The ids of these partners, by name in the active language's alphabetical order."""
        rows = self.order_by("name").only("pk", "name", "translations")
        return [partner.pk for partner in in_reader_order(rows, self.model)]


class Partner(TranslatableModel, VersionedModel):
    translated_fields = ("name", "short_name", "summary", "description")

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(
        _("short name"), max_length=50, blank=True, help_text=_("An acronym, such as KIBHR.")
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    logo = models.ForeignKey(
        "library.Image",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="logo_of_partners",
        verbose_name=_("logo"),
        help_text=_("Chosen from the media library, where its alt text is kept."),
    )
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two sentences shown in lists.")
    )
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    description_html = models.TextField(editable=False, blank=True)
    website = models.URLField(_("website"), blank=True)
    public_email = models.EmailField(_("public email"), blank=True)
    countries = models.ManyToManyField(
        Country, verbose_name=_("countries of work"), related_name="partners", blank=True
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics of work"), related_name="partners", blank=True
    )
    member_since = models.DateField(_("member since"), null=True, blank=True)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive partners are hidden from the public.")
    )

    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return self.translation("name")

    @property
    def logo_alt(self):
        """The logo's alt text in the reader's language ("" when decorative)."""
        return self.logo.alt_text() if self.logo_id else ""

    def save(self, *args, **kwargs):
        self.description_html = render_markdown(self.description)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("partners:detail", kwargs={"slug": self.slug})

    @property
    def display_name(self):
        """The short name, else the name: whichever is in the reader's language."""
        return in_reader_language(self.translation("short_name"), self.translation("name"))


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("partner admin")
        MEMBER = "member", _("member")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("partner")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.MEMBER)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["partner__name", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "partner"], name="one_membership_per_partner"),
        ]

    def __str__(self):
        return f"{self.user} – {self.partner} ({self.get_role_display()})"
