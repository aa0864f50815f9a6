"""A partner's public profile, as seen and edited by its own staff."""

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, UpdateView

from coalition import revisions
from coalition.mail import enqueue
from partners.models import Partner

from .. import access
from ..forms import PartnerProfileForm
from ..tasks import profile_changed_mail
from .mixins import PortalMixin


class PartnerProfileView(PortalMixin, DetailView):
    """One of my organisations, as the public sees it, with an edit link for its admins."""

    template_name = "portal/partner_profile.html"
    context_object_name = "partner"

    def get_queryset(self):
        return (
            access.partners(self.request.user)
            .select_related("logo")
            .prefetch_related("countries", "topics")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_edit"] = (
            access.administered_partners(self.request.user).filter(pk=self.object.pk).exists()
        )
        return context


class PartnerProfileEditView(PortalMixin, UpdateView):
    """Partner admins edit the public profile; a colleague's newer save is never overwritten."""

    template_name = "portal/partner_profile_form.html"
    context_object_name = "partner"
    form_class = PartnerProfileForm

    def get_queryset(self):
        return access.administered_partners(self.request.user).select_related("logo")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        partner = self.object
        editor = self.request.user
        with transaction.atomic():
            saved = revisions.save_edit(
                partner,
                editor,
                _("Profile edited in the partner portal"),
                form.cleaned_data["version"],
                save=form.save,
                baseline=False,
            )
            if saved is None:
                return self.render_conflict(form)
            enqueue(profile_changed_mail, partner.pk, editor.pk)
        messages.success(self.request, _("The profile is saved."))
        return HttpResponseRedirect(reverse("portal:partner", args=[partner.slug]), status=303)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def render_conflict(self, form):
        current = Partner.objects.get(pk=self.object.pk)
        return TemplateResponse(
            self.request,
            "portal/conflict.html",
            {"partner": current, "form": form},
            status=409,
        )
