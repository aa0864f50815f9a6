"""Preview, shared preview links and editorial reports, added to the article admin."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import InvalidPage, Paginator
from django.forms.formsets import all_valid
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import dashboard
from .models import Article, ArticleLink
from .preview import (
    AdminPreviewView,
    add_preview_headers,
    can_share_preview,
    current_draft,
    make_preview_token,
    prepare_unsaved_draft,
    preview_link_expiry,
    revoke_preview_links,
)


class PreviewAdminMixin:
    """Adds preview, share-preview and revoke views to ArticleAdmin, and the two reports.

    Needs RevisionAdminMixin among the admin's bases, for `viewable_object` and `admin_url`.
    """

    report_page_size = 50

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        urls = [
            path(
                "<path:object_id>/preview/",
                self.admin_site.admin_view(
                    require_http_methods(["GET", "HEAD", "POST"])(self.preview_view)
                ),
                name="{}_{}_preview".format(*info),
            ),
            path(
                "<path:object_id>/share-preview/",
                self.admin_site.admin_view(require_POST(self.share_preview_view)),
                name="{}_{}_share_preview".format(*info),
            ),
            path(
                "<path:object_id>/revoke-previews/",
                self.admin_site.admin_view(require_POST(self.revoke_previews_view)),
                name="{}_{}_revoke_previews".format(*info),
            ),
            path(
                "reports/aging/",
                self.admin_site.admin_view(self.aging_report_view),
                name="{}_{}_aging_report".format(*info),
            ),
            path(
                "reports/open-in-editor/",
                self.admin_site.admin_view(self.open_editors_report_view),
                name="{}_{}_open_editors_report".format(*info),
            ),
        ]
        return urls + super().get_urls()

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_share_preview"] = obj is not None and can_share_preview(request.user, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def preview_view(self, request, object_id):
        """GET: the saved draft; POST: the change form's data as it stands, never saved."""
        article = self.viewable_object(request, object_id)
        if request.method == "POST":
            return self.preview_unsaved_changes(request, article)
        draft, relations = current_draft(Article.objects.for_detail().get(pk=article.pk))
        return AdminPreviewView.as_view(draft=draft, relations=relations)(request)

    def preview_unsaved_changes(self, request, article):
        form = self.get_form(request, article, change=True)(request.POST, instance=article)
        formsets, _inlines = self._create_formsets(request, article, change=True)
        form_valid = form.is_valid()
        if not (all_valid(formsets) and form_valid):
            context = {
                **self.admin_site.each_context(request),
                "title": _("This preview cannot be shown"),
                "opts": self.opts,
                "original": article,
                "form": form,
                "formsets": formsets,
            }
            response = TemplateResponse(
                request, "articles/preview_errors.html", context, status=400
            )
            return add_preview_headers(response)
        draft = form.instance
        relations = prepare_unsaved_draft(
            draft,
            topics=self.chosen(form, "topics", article),
            countries=self.chosen(form, "countries", article),
            partners=self.chosen(form, "partners", article),
            cases=self.chosen(form, "cases", article),
            links=self.links_in(formsets, article),
        )
        return AdminPreviewView.as_view(draft=draft, relations=relations)(request)

    def chosen(self, form, name, article):
        """The objects picked in the form, or the saved ones when this user cannot edit them."""
        if name in form.cleaned_data:
            return list(form.cleaned_data[name])
        return list(getattr(article, name).all())

    def links_in(self, formsets, article):
        for formset in formsets:
            if formset.model is ArticleLink:
                links = [
                    form.instance
                    for form in formset.forms
                    if form not in formset.deleted_forms
                    and (form.instance.pk is not None or form.has_changed())
                ]
                return sorted(links, key=lambda link: (link.order, link.pk or 0))
        return list(article.links.all())

    def share_preview_view(self, request, object_id):
        article = self.viewable_object(request, object_id)
        if not can_share_preview(request.user, article):
            raise PermissionDenied
        url = request.build_absolute_uri(
            reverse("articles:shared-preview", args=[make_preview_token(article)])
        )
        expiry = formats.date_format(preview_link_expiry(), "DATETIME_FORMAT")
        messages.success(
            request,
            _(
                "Anyone with this link can read the draft until %(expiry)s, "
                "without an account: %(url)s"
            )
            % {"expiry": expiry, "url": url},
        )
        return HttpResponseRedirect(self.admin_url("change", article))

    def revoke_previews_view(self, request, object_id):
        article = self.viewable_object(request, object_id)
        if not can_share_preview(request.user, article):
            raise PermissionDenied
        revoke_preview_links(article)
        messages.success(request, _("Every preview link shared for this article now fails."))
        return HttpResponseRedirect(self.admin_url("change", article))

    def aging_report_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return self.render_report(
            request,
            "admin/articles/reports/aging.html",
            _("Aging content"),
            dashboard.aging_articles(),
            days=dashboard.aging_content_days(),
        )

    def open_editors_report_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return self.render_report(
            request,
            "admin/articles/reports/open_editors.html",
            _("Open in an editor now"),
            dashboard.articles_open_in_editor(request.user),
            prepare_rows=dashboard.attach_articles,
        )

    def render_report(
        self, request, template_name, title, rows, prepare_rows=list, **extra_context
    ):
        paginator = Paginator(rows, self.report_page_size)
        try:
            page = paginator.page(request.GET.get("page") or 1)
        except InvalidPage as error:
            raise Http404(_("No such page.")) from error
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.opts,
            "page_obj": page,
            "rows": prepare_rows(page.object_list),
            **extra_context,
        }
        return TemplateResponse(request, template_name, context)
