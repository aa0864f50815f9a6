from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("<slug:slug>/voice/", views.AddYourVoiceView.as_view(), name="sign"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
]
