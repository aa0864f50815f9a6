from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles.models import Article

from . import report
from .forms import KeepForm
from .models import LinkCheck


@admin.register(LinkCheck)
class LinkCheckAdmin(admin.ModelAdmin):
    """What the checker found, read-only: rows follow published content, not editors."""

    list_display = [
        "url",
        "status",
        "status_code",
        "error",
        "broken_since",
        "last_ok_at",
        "last_checked_at",
        "keep",
    ]
    list_filter = ["status", "keep", "error"]
    search_fields = ["url", "final_url"]
    list_select_related = []
    date_hierarchy = "last_checked_at"
    show_full_result_count = False
    report_page_size = 50

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # "Checked, keep" is set from the report, by editors only (report.can_keep).
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "broken/",
                self.admin_site.admin_view(self.broken_links_view),
                name="{}_{}_broken".format(*info),
            ),
            path(
                "<id:object_id>/keep/",
                self.admin_site.admin_view(require_POST(self.keep_view)),
                name="{}_{}_keep".format(*info),
            ),
            *super().get_urls(),
        ]

    def broken_links_view(self, request):
        if not report.can_see_report(request.user):
            raise PermissionDenied
        kept = request.GET.get("kept") == "1"
        paginator = Paginator(report.broken_link_uses(request.user, kept=kept), 50)
        try:
            page = paginator.page(request.GET.get("page") or 1)
        except InvalidPage as error:
            raise Http404(_("No such page.")) from error
        context = {
            **self.admin_site.each_context(request),
            "title": _("Links kept although broken") if kept else _("Broken links"),
            # The report belongs with the articles: its breadcrumbs lead there.
            "opts": Article._meta,
            "page_obj": page,
            "rows": page.object_list,
            "kept": kept,
            "can_keep": report.can_keep(request.user),
        }
        return TemplateResponse(request, "admin/links/broken_links.html", context)

    def keep_view(self, request, object_id):
        if not report.can_keep(request.user):
            raise PermissionDenied
        link = get_object_or_404(LinkCheck, pk=object_id)
        form = KeepForm(request.POST)
        if not form.is_valid():
            return HttpResponseBadRequest(_("The form was not valid."))
        keep = form.cleaned_data["keep"]
        link.mark_kept(request.user, keep, timezone.now())
        if keep:
            message = _("“%(url)s” is marked “checked, keep” until it works again.")
        else:
            message = _("“%(url)s” is listed as broken again.")
        messages.success(request, message % {"url": link.url})
        target = form.cleaned_data["next"]
        if not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            target = reverse("admin:links_linkcheck_broken")
        return HttpResponseRedirect(target)
