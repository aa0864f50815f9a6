"""The live preview of the portal's Markdown editor, for partner staff only."""

from django.views.generic import View

from coalition.writing import preview_response

from .. import access
from .mixins import PortalMixin


class MarkdownPreviewView(PortalMixin, View):
    """Render the Markdown a partner's staff are writing, as the public page would; of the
    library, only their organisations' uploads (and the coalition's public items) show."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        return preview_response(request, available=access.library_items(request.user))
