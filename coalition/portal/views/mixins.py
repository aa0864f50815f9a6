"""What every portal page shares."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from .. import access


class PortalMixin(LoginRequiredMixin):
    """Pages for logged-in staff of a partner; nothing here is ever cached."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.partners(request.user).exists():
            context = {"only_inactive": access.has_inactive_partner(request.user)}
            response = TemplateResponse(
                request, "portal/no_organisation.html", context, status=404
            )
        else:
            response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response
