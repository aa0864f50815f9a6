"""A person's own account: accepting an invitation and choosing which emails to get."""

from django.contrib import messages
from django.contrib.auth.views import PasswordResetConfirmView
from django.http import HttpResponseRedirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.generic import UpdateView

from articles.models import NotificationPreference

from ..forms import NotificationPreferenceForm
from .mixins import PortalMixin


class NotificationPreferencesView(PortalMixin, UpdateView):
    """Each person switches each kind of workflow email about their stories on or off."""

    template_name = "portal/notification_preferences.html"
    form_class = NotificationPreferenceForm

    def get_object(self, queryset=None):
        user = self.request.user
        # No row means everything is on: the row is only written when the form is saved.
        return NotificationPreference.objects.filter(user=user).first() or (
            NotificationPreference(user=user)
        )

    def form_valid(self, form):
        form.save()
        messages.success(self.request, _("Your email preferences are saved."))
        return HttpResponseRedirect(reverse("portal:notifications"), status=303)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class WelcomeView(PasswordResetConfirmView):
    """An invited person chooses a password through the emailed link, then enters the portal."""

    template_name = "portal/welcome.html"
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = reverse_lazy("portal:dashboard")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Welcome: your password is set."))
        return response
