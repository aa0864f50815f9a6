"""The names readers add to an article's "Add your voice" call."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coalition.models import Country

from .articles import Article


class Signature(models.Model):
    """One reader's name added to an article's "Add your voice" call."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="signatures", verbose_name=_("article")
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country"),
    )
    message = models.TextField(_("message"), max_length=1000, blank=True)
    consent = models.BooleanField(_("consent to store these details"), default=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "email"], name="one_signature_per_email_per_article"
            ),
            models.CheckConstraint(condition=Q(consent=True), name="signature_needs_consent"),
        ]

    def __str__(self):
        return f"{self.name} – {self.article}"

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)
