from axes.utils import reset as reset_login_failures
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from coalition import lockout
from coalition.admin import HTTPS_URL_FIELDS
from coalition.library.chosen import image_preview
from coalition.revisions.admin import RevisionAdminMixin
from coalition.revisions.autosave import AutosaveAdminMixin
from coalition.translation.admin import TranslationAdminMixin
from coalition.writing import MarkdownAdminMixin

from .invitations import InvitationForm, send_invitation
from .models import Membership, Partner


class MembershipInline(admin.TabularInline):
    model = Membership
    fields = ["user", "role", "created_at"]
    readonly_fields = ["created_at"]
    autocomplete_fields = ["user"]
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "partner")


@admin.register(Partner)
class PartnerAdmin(
    MarkdownAdminMixin,
    AutosaveAdminMixin,
    RevisionAdminMixin,
    TranslationAdminMixin,
    admin.ModelAdmin,
):
    markdown_fields = ["description"]
    list_display = ["name", "short_name", "member_since", "is_active", "updated_at"]
    list_filter = [
        "is_active",
        ("countries", admin.RelatedOnlyFieldListFilter),
        ("topics", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["name", "short_name", "slug", "summary", "public_email", "website"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["countries", "topics", "logo"]
    date_hierarchy = "member_since"
    readonly_fields = ["created_at", "updated_at", "logo_preview"]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "summary", "description"]}),
        (_("Contact"), {"fields": ["logo", "logo_preview", "website", "public_email"]}),
        (_("Work"), {"fields": ["countries", "topics"]}),
        (_("Membership of the coalition"), {"fields": ["member_since", "is_active"]}),
        (_("Record"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    inlines = [MembershipInline]
    formfield_overrides = HTTPS_URL_FIELDS

    @admin.display(description=_("chosen image"))
    def logo_preview(self, partner):
        return image_preview(partner.logo)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "partner", "role", "created_at"]
    list_filter = ["role", ("partner", admin.RelatedOnlyFieldListFilter)]
    search_fields = [
        "user__username",
        "user__email",
        "user__first_name",
        "user__last_name",
        "partner__name",
        "partner__short_name",
    ]
    autocomplete_fields = ["user", "partner"]
    list_select_related = ["user", "partner"]
    readonly_fields = ["created_at"]
    actions = ["unlock_logins"]

    def get_urls(self):
        invite = path(
            "invite/",
            self.admin_site.admin_view(self.invite_view),
            name=f"{self.opts.app_label}_{self.opts.model_name}_invite",
        )
        return [invite, *super().get_urls()]

    def invite_view(self, request):
        """Invite a partner's staff member: they receive a link to choose their own password."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = InvitationForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            membership = form.save()
            send_invitation(membership, request.user)
            self.message_user(
                request,
                _("%(email)s is invited to %(partner)s.")
                % {"email": membership.user.email, "partner": membership.partner},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(reverse("admin:partners_membership_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Invite partner staff"),
            "form": form,
        }
        return TemplateResponse(request, "admin/partners/membership/invite.html", context)

    @admin.action(permissions=["change"], description=_("Unlock the selected people's logins"))
    def unlock_logins(self, request, queryset):
        """Lift the locks on a username after too many failed logins: axes' and ours."""
        usernames = set(queryset.values_list("user__username", flat=True))
        for username in usernames:
            reset_login_failures(username=username)
            lockout.forget_failures(username)
        self.message_user(
            request,
            ngettext(
                "%(count)d person can log in again.",
                "%(count)d people can log in again.",
                len(usernames),
            )
            % {"count": len(usernames)},
            messages.SUCCESS,
        )
