from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from coalition.images import HERO_WIDTHS, keep_variants

        keep_variants(self.get_model("Article"), "hero_image", "hero_variants", HERO_WIDTHS)
