from pathlib import PurePath

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models.fields.files import FieldFile
from django.forms.models import BaseInlineFormSet
from django.http import Http404
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from coalition.admin import HTTPS_URL_FIELDS
from coalition.revisions.admin import RevisionAdminMixin
from coalition.revisions.autosave import AutosaveAdminMixin
from coalition.translation.admin import TranslationAdminMixin
from coalition.validators import MaxUploadSizeValidator
from coalition.writing import MarkdownAdminMixin

from .downloads import attachment_response
from .models import CaseDocument, CaseEvent, CasePartner, Forum, LitigationCase, Proceeding

DOCUMENT_DOWNLOAD_URL_NAME = "admin:cases_casedocument_download"


def document_download_url(document):
    return reverse(DOCUMENT_DOWNLOAD_URL_NAME, args=[document.pk])


def stored_file_name(file):
    """The file's own name, without the storage folders."""
    return PurePath(file.name).name


def note_new_file(document, user):
    """Record who uploaded a new file; the model records its fingerprint."""
    if document.file:
        document.uploaded_by = user


class DownloadLink:
    """What the admin file widget's template reads from a file: its name and its URL."""

    def __init__(self, name, url):
        self.name = name
        self.url = url

    def __str__(self):
        return self.name


class PrivateFileWidget(AdminFileWidget):
    """A file input for private storage: links to the staff download view, never to storage."""

    def is_initial(self, value):
        # The parent asks the storage for a URL, which private storage refuses.
        return isinstance(value, FieldFile) and bool(value) and value.instance.pk is not None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"]:
            context["widget"]["value"] = DownloadLink(
                stored_file_name(value), document_download_url(value.instance)
            )
        return context


class CaseDocumentFieldsMixin:
    """The file handling shared by the document admin and the case page's document inline."""

    formfield_overrides = {**HTTPS_URL_FIELDS, models.FileField: {"widget": PrivateFileWidget}}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "file":
            formfield.validators.append(MaxUploadSizeValidator(settings.DOCUMENT_MAX_UPLOAD_MB))
        return formfield

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Read-only display would ask the private storage for a URL: show the link instead.
        return [
            (name, {**options, "fields": [swap_file_for_link(f) for f in options["fields"]]})
            for name, options in fieldsets
        ]

    @admin.display(description=_("file"))
    def file_link(self, document):
        if not document.file:
            return None
        return format_html(
            '<a href="{}">{}</a>', document_download_url(document), stored_file_name(document.file)
        )

    @admin.display(description=_("size"), ordering="size")
    def file_size(self, document):
        return None if document.size is None else filesizeformat(document.size)


def swap_file_for_link(field_name):
    return "file_link" if field_name == "file" else field_name


class ProceedingFormSet(BaseInlineFormSet):
    """Offers as the proceeding appealed from only the case's other proceedings."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "parent" in form.fields:
            form.fields["parent"].queryset = (
                Proceeding.objects.filter(case_id=self.instance.pk)
                .exclude(pk=form.instance.pk)
                .select_related("forum")
            )


class CaseEventFormSet(BaseInlineFormSet):
    """Offers as an event's document only the documents of the case being edited."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "document" in form.fields:
            form.fields["document"].queryset = CaseDocument.objects.filter(
                case_id=self.instance.pk
            )


class ProceedingInline(admin.TabularInline):
    model = Proceeding
    formset = ProceedingFormSet
    fields = ["forum", "number", "lodged_on", "communicated_on", "decided_on", "outcome", "parent"]
    autocomplete_fields = ["forum"]
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("forum")


class CasePartnerInline(admin.TabularInline):
    model = CasePartner
    fields = ["partner", "role", "is_public"]
    autocomplete_fields = ["partner"]
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("partner")


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    formset = CaseEventFormSet
    fields = [
        "date",
        "date_precision",
        "kind",
        "title",
        "description",
        "article",
        "document",
        "is_public",
    ]
    autocomplete_fields = ["article"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2})}}
    show_change_link = True
    extra = 0


class CaseDocumentInline(CaseDocumentFieldsMixin, admin.TabularInline):
    model = CaseDocument
    fields = [
        "title",
        "kind",
        "date",
        "language",
        "file",
        "external_url",
        "visibility",
        "file_size",
    ]
    readonly_fields = ["file_link", "file_size"]
    show_change_link = True
    extra = 0


