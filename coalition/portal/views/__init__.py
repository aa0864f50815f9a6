from .accounts import NotificationPreferencesView, WelcomeView
from .cases import CaseWorkspaceView, DocumentDownloadView
from .dashboard import DashboardView
from .profile import PartnerProfileEditView, PartnerProfileView
from .stories import (
    StoryCreateView,
    StoryDetailView,
    StoryListView,
    StorySubmitView,
    StoryUpdateView,
)

__all__ = [
    "CaseWorkspaceView",
    "DashboardView",
    "DocumentDownloadView",
    "NotificationPreferencesView",
    "PartnerProfileEditView",
    "PartnerProfileView",
    "StoryCreateView",
    "StoryDetailView",
    "StoryListView",
    "StorySubmitView",
    "StoryUpdateView",
    "WelcomeView",
]
