from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partner organisations")

    def ready(self):
        from coalition.images import LOGO_WIDTHS, keep_variants

        keep_variants(self.get_model("Partner"), "logo", "logo_variants", LOGO_WIDTHS)
