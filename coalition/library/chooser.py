"""The chooser the Markdown editor opens to insert an image or a document: a page of library
items with search, a tag filter and an upload form, answered as an HTML fragment.

`ItemChooser` lists and receives one kind of item; the admin's subclasses check the library's
permissions. Another part of the site (the partner portal) subclasses it with its own
`get_queryset`, checks and URLs, and gives its editor widget its own `chooser_url`.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import InvalidPage, Paginator
from django.db import transaction
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views import View

from coalition import revisions
from coalition.images import UploadImageFormField
from coalition.languages import language_choices

from .forms import ACCEPTED_IMAGES, title_from_file_name
from .models import Document, Image, Tag
from .references import reference_for

PER_PAGE = 18


class ChooserSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "data-chooser-focus": ""}),
    )
    tag = forms.ModelChoiceField(
        label=_("Tag"), queryset=Tag.objects.all(), required=False, empty_label=_("All tags")
    )

    def __init__(self, *args, **kwargs):
        # Apart from the ids of the page's own form, which the dialog is opened over.
        super().__init__(*args, auto_id="md-chooser-%s", label_suffix="", **kwargs)

    def filter(self, queryset):
        data = self.cleaned_data
        if data.get("tag"):
            queryset = queryset.filter(tags=data["tag"])
        return queryset.search(data.get("q"))


class ImageUploadForm(forms.ModelForm):
    """An image uploaded from the chooser: the file, and what readers need (alt text)."""

    prefix = "upload"

    class Meta:
        model = Image
        fields = ["file", "title", "alt", "decorative"]
        field_classes = {"file": UploadImageFormField}
        widgets = {"file": forms.FileInput(attrs={"accept": ACCEPTED_IMAGES})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Left empty, the file's name.")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("title") and cleaned.get("file"):
            cleaned["title"] = title_from_file_name(cleaned["file"].name)
            self.instance.title = cleaned["title"]
        return cleaned


class DocumentUploadForm(forms.ModelForm):
    """A document uploaded from the chooser: the file, its title, kind and language."""

    prefix = "upload"

    class Meta:
        model = Document
        fields = ["file", "title", "kind", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        self.fields["language"].choices = language_choices()
        self.fields["language"].initial = settings.LANGUAGE_CODE


class ItemChooser(View):
    """GET: a page of items (`q`, `tag`, `page`); POST: an upload, answered with the page
    and the new item chosen (201), or the form and its errors (400).

    Subclasses set `model` and `upload_form_class`, and may narrow `get_queryset`, override
    `may_list` and `may_upload`, offer other filters (`search_form_class`), or pass their
    own `url_name` for the links of its pages.
    """

    model = None
    upload_form_class = None
    search_form_class = ChooserSearchForm
    # Said when no item is listed.
    empty_text = _("Nothing in the library matches.")
    template_name = "library/chooser/chooser.html"
    url_name = None
    per_page = PER_PAGE

    def may_list(self, request):
        return True

    def may_upload(self, request):
        return False

    def get_queryset(self):
        return self.model.objects.order_by("-created_at", "-pk")

    def save_upload(self, form):
        """Save the uploaded item (with its first revision) and return it."""
        with transaction.atomic():
            item = form.save(commit=False)
            item.uploaded_by = self.request.user
            item.save()
            form.save_m2m()
            revisions.save_revision(item, self.request.user, _("Uploaded in the chooser."))
        return item

    def dispatch(self, request, *args, **kwargs):
        if not self.may_list(request):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.page(self.upload_form())

    def post(self, request):
        if not self.may_upload(request):
            raise PermissionDenied
        form = self.upload_form(data=request.POST, files=request.FILES)
        if not form.is_valid():
            return self.page(form, status=400)
        item = self.save_upload(form)
        return self.page(self.upload_form(), chosen=item, status=201)

    def upload_form(self, **kwargs):
        if not self.may_upload(self.request):
            return None
        return self.upload_form_class(**kwargs)

    def page(self, upload, chosen=None, status=200):
        search = self.search_form_class(self.request.GET)
        if not search.is_valid():
            # An unknown tag, say: the form says so, over an empty list.
            status, found = 400, self.model.objects.none()
        else:
            found = search.filter(self.get_queryset())
        try:
            page = Paginator(found, self.per_page).page(self.request.GET.get("page") or 1)
        except InvalidPage as error:
            raise Http404(str(error)) from error
        query = self.request.GET.copy()
        query.pop("page", None)
        context = {
            "kind": self.model.reference_kind,
            "search": search,
            "upload": upload,
            "page": page,
            "items": [(item, reference_for(item, **self.reference_text(item))) for item in page],
            "query": query.urlencode(),
            "chosen": chosen,
            "empty_text": self.empty_text,
            "chosen_reference": (
                reference_for(chosen, **self.reference_text(chosen)) if chosen else ""
            ),
        }
        return TemplateResponse(self.request, self.template_name, context, status=status)

    def reference_text(self, item):
        # An image's alt text comes from the library, in each text's language, unless the
        # writer types one; a document's link text starts as its title, for the writer to fit.
        return {"text": ""} if isinstance(item, Image) else {}


class LibraryPermissionMixin:
    """The admin's chooser: the library's view permission to list, its add to upload."""

    def may_list(self, request):
        return request.user.has_perm(f"library.view_{self.model._meta.model_name}")

    def may_upload(self, request):
        return request.user.has_perm(f"library.add_{self.model._meta.model_name}")


class ImageChooser(LibraryPermissionMixin, ItemChooser):
    model = Image
    upload_form_class = ImageUploadForm


class DocumentChooser(LibraryPermissionMixin, ItemChooser):
    model = Document
    upload_form_class = DocumentUploadForm


def admin_urls(admin_site):
    """The admin's chooser pages, for staff only (others go to the admin's login)."""
    return [
        path(
            "chooser/images/",
            admin_site.admin_view(ImageChooser.as_view()),
            name="image_chooser",
        ),
        path(
            "chooser/documents/",
            admin_site.admin_view(DocumentChooser.as_view()),
            name="document_chooser",
        ),
    ]


def admin_chooser_urls(request):
    """{kind: address} of the admin's choosers `request.user` may open, for the editor."""
    urls = {}
    for chooser, name in ((ImageChooser, "image_chooser"), (DocumentChooser, "document_chooser")):
        if chooser().may_list(request):
            urls[chooser.model.reference_kind] = reverse(f"library:{name}")
    return urls
