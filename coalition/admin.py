from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .models import Country, Topic

admin.site.site_header = format_lazy(_("{site_name} administration"), site_name=settings.SITE_NAME)
admin.site.site_title = format_lazy(_("{site_name} admin"), site_name=settings.SITE_NAME)
admin.site.index_title = _("Content and records")

# Django 6.0 will read "example.org" as https://example.org; the admin forms opt in now.
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "slug"]
    search_fields = ["name", "code", "slug"]
    prepopulated_fields = {"slug": ["name"]}