@admin.register(Forum)
class ForumAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "country"]
    list_filter = ["kind", ("country", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "short_name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country"]
    list_select_related = ["country"]


@admin.register(LitigationCase)
class LitigationCaseAdmin(
    MarkdownAdminMixin,
    AutosaveAdminMixin,
    RevisionAdminMixin,
    TranslationAdminMixin,
    admin.ModelAdmin,
):
    markdown_fields = ["facts", "strategic_aim"]
    list_display = ["title", "short_title", "status", "is_public", "status_changed_on"]
    list_filter = [
        "status",
        "implementation_status",
        "is_public",
        ("proceedings__forum", admin.RelatedOnlyFieldListFilter),
        ("respondent_states", admin.RelatedOnlyFieldListFilter),
        ("topics", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = [
        "title",
        "short_title",
        "slug",
        "summary",
        "proceedings__number",
        "proceedings__number_normalised",
    ]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["respondent_states", "topics"]
    date_hierarchy = "status_changed_on"
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "short_title", "slug", "summary"]}),
        (_("Substance"), {"fields": ["facts", "strategic_aim", "rights_at_issue"]}),
        (_("Classification"), {"fields": ["respondent_states", "topics"]}),
        (
            _("Status"),
            {"fields": ["status", "implementation_status", "status_changed_on", "is_public"]},
        ),
        (_("Record"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    inlines = [ProceedingInline, CasePartnerInline, CaseEventInline, CaseDocumentInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is CaseDocument:
            for document_form in formset.forms:
                if "file" in document_form.changed_data:
                    note_new_file(document_form.instance, request.user)
        super().save_formset(request, form, formset, change)


@admin.register(Proceeding)
class ProceedingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "case", "forum", "number", "lodged_on", "decided_on"]
    list_filter = [("forum", admin.RelatedOnlyFieldListFilter), "forum__kind"]
    search_fields = ["number", "number_normalised", "case__title", "case__short_title"]
    autocomplete_fields = ["case", "forum", "parent"]
    list_select_related = ["case", "forum"]
    date_hierarchy = "lodged_on"

    def get_queryset(self, request):
        # Every label of a proceeding, autocomplete results included, names its forum.
        return super().get_queryset(request).select_related("forum")


@admin.register(CasePartner)
class CasePartnerAdmin(admin.ModelAdmin):
    list_display = ["partner", "case", "role", "is_public"]
    list_filter = ["role", "is_public", ("partner", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["partner__name", "partner__short_name", "case__title", "case__short_title"]
    autocomplete_fields = ["case", "partner"]
    list_select_related = ["case", "partner"]


@admin.register(CaseEvent)
class CaseEventAdmin(TranslationAdminMixin, admin.ModelAdmin):
    list_display = ["title", "case", "date", "kind", "is_public"]
    list_filter = ["kind", "is_public", "date_precision"]
    search_fields = ["title", "description", "case__title", "case__short_title"]
    # The document must belong to the event's case; the model's validation says so.
    autocomplete_fields = ["case", "article", "document"]
    list_select_related = ["case"]
    date_hierarchy = "date"
    fieldsets = [
        (None, {"fields": ["case", "title", "kind", "description", "is_public"]}),
        (_("Date"), {"fields": ["date", "date_precision"]}),
        (_("Links"), {"fields": ["article", "document"]}),
    ]


@admin.register(CaseDocument)
class CaseDocumentAdmin(CaseDocumentFieldsMixin, TranslationAdminMixin, admin.ModelAdmin):
    list_display = ["title", "case", "kind", "visibility", "language", "date", "file_size"]
    list_filter = ["visibility", "kind", "language", ("case", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "case__title", "case__short_title", "checksum"]
    autocomplete_fields = ["case"]
    list_select_related = ["case"]
    date_hierarchy = "date"
    readonly_fields = ["file_link", "file_size", "checksum", "uploaded_by", "created_at"]
    fieldsets = [
        (None, {"fields": ["case", "title", "kind", "date", "language"]}),
        (_("File and visibility"), {"fields": ["file", "external_url", "visibility"]}),
        (_("Record"), {"fields": ["file_size", "checksum", "uploaded_by", "created_at"]}),
    ]

    def save_model(self, request, obj, form, change):
        if "file" in form.changed_data:
            note_new_file(obj, request.user)
        super().save_model(request, obj, form, change)

    def get_urls(self):
        download = path(
            "<path:object_id>/download/",
            self.admin_site.admin_view(self.download_view),
            name=f"{self.opts.app_label}_{self.opts.model_name}_download",
        )
        return [download, *super().get_urls()]

    def download_view(self, request, object_id):
        """Send a stored file, as an attachment, to staff who may view the document."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        document = self.get_object(request, unquote(object_id))
        if document is None or not document.file:
            raise Http404(_("This document has no stored file."))
        if not self.has_view_permission(request, document):
            raise PermissionDenied
        return attachment_response(document.file, stored_file_name(document.file))
