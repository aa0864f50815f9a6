from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "coalition.library"
    label = "library"
    verbose_name = _("Media library")

    def ready(self):
        from coalition import revisions, writing
        from coalition.images import HERO_WIDTHS, keep_variants

        from . import chooser, documents, images, rendering

        Image = self.get_model("Image")
        keep_variants(
            Image,
            "file",
            "variants",
            HERO_WIDTHS,
            is_public=images.is_public,
            may_view=images.may_view,
            crops=images.CROPS,
            focus=images.focal_point,
        )
        documents.connect(self.get_model("Document"))
        rendering.connect()
        writing.register_choosers(chooser.admin_chooser_urls)
        revisions.register(
            Image,
            fields=[
                "file",
                "title",
                "alt",
                "decorative",
                "caption",
                "credit",
                "licence",
                "focal_x",
                "focal_y",
                "translations",
            ],
            many=["tags"],
        )
        revisions.register(
            self.get_model("Document"),
            fields=["file", "title", "kind", "language", "date"],
            many=["tags"],
        )
