"""The library in the admin: images and documents, with their tags."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from coalition.revisions.admin import RevisionAdminMixin
from coalition.translation.admin import TranslationAdminMixin

from .models import Document, Image, Tag


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]


class LibraryItemAdmin(RevisionAdminMixin, admin.ModelAdmin):
    search_fields = ["title", "tags__name"]
    autocomplete_fields = ["tags"]
    list_select_related = ["uploaded_by"]
    readonly_fields = ["uploaded_by", "created_at", "updated_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    def save_model(self, request, obj, form, change):
        if obj.pk is None:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Image)
class ImageAdmin(TranslationAdminMixin, LibraryItemAdmin):
    list_display = ["title", "alt", "licence", "decorative", "created_at", "uploaded_by"]
    list_filter = ["tags", "licence", "decorative", "uploaded_by"]
    search_fields = ["title", "alt", "tags__name"]
    fieldsets = [
        (None, {"fields": ["file", "title", "alt", "decorative", "caption", "credit"]}),
        (_("Use"), {"fields": ["licence", "tags", "focal_x", "focal_y"]}),
        (_("Record"), {"fields": ["uploaded_by", "created_at", "updated_at"]}),
    ]


@admin.register(Document)
class DocumentAdmin(LibraryItemAdmin):
    list_display = ["title", "file_type", "language", "date", "size", "created_at"]
    list_filter = ["tags", "file_type", "language", "uploaded_by"]
    fieldsets = [
        (None, {"fields": ["file", "title", "language", "date", "tags"]}),
        (
            _("Record"),
            {
                "fields": [
                    "file_type",
                    "size",
                    "checksum",
                    "uploaded_by",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]
    readonly_fields = [*LibraryItemAdmin.readonly_fields, "file_type", "size", "checksum"]
