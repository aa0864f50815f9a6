from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partner organisations")

    def ready(self):
        from coalition import revisions
        from coalition.images import LOGO_WIDTHS, keep_variants
        from coalition.library.usage import register_markdown

        from . import images

        Partner = self.get_model("Partner")
        keep_variants(
            Partner,
            "logo",
            "logo_variants",
            LOGO_WIDTHS,
            is_public=images.is_public,
            may_view=images.may_view,
        )
        register_markdown(Partner, ["description"])
        revisions.register(
            Partner,
            fields=[
                "name",
                "short_name",
                "slug",
                "summary",
                "description",
                "logo",
                "website",
                "public_email",
                "member_since",
                "is_active",
                "translations",
            ],
            many=["countries", "topics"],
            # Memberships are people's access to the portal, saved as they change.
            unrevisioned=["memberships"],
        )
