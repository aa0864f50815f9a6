"""Account pages that differ from django.contrib.auth's own."""

from django.conf import settings
from django.contrib.auth import views as auth_views


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, with the emailed link on SITE_URL like every other email.

    Django builds it from the request's Host header, which the asker chooses: a host we also
    answer to (ALLOWED_HOSTS) could still send the link, and its token, somewhere else.
    """

    @property
    def extra_email_context(self):
        return {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL.rstrip("/")}
