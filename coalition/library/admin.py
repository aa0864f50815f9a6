"""The library in the admin: a grid of images and documents, uploads of many images at once,
the focal point set by a click, where each item is used, and no deleting what is in use."""

from pathlib import PurePosixPath

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from coalition.revisions.admin import RevisionAdminMixin
from coalition.translation.admin import TranslationAdminMixin

from .forms import BulkUploadForm, DescribeImagesFormSet
from .models import Document, Image, Tag
from .usage import uses

LIBRARY_CSS = "coalition/library/library.css"
# Images described on one page at most: more than one upload's worth is rarely wanted.
MAX_DESCRIBED = 100


class DocumentLink:
    """What the file input shows of a stored document: its name, linked to its address."""

    def __init__(self, name, url):
        self.name = name
        self.url = url

    def __str__(self):
        return self.name


class DocumentFileWidget(AdminFileWidget):
    """The file input of a document, linked to the document's address (its public copy, or
    the view that checks who asks): the private storage it is kept in has no address."""

    def is_initial(self, value):
        return bool(value) and getattr(getattr(value, "instance", None), "pk", None) is not None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"]:
            context["widget"]["value"] = DocumentLink(
                PurePosixPath(value.name).name, value.instance.url
            )
        return context


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]


class AltTextFilter(admin.SimpleListFilter):
    """Images still to describe: uploaded many at once, they have no alt text yet."""

    title = _("alt text")
    parameter_name = "alt_text"

    def lookups(self, request, model_admin):
        return [("missing", _("missing")), ("given", _("given"))]

    def queryset(self, request, queryset):
        missing = Q(alt__regex=r"^\s*$") & Q(decorative=False)
        if self.value() == "missing":
            return queryset.filter(missing)
        if self.value() == "given":
            return queryset.exclude(missing)
        return queryset


class LibraryItemAdminMixin:
    """What the image and document pages share: the grid, the uploader, and the refusal to
    delete what a text or a record still uses."""

    change_list_template = "admin/library/change_list.html"
    autocomplete_fields = ["tags"]
    list_select_related = ["uploaded_by"]
    list_per_page = 48
    readonly_fields = [
        "where_used",
        "partner",
        "private_until_used",
        "uploaded_by",
        "created_at",
        "updated_at",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    def save_model(self, request, obj, form, change):
        if obj.pk is None:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("tags"), empty_value="")
    def tag_names(self, obj):
        return ", ".join(tag.name for tag in obj.tags.all())

    @admin.display(description=_("Where it is used"))
    def where_used(self, obj):
        found = uses(obj) if obj.pk else []
        if not found:
            return gettext("Nowhere yet: no text or record refers to it.")
        return format_html(
            '<ul class="library-uses">{}</ul>',
            format_html_join(
                "", '<li><a href="{}">{}</a></li>', ((use.admin_url, str(use)) for use in found)
            ),
        )

    # Deleting: never what is in use, one at a time or selected in the list.

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        found = uses(obj) if obj is not None else []
        if found:
            if not self.has_delete_permission(request, obj):
                raise PermissionDenied
            context = {
                **self.admin_site.each_context(request),
                "title": gettext("Cannot delete “%(item)s”") % {"item": obj},
                "opts": self.opts,
                "object": obj,
                "uses": found,
            }
            return TemplateResponse(
                request,
                "admin/library/in_use.html",
                context,
                status=409 if request.method == "POST" else 200,
            )
        return super().delete_view(request, object_id, extra_context)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            actions["delete_selected"] = (
                LibraryItemAdminMixin.delete_unused,
                "delete_selected",
                delete_selected.short_description,
            )
        return actions

    @admin.action(permissions=["delete"])
    def delete_unused(self, request, queryset):
        """Django's "delete selected", refused with the places when any item is in use."""
        in_use = [(item, found) for item in queryset if (found := uses(item))]
        if not in_use:
            return delete_selected(self, request, queryset)
        self.message_user(
            request,
            format_html(
                "{} <ul>{}</ul>",
                ngettext(
                    "Nothing was deleted: this item is in use.",
                    "Nothing was deleted: these items are in use.",
                    len(in_use),
                ),
                format_html_join(
                    "",
                    "<li>{}: {}</li>",
                    ((item, "; ".join(str(use) for use in found)) for item, found in in_use),
                ),
            ),
            messages.ERROR,
        )
        return None

    def delete_queryset(self, request, queryset):
        # Reached only through delete_unused, which checked; checked again, in case a text
        # came to use an item while the confirmation page was open.
        if any(uses(item) for item in queryset):
            raise PermissionDenied
        super().delete_queryset(request, queryset)


