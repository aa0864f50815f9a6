"""The shared vocabulary (topics, countries) and the revisions and presence every app uses."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalition.translation import TranslatableModel


class Topic(TranslatableModel):
    translated_fields = ("name", "description")

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.localised_name

    @property
    def localised_name(self):
        """The name in the reader's language where we have it, else in the source language."""
        return self.translation("name")


class Country(TranslatableModel):
    translated_fields = ("name",)

    code = models.CharField(
        _("code"),
        max_length=2,
        unique=True,
        help_text=_("ISO 3166-1 alpha-2 code, such as KZ."),
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[A-Z]{2}$"),
                name="country_code_is_two_capitals",
            ),
        ]

    def __str__(self):
        return self.localised_name

    @property
    def localised_name(self):
        """The name in the reader's language where we have it, else in the source language."""
        return self.translation("name")


class VersionedModel(models.Model):
    """What every model registered for revisions has (see `coalition.revisions.register`)."""

    # Raised by one on every save, so that a save from a stale form is refused.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # Filled by coalition.search on PostgreSQL, where a GIN index covers it; empty elsewhere.
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class Revision(models.Model):
    """A saved state of a registered object (article, case, partner): its content as JSON."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    number = models.PositiveIntegerField(_("number"))
    data = models.JSONField(_("content"))
    message = models.CharField(_("message"), max_length=255, blank=True)
    is_pending = models.BooleanField(
        _("pending"),
        default=False,
        help_text=_("Changes to live content that are not yet published."),
    )
    is_autosave = models.BooleanField(
        _("autosaved"),
        default=False,
        help_text=_(
            "Text kept every half minute while someone edits: not a saved version. One per "
            "person and object; gone when the object is saved."
        ),
    )
    restored_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("restored from"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("saved by"),
    )
    created_at = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "number"],
                condition=models.Q(is_autosave=False),
                name="one_revision_number",
            ),
            models.UniqueConstraint(
                fields=["content_type", "object_id", "created_by"],
                condition=models.Q(is_autosave=True),
                name="one_autosave_per_person",
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id", "-number"])]

    def __str__(self):
        return f"{self.content_type.name} {self.object_id} #{self.number}"


class EditPresence(models.Model):
    """Who has an object's admin page open now: a soft lock that expires by itself."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_seen = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-last_seen"]
        verbose_name = _("open editor")
        verbose_name_plural = _("open editors")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "user"], name="one_presence_per_editor"
            ),
        ]

    def __str__(self):
        return f"{self.user} on {self.content_type.name} {self.object_id}"


class UndeliveredMail(models.Model):
    """A message the mail server did not take after every retry; editors can send it again.

    What was submitted (the signature, the invitation, the step) is stored already; this row
    keeps only how to build the message again: the task and the ids it was given.
    """

    task = models.CharField(_("kind of mail"), max_length=100)
    arguments = models.JSONField(_("built from"), default=list)
    language = models.CharField(_("language"), max_length=10, blank=True)
    recipient = models.CharField(_("recipient"), max_length=254)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    error = models.TextField(_("error"))
    failed_at = models.DateTimeField(_("failed at"), default=timezone.now, db_index=True)
    sent_again_at = models.DateTimeField(_("sent again at"), null=True, blank=True)

    class Meta:
        ordering = ["-failed_at", "-pk"]
        verbose_name = _("mail not delivered")
        verbose_name_plural = _("mail not delivered")

    def __str__(self):
        return f"{self.subject} ({self.failed_at:%Y-%m-%d %H:%M})"

    def send_again(self):
        """Queue this message again, built afresh from its ids, for its recipient only."""
        from coalition.celery import app
        from coalition.mail import enqueue

        # Tasks live in the apps' tasks modules, which the web process may not have loaded.
        app.loader.import_default_modules()
        task = app.tasks[self.task]
        enqueue(
            task,
            *self.arguments,
            only_to=[self.recipient] if self.recipient else None,
            language=self.language or None,
        )
        self.sent_again_at = timezone.now()
        self.save(update_fields=["sent_again_at"])
