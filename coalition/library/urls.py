from django.contrib import admin
from django.urls import path

from . import chooser, views

app_name = "library"
urlpatterns = [
    path("documents/<id:pk>/", views.document, name="document"),
    *chooser.admin_urls(admin.site),
]