@admin.register(Image)
class ImageAdmin(
    LibraryItemAdminMixin, RevisionAdminMixin, TranslationAdminMixin, admin.ModelAdmin
):
    list_display = ["thumbnail", "title", "alt_status", "licence", "tag_names", "created_at"]
    # The title's link covers its card (library.css): a thumbnail link would have no name.
    list_display_links = ["title"]
    list_filter = [
        AltTextFilter,
        ("tags", admin.RelatedOnlyFieldListFilter),
        "licence",
        "decorative",
        ("uploaded_by", admin.RelatedOnlyFieldListFilter),
        # Partners' uploads in the portal, by organisation.
        ("partner", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["title", "alt", "caption", "credit", "tags__name"]
    date_hierarchy = "created_at"
    readonly_fields = ["focal_point_picker", *LibraryItemAdminMixin.readonly_fields]
    fieldsets = [
        (None, {"fields": ["file", "title", "alt", "decorative", "caption", "credit"]}),
        (_("Focal point"), {"fields": ["focal_point_picker", "focal_x", "focal_y"]}),
        (_("Use"), {"fields": ["licence", "tags", "where_used"]}),
        (
            _("Record"),
            {
                "fields": [
                    "partner",
                    "private_until_used",
                    "uploaded_by",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    class Media:
        css = {"all": [LIBRARY_CSS]}
        js = ["coalition/library/focal-point.js"]

    def get_urls(self):
        add_many = path(
            "add-many/",
            self.admin_site.admin_view(self.add_many_view),
            name=f"{self.opts.app_label}_{self.opts.model_name}_add_many",
        )
        describe = path(
            "describe/",
            self.admin_site.admin_view(self.describe_view),
            name=f"{self.opts.app_label}_{self.opts.model_name}_describe",
        )
        return [add_many, describe, *super().get_urls()]

    @admin.display(description=_("image"))
    def thumbnail(self, obj):
        return format_html(
            '<img src="{}" alt="" width="160" height="160" loading="lazy" class="library-thumb">',
            obj.thumbnail_url(),
        )

    @admin.display(description=_("alt text"), ordering="alt")
    def alt_status(self, obj):
        if obj.decorative:
            return gettext("Decorative")
        if not obj.alt.strip():
            return format_html('<span class="library-missing">{}</span>', gettext("No alt text"))
        return obj.alt

    @admin.display(description=_("Focal point"))
    def focal_point_picker(self, obj):
        if obj is None or not obj.pk or not obj.file:
            return gettext("Save the image first, then click on it here to set its focal point.")
        x, y = obj.focal_point
        return render_to_string(
            "admin/library/includes/focal_point.html", {"image": obj, "x": x, "y": y}
        )

    # Many images at once.

    def add_many_view(self, request):
        """Upload several images: each accepted file becomes an image; refusals are named.

        The page's script sends one file per request and reads JSON, to show each file's
        progress; without JavaScript the form posts them all at once.
        """
        if not self.has_add_permission(request):
            raise PermissionDenied
        wants_json = "application/json" in request.headers.get("Accept", "")
        form = BulkUploadForm(request.POST or None, request.FILES or None)
        created, status = [], 200
        if request.method == "POST":
            if form.is_valid():
                created = form.save(request.user)
                for image in created:
                    self.log_addition(request, image, [{"added": {}}])
            refused = form.refused or not form.is_valid()
            if wants_json:
                return self.add_many_json(form, created, status=400 if refused else 201)
            if not refused:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d image uploaded: give it its alt text.",
                        "%(count)d images uploaded: give each its alt text.",
                        len(created),
                    )
                    % {"count": len(created)},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(self.uploaded_url(created))
            status = 400
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Upload images"),
            "opts": self.opts,
            "form": form,
            "created": created,
            "uploaded_url": self.uploaded_url(created) if created else "",
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/library/add_many.html", context, status=status)

    def uploaded_url(self, images):
        url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_describe")
        return f"{url}?ids={','.join(str(image.pk) for image in images)}"

    def describe_view(self, request):
        """Alt text (and title, caption, credit) for several images on one page, such as
        those just uploaded together: `?ids=3,4,5`."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        ids = request.GET.get("ids", "").split(",")
        if not all(part.isdigit() and len(part) <= 18 for part in ids) or len(ids) > MAX_DESCRIBED:
            return HttpResponseBadRequest(
                gettext("Name at most %(count)d images by number, separated by commas.")
                % {"count": MAX_DESCRIBED}
            )
        images = self.get_queryset(request).filter(pk__in=ids).order_by("pk")
        formset = DescribeImagesFormSet(request.POST or None, queryset=images)
        status = 200
        if request.method == "POST":
            if formset.is_valid():
                changed = [form for form in formset.forms if form.has_changed()]
                lost = [form.instance for form in changed if not form.save_edit(request.user)]
                for form in changed:
                    if form.instance not in lost:
                        self.log_change(request, form.instance, [{"changed": {}}])
                if lost:
                    self.message_user(
                        request,
                        gettext(
                            "Someone else saved %(images)s meanwhile: your text for them was "
                            "not saved. Open each to see their version."
                        )
                        % {"images": ", ".join(f"“{image}”" for image in lost)},
                        messages.ERROR,
                    )
                else:
                    self.message_user(
                        request, gettext("The images are described."), messages.SUCCESS
                    )
                changelist = reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist"
                )
                return HttpResponseRedirect(f"{changelist}?id__in={','.join(ids)}")
            status = 400
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Describe the images"),
            "opts": self.opts,
            "formset": formset,
            "media": self.media + formset.media,
        }
        return TemplateResponse(request, "admin/library/describe.html", context, status=status)

    def add_many_json(self, form, created, status):
        return JsonResponse(
            {
                "images": [
                    {
                        "id": image.pk,
                        "title": image.title,
                        "url": reverse(
                            f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                            args=[image.pk],
                        ),
                    }
                    for image in created
                ],
                "refused": [{"name": name, "errors": errors} for name, errors in form.refused],
                "errors": [str(error) for error in form.errors.get("files", [])]
                + [str(error) for error in form.non_field_errors()],
                "uploaded_url": self.uploaded_url(created) if created else "",
            },
            status=status,
        )


@admin.register(Document)
class DocumentAdmin(LibraryItemAdminMixin, RevisionAdminMixin, admin.ModelAdmin):
    formfield_overrides = {models.FileField: {"widget": DocumentFileWidget}}
    list_display = ["type_badge", "title", "language", "date", "size_label", "created_at"]
    list_display_links = ["title"]
    list_filter = [
        ("tags", admin.RelatedOnlyFieldListFilter),
        "kind",
        "file_type",
        "language",
        ("uploaded_by", admin.RelatedOnlyFieldListFilter),
        # Partners' uploads in the portal, by organisation.
        ("partner", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["title", "tags__name"]
    date_hierarchy = "created_at"
    fieldsets = [
        (None, {"fields": ["file", "title", "kind", "language", "date", "tags"]}),
        (_("Use"), {"fields": ["where_used"]}),
        (
            _("Record"),
            {
                "fields": [
                    "file_type",
                    "size",
                    "checksum",
                    "partner",
                    "private_until_used",
                    "uploaded_by",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]
    readonly_fields = [*LibraryItemAdminMixin.readonly_fields, "file_type", "size", "checksum"]

    class Media:
        css = {"all": [LIBRARY_CSS]}

    @admin.display(description=_("type"), ordering="file_type")
    def type_badge(self, obj):
        return format_html('<span class="library-type">{}</span>', obj.file_type or "?")

    @admin.display(description=_("size"), ordering="size")
    def size_label(self, obj):
        return filesizeformat(obj.size)
