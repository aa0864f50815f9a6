from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("", views.CaseListView.as_view(), name="list"),
    path("export.csv", views.CaseCsvExportView.as_view(), name="export-csv"),
    path("export.json", views.CaseJsonExportView.as_view(), name="export-json"),
    path("<id:pk>/", views.CaseDetailView.as_view(), name="detail-short"),
    path("<id:pk>/<slug:slug>/", views.CaseDetailView.as_view(), name="detail"),
    path(
        "<id:pk>/documents/<id:document_pk>/",
        views.CaseDocumentDownloadView.as_view(),
        name="document",
    ),
]
