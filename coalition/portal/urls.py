from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("organisations/<slug:slug>/", views.PartnerProfileView.as_view(), name="partner"),
    path(
        "organisations/<slug:slug>/edit/",
        views.PartnerProfileEditView.as_view(),
        name="partner-edit",
    ),
    path("stories/", views.StoryListView.as_view(), name="stories"),
    path("stories/new/", views.StoryCreateView.as_view(), name="story-create"),
    path("stories/<id:pk>/", views.StoryDetailView.as_view(), name="story"),
    path("stories/<id:pk>/edit/", views.StoryUpdateView.as_view(), name="story-edit"),
    path("stories/<id:pk>/autosave/", views.StoryAutosaveView.as_view(), name="story-autosave"),
    path("stories/<id:pk>/submit/", views.StorySubmitView.as_view(), name="story-submit"),
    path(
        "notifications/",
        views.NotificationPreferencesView.as_view(),
        name="notifications",
    ),
    path("cases/<id:pk>/", views.CaseWorkspaceView.as_view(), name="case"),
    path(
        "cases/<id:pk>/documents/<id:document_pk>/",
        views.DocumentDownloadView.as_view(),
        name="document",
    ),
    path("writing/images/", views.ImageChooserView.as_view(), name="image-chooser"),
    path("writing/documents/", views.DocumentChooserView.as_view(), name="document-chooser"),
    path("writing/preview/", views.MarkdownPreviewView.as_view(), name="markdown-preview"),
    path("welcome/<uidb64>/<token>/", views.WelcomeView.as_view(), name="welcome"),
]
