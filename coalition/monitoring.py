"""Optional error reports to Sentry, switched on by SENTRY_DSN (the "sentry" extra).

Reports carry no personal data: Sentry's own PII collection stays off and every string in
an event goes through the same redaction as the logs.
"""

from django.core.exceptions import ImproperlyConfigured

from coalition.logs import redact


def init_error_reporting(dsn, environment="production"):
    """Start Sentry's SDK when `dsn` is set; return whether it was started."""
    if not dsn:
        return False
    try:
        import sentry_sdk
    except ImportError:
        raise ImproperlyConfigured(
            "SENTRY_DSN is set but sentry-sdk is not installed: pip install -e '.[sentry]'."
        ) from None
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        send_default_pii=False,
        before_send=scrub,
        before_send_transaction=scrub,
    )
    return True


def scrub(event, hint=None):
    """The event with email addresses and signed tokens taken out of every string."""
    if isinstance(event, dict):
        return {key: scrub(value) for key, value in event.items()}
    if isinstance(event, list):
        return [scrub(value) for value in event]
    if isinstance(event, str):
        return redact(event)
    return event
