from django.apps import AppConfig
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _


class CoalitionConfig(AppConfig):
    name = "coalition"
    verbose_name = _("Site and vocabulary")

    def ready(self):
        from coalition import (
            checks,  # noqa: F401 - registers the production checks
            lockout,  # noqa: F401 - counts failed logins per username
            pagecache,
        )
        from coalition.converters import IdConverter
        from coalition.revisions import checks as revision_checks  # noqa: F401 - and these

        # Before any URL module is read: every id in an address uses `<id:…>`.
        register_converter(IdConverter, "id")
        pagecache.connect_signals()
