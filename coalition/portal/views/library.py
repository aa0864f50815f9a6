"""The chooser of the portal's Markdown editor: a partner's own uploads, and uploads in place.

The library's chooser (coalition.library.chooser) with the portal's door: partner staff list,
see and insert only their organisations' images and documents, and what they upload belongs to
their organisation and stays private until an editor publishes a text that uses it.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from coalition.library.chooser import (
    ChooserSearchForm,
    DocumentUploadForm,
    ImageUploadForm,
    ItemChooser,
)
from coalition.library.models import Document, Image

from .. import access
from .mixins import PortalMixin


class SearchForm(ChooserSearchForm):
    """Search by words only: the library's tags are the editors' own vocabulary."""

    tag = None


class OrganisationUploadMixin:
    """An upload form that says which of the writer's organisations the item belongs to:
    asked only of those who work for more than one."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = access.partners(user).order_by("name")
        self.only_organisation = None
        if len(organisations) == 1:
            self.only_organisation = organisations[0]
        else:
            self.fields["organisation"] = forms.ModelChoiceField(
                label=_("Organisation"), queryset=organisations, empty_label=None
            )

    def save(self, commit=True):
        item = super().save(commit=False)
        item.partner = self.cleaned_data.get("organisation") or self.only_organisation
        # Nobody but its organisation's staff and the editors sees it until it is published.
        item.private_until_used = True
        if commit:
            item.save()
            self.save_m2m()
        return item


class PortalImageUploadForm(OrganisationUploadMixin, ImageUploadForm):
    pass


class PortalDocumentUploadForm(OrganisationUploadMixin, DocumentUploadForm):
    pass


class PortalChooser(PortalMixin, ItemChooser):
    """The items of the writer's own organisations; another's answers nothing (a 404 at its
    files, missing in previews), as everywhere in the portal."""

    http_method_names = ["get", "post"]
    search_form_class = SearchForm
    empty_text = _("None of your organisation's uploads matches: upload one below.")

    def may_upload(self, request):
        return True

    def upload_form(self, **kwargs):
        return self.upload_form_class(user=self.request.user, **kwargs)


class ImageChooserView(PortalChooser):
    model = Image
    upload_form_class = PortalImageUploadForm

    def get_queryset(self):
        return access.library_images(self.request.user).order_by("-created_at", "-pk")


class DocumentChooserView(PortalChooser):
    model = Document
    upload_form_class = PortalDocumentUploadForm

    def get_queryset(self):
        return access.library_documents(self.request.user).order_by("-created_at", "-pk")
