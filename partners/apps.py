from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partner organisations")

    def ready(self):
        from coalition import revisions
        from coalition.images import moved_images
        from coalition.library import documents as library_documents
        from coalition.library import images as library_images
        from coalition.library.usage import register_markdown

        from . import uploads

        Partner = self.get_model("Partner")
        # Addresses pages gave logos before the library had them still lead there.
        moved_images("partner-logo", "library.Image", "file")
        register_markdown(Partner, ["description"])
        post_save.connect(uploads.partner_saved, sender=Partner)
        # Staff see their organisation's portal uploads while these are private.
        for viewers in (library_images.viewers, library_documents.viewers):
            if uploads.staff_see_own not in viewers:
                viewers.append(uploads.staff_see_own)
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
