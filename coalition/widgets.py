"""The Markdown editor: a textarea with a toolbar, shortcuts and a live preview.

Without JavaScript it is the plain textarea; the script (static/coalition/editor/) shows the
toolbar and the preview, which the server renders with `render_markdown`, as the public page.
"""

from dataclasses import dataclass

from django import forms
from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from coalition.markdown import reading_statistics, render


@dataclass(frozen=True)
class Tool:
    """One toolbar button: what it does, its shortcut (as the script and as people read it)."""

    action: str
    label: Promise
    placeholder: Promise
    combo: str = ""  # KeyboardEvent.code with Ctrl or Cmd, e.g. "Shift+Digit8"
    keys: str = ""  # the same for aria-keyshortcuts and titles, e.g. "Shift+8"


TOOLS = [
    Tool("heading", _("Heading"), _("Heading"), "Alt+Digit2", "Alt+2"),
    Tool("subheading", _("Subheading"), _("Subheading"), "Alt+Digit3", "Alt+3"),
    Tool("bold", _("Bold"), _("bold text"), "KeyB", "B"),
    Tool("italic", _("Italic"), _("italic text"), "KeyI", "I"),
    Tool("link", _("Link"), _("link text"), "KeyK", "K"),
    Tool("quote", _("Quote"), _("Quoted text"), "Shift+Digit9", "Shift+9"),
    Tool("bullets", _("Bulleted list"), _("List item"), "Shift+Digit8", "Shift+8"),
    Tool("numbers", _("Numbered list"), _("List item"), "Shift+Digit7", "Shift+7"),
    # These open the media library's chooser; without one, they insert Markdown to fill in.
    Tool("image", _("Image"), _("Describe the image")),
    Tool("document", _("Document"), _("Title of the document")),
]


def statistics_text(rendered):
    """'412 words · 3 min read' for HTML from `render_markdown`."""
    words, minutes = reading_statistics(rendered)
    return ngettext(
        "%(words)d word · %(minutes)d min read",
        "%(words)d words · %(minutes)d min read",
        words,
    ) % {"words": words, "minutes": minutes}


class MarkdownEditor(forms.Textarea):
    """A Markdown textarea that the editor script turns into a writing pane with a preview.

    `preview_url` answers POSTs of `text` with the rendered HTML (see coalition.writing).
    `choosers` ({"image": address, "document": address}) are what the Image and Document
    buttons open to insert a library item; without one, they insert Markdown to fill in.
    """

    editor_template_name = "coalition/widgets/markdown_editor.html"

    def __init__(self, attrs=None, preview_url=None, choosers=None):
        super().__init__({"rows": 20, "cols": 80, **(attrs or {})})
        self.preview_url = preview_url
        self.choosers = dict(choosers or {})

    @property
    def media(self):
        return forms.Media(
            css={"all": ["coalition/editor/editor.css"]},
            js=[forms.Script("coalition/editor/editor.js", defer=True)],
        )

    # {kind: queryset} of the library items its preview may show (coalition.markdown.render);
    # the portal's forms give their writer's own organisation's uploads.
    available = None

    def render(self, name, value, attrs=None, renderer=None):
        textarea = super().render(name, value, attrs, renderer)
        field_id = (attrs or {}).get("id") or self.attrs.get("id") or f"id_{name}"
        language = (attrs or {}).get("lang") or self.attrs.get("lang")
        rendered = render(
            self.format_value(value) or "",
            language=language,
            preview=True,
            available=self.available,
        ).html
        context = {
            "textarea": textarea,
            "id": field_id,
            "preview_url": str(self.preview_url or ""),
            "choosers": {kind: str(url) for kind, url in self.choosers.items()},
            "preview_html": rendered,
            "statistics": statistics_text(rendered),
            "tools": TOOLS,
        }
        return mark_safe(render_to_string(self.editor_template_name, context))  # noqa: S308
