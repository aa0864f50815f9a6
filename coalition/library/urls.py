from django.urls import path

from . import views

app_name = "library"
urlpatterns = [
    path("documents/<id:pk>/", views.document, name="document"),
]
