"""Articles, their queryset (the one door to what the public sees) and their links."""

import functools
import re
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, F, Min, OuterRef, Prefetch, Q
from django.db.models.functions import Coalesce
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from coalition import vocabulary
from coalition.cases.models import LitigationCase
from coalition.languages import language_choices
from coalition.markdown import render_markdown
from coalition.models import Country, Topic, VersionedModel
from partners.models import Partner


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """The only door to articles for the public: published and inside its window."""
        now = now or timezone.now()
        return self.filter(
            Q(publish_at__isnull=True) | Q(publish_at__lte=now),
            Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=now),
            live=True,
        )

    def next_scheduled_change(self, now):
        """The next moment `published()` changes by the clock alone, or None.

        That is the coming publish_at or unpublish_at of a live article: only live ones show.
        """
        found = self.filter(live=True).aggregate(
            publish=Min("publish_at", filter=Q(publish_at__gt=now)),
            unpublish=Min("unpublish_at", filter=Q(unpublish_at__gt=now)),
        )
        return min(filter(None, found.values()), default=None)

    def in_language(self, code, untranslated=None):
        """Articles written in `code`; with `untranslated` (SHOW_UNTRANSLATED_ARTICLES by
        default), also the published sources that have no published translation into it."""
        if untranslated is None:
            untranslated = settings.SHOW_UNTRANSLATED_ARTICLES
        written_in = Q(language=code)
        if not untranslated:
            return self.filter(written_in)
        translated = Article.objects.published().filter(
            translation_group=OuterRef("pk"), language=code
        )
        return self.filter(written_in | Q(translation_of__isnull=True) & ~Exists(translated))

    def translations_of(self, article):
        """The articles of `article`'s translation group but itself, by language."""
        return (
            self.filter(translation_group=article.translation_group)
            .exclude(pk=article.pk)
            .order_by("language")
        )

    def source_changed(self):
        """Translations whose source's text changed since they were made or brought up to
        date."""
        return self.filter(
            translation_of__isnull=False,
            source_content_version__lt=F("translation_of__content_version"),
        )

    def withdrawn(self, now=None):
        """Articles the public could read once and no longer can: their URL answers 410."""
        now = now or timezone.now()
        return self.filter(first_published_at__lte=now).exclude(
            pk__in=self.model.objects.published(now).values("pk")
        )

    def newest_first(self):
        """Latest first publication first; the primary key settles ties."""
        return self.order_by("-first_published_at", "-pk")

    def teasers(self):
        """Without the columns no teaser shows: the body, its HTML and its search vector.

        They are most of a row's bytes; a list of teasers has no use for them.
        """
        return self.defer("body", "body_html", "search_vector").select_related("hero")

    def for_listing(self):
        """What a list of article teasers needs, in a fixed number of queries."""
        return self.teasers().select_related("author").prefetch_related("topics")

    def related_to(self, article, topic_ids):
        """Published articles sharing a topic with `article`, for `[:n]` newest first.

        EXISTS instead of a join with DISTINCT: walking the newest-first index, the database
        stops at the n-th article that shares a topic rather than collecting every one.
        """
        sharing = Article.topics.through.objects.filter(
            article=models.OuterRef("pk"), topic__in=topic_ids
        )
        return (
            self.published()
            .filter(models.Exists(sharing))
            .exclude(pk=article.pk)
            .teasers()
            .newest_first()
        )

    def for_detail(self):
        """What the article page reads, in a fixed number of queries.

        Partners and cases come as `public_partners` and `public_cases`, published ones only.
        """
        return self.select_related("author", "hero").prefetch_related(
            "topics",
            "countries",
            "links",
            Prefetch("partners", queryset=Partner.objects.published(), to_attr="public_partners"),
            Prefetch("cases", queryset=LitigationCase.objects.published(), to_attr="public_cases"),
        )

    def for_public_page(self):
        """`for_detail()` in fewer queries, for the public article page.

        Topics and countries come from the process's vocabulary (`attach_vocabulary`), the
        count of confirmed voices as `confirmed_voices`.
        """
        signatures = self.model._meta.get_field("signatures").related_model
        confirmed = signatures.objects.filter(
            article=models.OuterRef("pk"), confirmed_at__isnull=False
        )
        counted = confirmed.order_by().values("article").annotate(n=Count("pk")).values("n")
        return vocabulary.with_ids(
            self.for_detail()
            .prefetch_related(None)
            .prefetch_related(
                "links",
                Prefetch(
                    "partners", queryset=Partner.objects.published(), to_attr="public_partners"
                ),
                Prefetch(
                    "cases", queryset=LitigationCase.objects.published(), to_attr="public_cases"
                ),
            ),
            "topics",
            "countries",
        ).annotate(confirmed_voices=Coalesce(models.Subquery(counted), 0))


# How much of a standfirst the lists of articles show; the rest is cut at a word.
TEASER_STANDFIRST_CHARS = 300


def new_preview_key():
    return secrets.token_urlsafe(16)


def default_language():
    return settings.LANGUAGE_CODE


