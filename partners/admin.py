from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from coalition.admin import HTTPS_URL_FIELDS
from coalition.validators import MaxUploadSizeValidator

from .models import Membership, Partner


class MembershipInline(admin.TabularInline):
    model = Membership
    fields = ["user", "role", "created_at"]
    readonly_fields = ["created_at"]
    autocomplete_fields = ["user"]
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "partner")


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "member_since", "is_active", "updated_at"]
    list_filter = [
        "is_active",
        ("countries", admin.RelatedOnlyFieldListFilter),
        ("topics", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["name", "short_name", "slug", "summary", "public_email", "website"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["countries", "topics"]
    date_hierarchy = "member_since"
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "summary", "description"]}),
        (_("Contact"), {"fields": ["logo", "website", "public_email"]}),
        (_("Work"), {"fields": ["countries", "topics"]}),
        (_("Membership of the coalition"), {"fields": ["member_since", "is_active"]}),
        (_("Record"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    inlines = [MembershipInline]
    formfield_overrides = HTTPS_URL_FIELDS

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "logo":
            formfield.validators.append(MaxUploadSizeValidator(settings.IMAGE_MAX_UPLOAD_MB))
        return formfield


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "partner", "role", "created_at"]
    list_filter = ["role", ("partner", admin.RelatedOnlyFieldListFilter)]
    search_fields = [
        "user__username",
        "user__email",
        "user__first_name",
        "user__last_name",
        "partner__name",
        "partner__short_name",
    ]
    autocomplete_fields = ["user", "partner"]
    list_select_related = ["user", "partner"]
    readonly_fields = ["created_at"]
