from django.conf import settings
from django.contrib import admin, messages
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Country, Topic, UndeliveredMail
from .translation.admin import TranslationAdminMixin

admin.site.site_header = format_lazy(_("{site_name} administration"), site_name=settings.SITE_NAME)
admin.site.site_title = format_lazy(_("{site_name} admin"), site_name=settings.SITE_NAME)
admin.site.index_title = _("Content and records")

# Django 6.0 will read "example.org" as https://example.org; the admin forms opt in now.
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Topic)
class TopicAdmin(TranslationAdminMixin, admin.ModelAdmin):
    list_display = ["name", "slug"]
    fields = ["name", "slug", "description"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Country)
class CountryAdmin(TranslationAdminMixin, admin.ModelAdmin):
    list_display = ["name", "code", "slug"]
    fields = ["code", "name", "slug"]
    search_fields = ["name", "code", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(UndeliveredMail)
class UndeliveredMailAdmin(admin.ModelAdmin):
    """Mail the server refused after every retry: who, what, why, and a way to send it again."""

    list_display = ["failed_at", "recipient", "subject", "error", "sent_again_at"]
    list_filter = [("sent_again_at", admin.EmptyFieldListFilter), "task"]
    search_fields = ["recipient", "subject"]
    date_hierarchy = "failed_at"
    readonly_fields = [
        "task",
        "arguments",
        "recipient",
        "subject",
        "error",
        "failed_at",
        "sent_again_at",
    ]
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    @admin.action(permissions=["change"], description=_("Send the selected mail again"))
    def send_again(self, request, queryset):
        undelivered = list(queryset)
        for mail in undelivered:
            mail.send_again()
        self.message_user(
            request,
            ngettext(
                "%(count)d message is queued again; a new failure is listed again.",
                "%(count)d messages are queued again; a new failure is listed again.",
                len(undelivered),
            )
            % {"count": len(undelivered)},
            messages.SUCCESS,
        )
