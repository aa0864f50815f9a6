"""Site-wide middleware: the language of each request and the security headers of every answer."""

from django.conf import settings
from django.middleware import locale
from django.urls import is_valid_path
from django.urls.base import get_urlconf
from django.utils import translation


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's LocaleMiddleware, keeping the cookie and browser choice outside i18n_patterns.

    With prefix_default_language=False Django serves every unprefixed URL in the default
    language; the admin, the portal and the feeds have no language prefix, so their readers
    would lose their language.
    """

    def process_request(self, request):
        super().process_request(request)
        if not self.has_language_urls(request):
            translation.activate(translation.get_language_from_request(request))
            request.LANGUAGE_CODE = translation.get_language()

    def has_language_urls(self, request):
        """Whether this address is a page that also exists under a language prefix."""
        if translation.get_language_from_path(request.path_info):
            return True
        urlconf = getattr(request, "urlconf", None) or get_urlconf(settings.ROOT_URLCONF)
        other = next(code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE)
        with translation.override(other):
            return is_valid_path(f"/{other}{request.path_info}", urlconf)


class PermissionsPolicyMiddleware:
    """Switch off the browser features in `PERMISSIONS_POLICY_DISABLED` on every answer."""

    def __init__(self, get_response):
        self.get_response = get_response
        disabled = settings.PERMISSIONS_POLICY_DISABLED
        self.header = ", ".join(f"{feature}=()" for feature in disabled)

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
