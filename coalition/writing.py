"""Writing Markdown: the live preview the editor widget asks for, in the admin and the portal.

The preview is rendered by `render_markdown`, the function the public pages' HTML comes from,
so what writers see is what readers will see; the browser never renders Markdown itself.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, JsonResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from coalition.markdown import render

from .widgets import MarkdownEditor, statistics_text

# Far longer than any article; a bigger body is refused rather than rendered on each keystroke.
PREVIEW_MAX_CHARS = 200_000


class PreviewForm(forms.Form):
    text = forms.CharField(
        required=False,
        strip=False,
        max_length=PREVIEW_MAX_CHARS,
        error_messages={
            "max_length": _(
                "The text is too long to preview (at most %(limit_value)d characters)."
            )
        },
    )
    # The language the text is written in (alt text of library images is chosen by it);
    # the site's source language when not given.
    language = forms.ChoiceField(required=False, choices=lambda: [("", ""), *settings.LANGUAGES])


def preview_response(request, available=None):
    """The HTML, reading statistics and warnings (such as a reference to an image no longer
    in the library) of the Markdown POSTed as `text`, as JSON; 400 if bad. `available`
    limits the library items it may show (see coalition.markdown.render)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = PreviewForm(request.POST)
    if not form.is_valid():
        errors = [error for field_errors in form.errors.values() for error in field_errors]
        return JsonResponse({"error": " ".join(errors)}, status=400)
    rendering = render(
        form.cleaned_data["text"],
        language=form.cleaned_data["language"],
        preview=True,
        available=available,
    )
    return JsonResponse(
        {
            "html": rendering.html,
            "statistics": statistics_text(rendering.html),
            "warnings": list(rendering.warnings),
        }
    )


_choosers = []


def register_choosers(urls):
    """Let the editor open choosers: `urls(request)` gives {kind: address} of those the user
    may open ("image", "document"); the media library registers its own."""
    if urls not in _choosers:
        _choosers.append(urls)


def chooser_urls(request):
    """{kind: address} of every chooser `request`'s user may open from the admin's editor."""
    found = {}
    for urls in _choosers:
        found.update(urls(request))
    return found


class MarkdownAdminMixin:
    """Give a ModelAdmin's `markdown_fields` the editor, and the preview its staff may use.

    Put it before the other admin mixins, so that its address comes before the object's.
    """

    markdown_fields = ()

    def markdown_preview_url_name(self):
        return f"{self.opts.app_label}_{self.opts.model_name}_markdown_preview"

    def get_urls(self):
        view = self.admin_site.admin_view(self.markdown_preview_view)
        return [
            path("markdown-preview/", view, name=self.markdown_preview_url_name()),
            *super().get_urls(),
        ]

    def markdown_editor(self, attrs=None, request=None):
        url = reverse(
            f"admin:{self.markdown_preview_url_name()}", current_app=self.admin_site.name
        )
        choosers = chooser_urls(request) if request is not None else {}
        return MarkdownEditor(attrs, preview_url=url, choosers=choosers)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.markdown_fields:
            kwargs["widget"] = self.markdown_editor(request=request)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # A record written in one language (an article) has its text previewed in it.
        language = getattr(obj, "language", None)
        if isinstance(language, str) and language:
            for name in self.markdown_fields:
                if name in form.base_fields:
                    form.base_fields[name].widget = self.markdown_editor(
                        {"lang": language}, request=request
                    )
        # The other languages' text of a Markdown field (coalition.translation) is Markdown too.
        for name, (language, source) in getattr(form, "translation_fields", {}).items():
            if source in self.markdown_fields and name in form.base_fields:
                form.base_fields[name].widget = self.markdown_editor(
                    {"lang": language}, request=request
                )
        return form

    def markdown_preview_view(self, request):
        """Staff who may write these records preview their text; others are refused (403)."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        return preview_response(request)
