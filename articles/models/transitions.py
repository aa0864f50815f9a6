"""The workflow's records: each step an article took, and who wants email about them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .articles import Article


class ArticleTransition(models.Model):
    """One step of an article through the editorial workflow: who, when, from, to, why."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("article")
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Article.Status)
    to_status = models.CharField(_("to"), max_length=20, choices=Article.Status)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")

    def __str__(self):
        return f"{self.article}: {self.from_status} → {self.to_status}"


class NotificationPreference(models.Model):
    """Which workflow emails one person wants; everything is on until switched off."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
        verbose_name=_("user"),
    )
    on_submitted = models.BooleanField(_("an article is submitted for my review"), default=True)
    on_changes_requested = models.BooleanField(
        _("changes are requested on my article"), default=True
    )
    on_approved = models.BooleanField(_("my article is approved"), default=True)
    on_published = models.BooleanField(_("my article is published"), default=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return str(self.user)
