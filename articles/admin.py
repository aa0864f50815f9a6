from django import forms
from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth import get_permission_codename, get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef
from django.http import Http404, StreamingHttpResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from coalition.admin import HTTPS_URL_FIELDS
from coalition.forms import with_any
from coalition.library.chosen import image_preview
from coalition.paging import EstimatedCountPaginator
from coalition.revisions.admin import RevisionAdminMixin
from coalition.revisions.autosave import AutosaveAdminMixin
from coalition.writing import MarkdownAdminMixin

from . import workflow
from .models import Article, ArticleLink, Signature
from .preview_admin import PreviewAdminMixin
from .signatures import csv_lines
from .translation_admin import TranslationAdminMixin
from .workflow_admin import WorkflowAdminMixin


class ArticleLinkInline(admin.TabularInline):
    model = ArticleLink
    fields = ["label", "url", "order"]
    formfield_overrides = HTTPS_URL_FIELDS
    extra = 1


class UsedRelatedFilter(admin.RelatedFieldListFilter):
    """Only the related objects some article uses, like RelatedOnlyFieldListFilter.

    A check per row of the small table that stops at its first article, where Django's
    filter reads the related key of every article with DISTINCT.
    """

    def field_choices(self, field, request, model_admin):
        related = field.related_model
        articles = model_admin.model._default_manager.filter(**{field.name: OuterRef("pk")})
        ordering = self.field_admin_ordering(field, request, model_admin) or ()
        rows = with_any(related._default_manager.all(), articles).order_by(*ordering)
        return [(obj.pk, str(obj)) for obj in rows]


@admin.register(Article)
class ArticleAdmin(
    MarkdownAdminMixin,
    AutosaveAdminMixin,
    RevisionAdminMixin,
    WorkflowAdminMixin,
    PreviewAdminMixin,
    TranslationAdminMixin,
    admin.ModelAdmin,
):
    markdown_fields = ["body"]
    list_display = [
        "title",
        "language",
        "kind",
        "status_badge",
        "author",
        "publish_at",
        "first_published_at",
        "is_featured",
        "voice_count",
    ]
    list_filter = [
        "status",
        "language",
        "kind",
        "is_featured",
        "cta_enabled",
        ("author", UsedRelatedFilter),
        ("topics", UsedRelatedFilter),
        ("countries", UsedRelatedFilter),
        ("partners", UsedRelatedFilter),
    ]
    search_fields = ["title", "slug", "standfirst", "byline"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["author", "topics", "countries", "partners", "cases", "hero"]
    list_select_related = ["author"]
    date_hierarchy = "first_published_at"
    ordering = ["-first_published_at", "-created_at"]
    # A second count of every article on each page view costs more than it tells.
    show_full_result_count = False
    # The whole list counted from PostgreSQL's statistics, not by reading 100,000 rows.
    paginator = EstimatedCountPaginator
    readonly_fields = [
        "first_published_at",
        "last_published_at",
        "version",
        "created_at",
        "updated_at",
        "hero_preview",
    ]
    # A writing page: the text first and large, then each kind of detail in its own section.
    fieldsets = [
        (None, {"fields": ["title", "standfirst", "body"], "classes": ["writing"]}),
        (
            _("Classification"),
            {
                "fields": [
                    "language",
                    "kind",
                    "topics",
                    "countries",
                    "partners",
                    "cases",
                    "is_featured",
                ]
            },
        ),
        (_("Byline and address"), {"fields": ["byline", "author", "slug"]}),
        (_("Hero image"), {"fields": ["hero", "hero_preview"]}),
        (_("Call to action: “Add your voice”"), {"fields": ["cta_enabled", "cta_prompt"]}),
        (_("Search engines"), {"fields": ["seo_description"]}),
        (
            _("Publishing dates"),
            {
                "fields": [
                    "publish_at",
                    "unpublish_at",
                    "first_published_at",
                    "last_published_at",
                ],
                "classes": ["publishing-dates"],
            },
        ),
        (
            _("Record"),
            {"fields": ["version", "created_at", "updated_at"], "classes": ["collapse"]},
        ),
    ]
    # What only those who publish decide: when it goes out, and whether the home page shows it.
    publisher_fields = {"publish_at", "unpublish_at", "is_featured"}
    inlines = [ArticleLinkInline]

    def get_queryset(self, request):
        # The one door to articles in the admin: authors reach only their own (see workflow).
        return workflow.drafts_visible_to(request.user, super().get_queryset(request))

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or workflow.can_view_draft(request.user, obj))

    def get_changelist(self, request, **kwargs):
        # The voices counted for each row shown, not by grouping every article's signatures.
        return VoiceCountChangeList

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "standfirst":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_fieldsets(self, request, obj=None):
        """Each person sees the fields they may change: authors no publishing decisions."""
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.has_perm(workflow.PUBLISH_PERMISSION):
            return fieldsets
        hidden = self.publisher_fields
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in hidden]})
            for name, options in fieldsets
            if "publishing-dates" not in options.get("classes", ())
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly_fields = super().get_readonly_fields(request, obj)
        # The author field searches users, which needs permission to view them.
        user_opts = get_user_model()._meta
        view_users = f"{user_opts.app_label}.{get_permission_codename('view', user_opts)}"
        if not request.user.has_perm(view_users):
            return [*readonly_fields, "author"]
        return readonly_fields

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("chosen image"))
    def hero_preview(self, article):
        """The saved hero image: its thumbnail, its alt text in the article's language."""
        return image_preview(article.hero, article.language)

    @admin.display(description=_("voices"))
    def voice_count(self, article):
        return article.voice_count