# Written only by `articles.translations.revision_saved`.
KEPT_BY_REVISIONS = ("content_version", "content_digest")


class Article(VersionedModel):
    class Kind(models.TextChoices):
        NEWS = "news", _("news")
        COMMENTARY = "commentary", _("commentary")
        PRESS_RELEASE = "press_release", _("press release")
        REPORT = "report", _("report")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_REVIEW = "in_review", _("in review")
        CHANGES_REQUESTED = "changes_requested", _("changes requested")
        APPROVED = "approved", _("approved")
        PUBLISHED = "published", _("published")
        UNPUBLISHED = "unpublished", _("unpublished")

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=language_choices,
        default=default_language,
        help_text=_("The language this article is written in."),
    )
    # A translation names its source; a source names none. The articles that translate each
    # other (the translation group) are the source and every article naming it.
    translation_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="translations",
        verbose_name=_("translation of"),
    )
    # The group's key, kept by the database: the source's id, for the source too.
    translation_group = models.GeneratedField(
        expression=Coalesce("translation_of", "id"),
        output_field=models.BigIntegerField(),
        db_persist=True,
        verbose_name=_("translation group"),
    )
    # The source's version this translation was last brought up to date with: the revision
    # that shows what changed in the source since.
    source_version = models.PositiveIntegerField(
        _("source version translated"), null=True, blank=True, editable=False
    )
    # The text a translator translates (see `articles.translations.TRANSLATED_TEXT`) moves
    # `content_version` on when a revision records it changed; workflow steps, which raise
    # `version`, leave it. A translation records its source's content version: the source
    # changed since when the source's is higher, a comparison with nothing to keep in step.
    content_version = models.PositiveIntegerField(_("content version"), default=1, editable=False)
    content_digest = models.CharField(max_length=64, blank=True, editable=False)
    source_content_version = models.PositiveIntegerField(
        _("source content version translated"), null=True, blank=True, editable=False
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.NEWS)
    standfirst = models.TextField(
        _("standfirst"), max_length=600, help_text=_("The opening summary, shown in lists.")
    )
    body = models.TextField(_("body"), help_text=_("Markdown."))
    body_html = models.TextField(editable=False, blank=True)
    hero = models.ForeignKey(
        "library.Image",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hero_of_articles",
        verbose_name=_("hero image"),
        help_text=_(
            "Chosen from the media library, where its alt text (in each language) and credit "
            "are kept."
        ),
    )
    byline = models.CharField(
        _("byline"), max_length=255, blank=True, help_text=_("Shown as the author's name.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("author"),
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), related_name="articles", blank=True
    )
    countries = models.ManyToManyField(
        Country, verbose_name=_("countries"), related_name="articles", blank=True
    )
    partners = models.ManyToManyField(
        Partner, verbose_name=_("partners"), related_name="articles", blank=True
    )
    cases = models.ManyToManyField(
        LitigationCase, verbose_name=_("linked cases"), related_name="articles", blank=True
    )
    is_featured = models.BooleanField(_("featured on the home page"), default=False)
    cta_enabled = models.BooleanField(_("'Add your voice' enabled"), default=False)
    cta_prompt = models.CharField(
        _("'Add your voice' prompt"),
        max_length=300,
        blank=True,
        help_text=_("What readers put their name to, such as 'Call on …'."),
    )
    seo_description = models.CharField(
        _("search engine description"),
        max_length=160,
        blank=True,
        help_text=_("Shown by search engines; the standfirst is used when empty."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(
        _("publish at"), null=True, blank=True, help_text=_("Leave empty to publish at once.")
    )
    unpublish_at = models.DateTimeField(_("unpublish at"), null=True, blank=True)
    # The workflow status describes the working copy; `live` says whether the public
    # sees the last published version, which edits do not touch until published again.
    # Only articles.workflow sets it (with the publication dates), as steps are taken.
    live = models.BooleanField(_("live"), default=False, editable=False, db_index=True)
    has_unpublished_changes = models.BooleanField(
        _("has unpublished changes"), default=False, editable=False
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles_to_review",
        verbose_name=_("reviewer"),
    )
    review_due = models.DateField(_("review due"), null=True, blank=True)
    source_partner = models.ForeignKey(
        Partner,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stories",
        verbose_name=_("submitted by partner"),
        help_text=_("The partner organisation whose staff wrote this story in the portal."),
    )
    # Rotating the key revokes every shared preview link of the article.
    preview_key = models.CharField(max_length=32, default=new_preview_key, editable=False)
    first_published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    last_published_at = models.DateTimeField(_("last published"), null=True, blank=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-first_published_at", "-created_at"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            ("publish_article", _("Can publish and unpublish articles")),
            ("review_article", _("Can review articles and request changes")),
        ]
        indexes = [
            models.Index(fields=["status", "publish_at", "unpublish_at"]),
            # The admin's list, every article newest first, a page at a time.
            models.Index(
                fields=["-first_published_at", "-created_at"], name="article_admin_order"
            ),
            # Every public list reads live articles newest first and stops after a page:
            # with this index it reads a page's rows, not every live article. The publishing
            # window rides along (PostgreSQL) so that counting reads the index alone.
            models.Index(
                F("first_published_at").desc(),
                F("id").desc(),
                condition=Q(live=True),
                include=["publish_at", "unpublish_at"],
                name="article_live_newest",
            ),
            # The home page's featured articles: a few among all, found without a scan.
            models.Index(
                F("first_published_at").desc(),
                F("id").desc(),
                condition=Q(live=True, is_featured=True),
                name="article_featured_newest",
            ),
            # The editors' dashboard: what is scheduled, what was published this week.
            models.Index(fields=["publish_at"], name="article_publish_at"),
            models.Index(fields=["last_published_at"], name="article_last_published_at"),
            # "Has this topic (partner, case…) a published article?" checks an article by id:
            # from this index alone, without reading the wide row.
            models.Index(
                fields=["id"],
                condition=Q(live=True),
                include=["publish_at", "unpublish_at"],
                name="article_live_id",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["translation_group", "language"],
                name="article_one_translation_per_language",
                violation_error_message=_(
                    "This article already has a translation in that language."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(translation_of=F("id")),
                name="article_not_a_translation_of_itself",
            ),
            models.CheckConstraint(
                condition=Q(unpublish_at__isnull=True)
                | Q(publish_at__isnull=True)
                | Q(unpublish_at__gt=models.F("publish_at")),
                name="article_unpublish_after_publish",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        # Workflow steps save a few named fields; the body is not among them.
        if update_fields is None or {"body", "body_html"} & set(update_fields):
            self.body_html = render_markdown(self.body, language=self.language)
        if update_fields is None and not args and not self._state.adding:
            # The content version is moved on by an UPDATE when a revision is recorded: an
            # instance read before must not write its older copy back.
            deferred = self.get_deferred_fields()
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key
                and not field.generated
                and field.attname not in deferred
                and field.name not in KEPT_BY_REVISIONS
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """Its address under its own language's prefix (none for the default language)."""
        return detail_url(self.language, self.slug)

    @property
    def hero_alt(self):
        """The hero image's alt text in the article's language ("" when decorative)."""
        return self.hero.alt_text(self.language) if self.hero_id else ""

    @property
    def hero_credit(self):
        return self.hero.credit if self.hero_id else ""

    @property
    def is_translation(self):
        return self.translation_of_id is not None

    @property
    def language_name(self):
        """The language's own name for itself ("Русский"), for readers of that language."""
        return translation.get_language_info(self.language)["name_local"]

    def clean(self):
        errors = {}
        if self.hero_id and not self.hero.decorative and not self.hero_alt.strip():
            errors["hero"] = _(
                "This image has no alt text: describe it in the media library first."
            )
        if self.cta_enabled and not self.cta_prompt.strip():
            errors["cta_prompt"] = _("Say what readers add their voice to.")
        if self.publish_at and self.unpublish_at and self.unpublish_at <= self.publish_at:
            errors["unpublish_at"] = _("Unpublishing must come after publishing.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_live(self):
        """True when the public can read it now; the same rule as `published()`."""
        now = timezone.now()
        return (
            self.live
            and (self.publish_at is None or self.publish_at <= now)
            and (self.unpublish_at is None or self.unpublish_at > now)
        )

    @property
    def display_date(self):
        return self.first_published_at or self.publish_at or self.created_at

    @property
    def teaser_standfirst(self):
        """The standfirst as lists show it: at most TEASER_STANDFIRST_CHARS characters."""
        return Truncator(self.standfirst).chars(TEASER_STANDFIRST_CHARS)

    @property
    def display_byline(self):
        if self.byline:
            return self.byline
        if self.author:
            return self.author.get_full_name() or self.author.get_username()
        return ""


class ArticleLink(models.Model):
    """A "Learn more" link at the foot of an article."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="links", verbose_name=_("article")
    )
    label = models.CharField(_("label"), max_length=200)
    url = models.URLField(_("URL"), max_length=500)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("'Learn more' link")
        verbose_name_plural = _("'Learn more' links")

    def __str__(self):
        return self.label


# What the `slug` path converter accepts: such a slug goes into the address unchanged.
PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")


def detail_url(language, slug):
    """An article's address: reversed once per language, then only its slug put in.

    Lists, feeds and sitemap sections ask for tens to a thousand of these a page, and each
    reverse() under the article's language cost about 60 µs.
    """
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    head = _detail_head(language, settings.LANGUAGE_CODE, get_script_prefix(), urlconf)
    if head is None or not PLAIN_SLUG.match(slug):
        with translation.override(language):
            return reverse("articles:detail", kwargs={"slug": slug}, urlconf=urlconf)
    return f"{head}{slug}/"


@functools.lru_cache(maxsize=64)
def _detail_head(language, default_language, script_prefix, urlconf):
    """The address of an article of `language` up to its slug, or None if it does not end so."""
    with translation.override(language):
        sample = reverse("articles:detail", kwargs={"slug": "x"}, urlconf=urlconf)
    return sample[: -len("x/")] if sample.endswith("/x/") else None
