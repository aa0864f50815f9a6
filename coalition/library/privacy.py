"""Items private until used: a partner's uploads stay out of public sight until published
content shows them.

Partner staff upload images and documents in the portal for their stories. Until an editor
publishes a text that uses one, only the organisation's staff and the people who may view the
library see it (`images.may_view`, `documents.may_view`). Apps above the library call
`release_used` with the texts of what they publish.
"""

from . import documents, images
from .references import DOCUMENT, IMAGE, references


def release_used(*texts):
    """Make public the private items that the Markdown `texts` refer to, as published content
    now shows them; their public copies are made once the change commits."""
    from .models import Document

    found = set().union(*(references(text) for text in texts if text))
    if not found:
        return
    images.release([pk for kind, pk in found if kind == IMAGE])
    documents.release(Document, [pk for kind, pk in found if kind == DOCUMENT])
