from django.urls import path

from . import preview, views

app_name = "articles"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("<slug:slug>/voice/", views.AddYourVoiceView.as_view(), name="sign"),
    path("<slug:slug>/voice/sent/", views.SignatureSentView.as_view(), name="signature-sent"),
    path(
        "voice/confirm/<str:token>/",
        views.ConfirmSignatureView.as_view(),
        name="confirm-signature",
    ),
    path(
        "voice/withdraw/<str:token>/",
        views.WithdrawSignatureView.as_view(),
        name="withdraw-signature",
    ),
    path("voice/withdrawn/", views.SignatureWithdrawnView.as_view(), name="signature-withdrawn"),
    path("preview/<str:token>/", preview.SharedPreviewView.as_view(), name="shared-preview"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
]
