from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LinksConfig(AppConfig):
    """Links that stay alive: the external links of published content, checked weekly."""

    name = "coalition.links"
    label = "links"
    verbose_name = _("Links")
