from django.apps import AppConfig
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _


class CoalitionConfig(AppConfig):
    name = "coalition"
    verbose_name = _("Site and vocabulary")

    def ready(self):
        from django.conf import settings
        from PIL import Image

        from coalition import (
            checks,  # noqa: F401 - registers the production checks
            lockout,  # noqa: F401 - counts failed logins per username
            pagecache,
            vocabulary,
        )
        from coalition.converters import IdConverter

        # Pillow refuses to decode more than twice this anywhere in the process (and warns
        # above it): a last guard behind coalition.images.open_image's own check.
        Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS
        from coalition.revisions import checks as revision_checks  # noqa: F401 - and these

        # Before any URL module is read: every id in an address uses `<id:…>`.
        register_converter(IdConverter, "id")
        pagecache.connect_signals()
        vocabulary.connect()
