from .accounts import NotificationPreferencesView, WelcomeView
from .cases import CaseWorkspaceView, DocumentDownloadView
from .dashboard import DashboardView
from .library import DocumentChooserView, ImageChooserView
from .profile import PartnerProfileEditView, PartnerProfileView
from .stories import (
    StoryAutosaveView,
    StoryCreateView,
    StoryDetailView,
    StoryListView,
    StorySubmitView,
    StoryUpdateView,
)
from .writing import MarkdownPreviewView

__all__ = [
    "CaseWorkspaceView",
    "DashboardView",
    "DocumentChooserView",
    "DocumentDownloadView",
    "ImageChooserView",
    "MarkdownPreviewView",
    "NotificationPreferencesView",
    "PartnerProfileEditView",
    "PartnerProfileView",
    "StoryCreateView",
    "StoryDetailView",
    "StoryListView",
    "StoryAutosaveView",
    "StorySubmitView",
    "StoryUpdateView",
    "WelcomeView",
]