class VoiceCountChangeList(ChangeList):
    """The article list, counting the confirmed voices of the page's rows only."""

    def get_queryset(self, request, exclude_parameters=None):
        # The list shows no body: leave the widest columns behind.
        queryset = super().get_queryset(request, exclude_parameters)
        return queryset.defer("body", "body_html", "search_vector")

    def get_results(self, request):
        super().get_results(request)
        counts = dict(
            Signature.objects.filter(
                article__in=[article.pk for article in self.result_list],
                confirmed_at__isnull=False,
            )
            .values_list("article")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for article in self.result_list:
            article.voice_count = counts.get(article.pk, 0)


class ConfirmedListFilter(admin.SimpleListFilter):
    title = _("confirmed")
    parameter_name = "confirmed"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(confirmed_at__isnull=self.value() == "no")
        return queryset


@admin.register(Signature)
class SignatureAdmin(admin.ModelAdmin):
    """Signatures are people's own words and consent: staff may read and delete, not edit."""

    list_display = ["name", "email", "article", "country", "is_confirmed", "created_at"]
    list_filter = [
        ("article", admin.RelatedOnlyFieldListFilter),
        ConfirmedListFilter,
        ("country", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["name", "email", "message", "article__title"]
    list_select_related = ["article", "country"]
    date_hierarchy = "created_at"
    fields = [
        "article",
        "name",
        "email",
        "country",
        "message",
        "consent",
        "confirmed_at",
        "created_at",
    ]

    actions = ["export_confirmed_csv"]
    # ?article=<id> on the export address names the article whose signatures to export.
    export_article_field = forms.ModelChoiceField(queryset=Article.objects.all())

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        export = path(
            "export/",
            self.admin_site.admin_view(self.export_view),
            name="{}_{}_export".format(*info),
        )
        return [export, *super().get_urls()]

    def export_view(self, request):
        """The confirmed signatures of one article as a CSV download, streamed."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            article = self.export_article_field.clean(request.GET.get("article"))
        except ValidationError:
            raise Http404("Unknown article.") from None
        return self.csv_response(article.signatures.all(), f"signatures-{article.slug}.csv")

    @admin.action(description=_("Export the confirmed among them as CSV"), permissions=["view"])
    def export_confirmed_csv(self, request, queryset):
        return self.csv_response(queryset, "signatures.csv")

    def csv_response(self, signatures, filename):
        response = StreamingHttpResponse(csv_lines(signatures), content_type="text/csv")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    @admin.display(description=_("confirmed"), boolean=True, ordering="confirmed_at")
    def is_confirmed(self, signature):
        return signature.confirmed_at is not None
