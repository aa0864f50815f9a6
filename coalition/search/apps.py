from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Site search: at the top of the layers, it alone knows which apps' content it indexes."""

    name = "coalition.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        from . import signals  # noqa: F401 - keeps the index in step with saves
