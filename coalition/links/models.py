"""One row per external URL in published content, and where each is used."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LinkCheckQuerySet(models.QuerySet):
    def broken(self):
        """Links whose last check failed, whether or not an editor chose to keep them."""
        return self.filter(status=LinkCheck.Status.BROKEN)

    def needing_attention(self):
        """Broken links no editor has marked "checked, keep"."""
        return self.broken().filter(keep=False)


class LinkCheck(models.Model):
    class Status(models.TextChoices):
        UNCHECKED = "unchecked", _("not checked yet")
        OK = "ok", _("working")
        BROKEN = "broken", _("broken")

    class Error(models.TextChoices):
        TIMEOUT = "timeout", _("no answer in time")
        DNS = "dns", _("unknown host name")
        REFUSED = "refused", _("connection refused")
        TLS = "tls", _("secure connection failed")
        CONNECTION = "connection", _("connection failed")
        REDIRECTS = "redirects", _("too many redirects")
        PRIVATE_ADDRESS = "private_address", _("private network address")
        INVALID = "invalid", _("not a valid web address")
        UNKNOWN = "unknown", _("unexpected error")

    url = models.URLField(_("URL"), max_length=2000, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.UNCHECKED
    )
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=20, choices=Error.choices, blank=True)
    final_url = models.URLField(_("final URL"), max_length=2000, blank=True)
    last_checked_at = models.DateTimeField(_("last checked"), null=True, blank=True)
    last_ok_at = models.DateTimeField(_("last seen working"), null=True, blank=True)
    broken_since = models.DateTimeField(
        _("broken since"),
        null=True,
        blank=True,
        help_text=_("The first failed check after the last one that worked."),
    )
    keep = models.BooleanField(
        _("checked, keep"),
        default=False,
        help_text=_("An editor looked at this broken link and keeps it; cleared once it works."),
    )
    kept_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kept by"),
    )
    kept_at = models.DateTimeField(_("kept on"), null=True, blank=True)

    objects = LinkCheckQuerySet.as_manager()

    class Meta:
        ordering = ["url"]
        verbose_name = _("link check")
        verbose_name_plural = _("link checks")
        indexes = [models.Index(fields=["status", "keep"], name="linkcheck_status_keep")]

    def __str__(self):
        return self.url

    def get_status_display_full(self):
        """What the last check found, in words: "404", "broken: no answer in time"."""
        if self.error:
            return self.get_error_display()
        if self.status_code:
            return str(self.status_code)
        return self.get_status_display()

    def record(self, outcome, now):
        """Store what a check found; `outcome` is a probe.Outcome."""
        self.last_checked_at = now
        self.status_code = outcome.status_code
        self.error = outcome.error
        self.final_url = outcome.final_url if outcome.final_url != self.url else ""
        if outcome.ok:
            self.status = self.Status.OK
            self.last_ok_at = now
            self.broken_since = None
            # "Keep" answers one breakage: a link that breaks again is reported again.
            self.keep, self.kept_by, self.kept_at = False, None, None
        else:
            if self.status != self.Status.BROKEN or self.broken_since is None:
                self.broken_since = now
            self.status = self.Status.BROKEN
        self.save()

    def mark_kept(self, user, keep, now):
        self.keep = keep
        self.kept_by = user if keep else None
        self.kept_at = now if keep else None
        self.save(update_fields=["keep", "kept_by", "kept_at"])


# What a link can be used in; a use names exactly one of them.
OWNERS = ("article", "case", "partner", "document", "event")


def _one_owner():
    """A use names exactly one owner: this one set, every other empty."""
    conditions = [
        models.Q(**{f"{kind}__isnull": kind != owner for kind in OWNERS}) for owner in OWNERS
    ]
    condition = conditions[0]
    for other in conditions[1:]:
        condition |= other
    return condition


class LinkUse(models.Model):
    """Where a checked URL is used: a published article (body or "Learn more"), a public
    case's facts or aim, an active partner's description or website, a public document of a
    public case kept on another site, or a public event's description; exactly one of them."""

    OWNERS = OWNERS

    link = models.ForeignKey(
        LinkCheck, on_delete=models.CASCADE, related_name="uses", verbose_name=_("link")
    )
    # Named by string: the apps below this one never import it.
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("article"),
    )
    case = models.ForeignKey(
        "cases.LitigationCase",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("case"),
    )
    partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner"),
    )
    document = models.ForeignKey(
        "cases.CaseDocument",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("case document"),
    )
    event = models.ForeignKey(
        "cases.CaseEvent",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("case event"),
    )

    class Meta:
        verbose_name = _("link use")
        verbose_name_plural = _("link uses")
        constraints = [
            *(
                models.UniqueConstraint(fields=[kind, "link"], name=f"linkuse_{kind}_link")
                for kind in OWNERS
            ),
            models.CheckConstraint(condition=_one_owner(), name="linkuse_one_owner"),
        ]

    def __str__(self):
        return f"{self.owner_key}: {self.link_id}"

    @property
    def owner_key(self):
        """("article", 12), ("case", 3), ("partner", 5), ("document", 8) or ("event", 4)."""
        return next(
            (kind, getattr(self, f"{kind}_id"))
            for kind in self.OWNERS
            if getattr(self, f"{kind}_id") is not None
        )

    @property
    def owner(self):
        return getattr(self, self.owner_key[0])
