"""'Add your voice': signed confirmation and withdrawal links, their email, and the rate limit.

A link carries the signature's id and email address, signed with the site's secret key, so
that nothing needs storing and a link never fits a later signature that reuses the id.
"""

import csv
import datetime
import time
from functools import partial

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from coalition.clients import client_address  # noqa: F401 - the rate limit's address
from coalition.csv_export import Echo, spreadsheet_safe
from coalition.urls_helpers import site_url

from .models import Signature

CONFIRM_SALT = "articles.signature.confirm"
WITHDRAW_SALT = "articles.signature.withdraw"


class LinkExpired(Exception):
    """A genuine confirmation link, too old to use; `signature` is None once withdrawn."""

    def __init__(self, signature):
        super().__init__("Confirmation link expired.")
        self.signature = signature


def confirmation_token(signature):
    return signing.dumps([signature.pk, signature.email], salt=CONFIRM_SALT, compress=True)


def withdrawal_token(signature):
    return signing.dumps([signature.pk, signature.email], salt=WITHDRAW_SALT, compress=True)


def confirmation_max_age():
    return datetime.timedelta(days=settings.SIGNATURE_CONFIRM_DAYS)


def signature_for_confirmation(token):
    """The signature a confirmation link names; Signature.DoesNotExist when tampered or gone.

    Raises LinkExpired for a genuine link older than SIGNATURE_CONFIRM_DAYS.
    """
    try:
        pk, email = signing.loads(token, salt=CONFIRM_SALT, max_age=confirmation_max_age())
    except signing.SignatureExpired:
        pk, email = signing.loads(token, salt=CONFIRM_SALT)
        signature = Signature.objects.select_related("article").filter(pk=pk, email=email)
        raise LinkExpired(signature.first()) from None
    except (signing.BadSignature, ValueError, TypeError):
        raise Signature.DoesNotExist from None
    return Signature.objects.select_related("article").get(pk=pk, email=email)


def signature_for_withdrawal(token):
    """The signature a withdrawal link names; Signature.DoesNotExist when tampered or gone."""
    try:
        pk, email = signing.loads(token, salt=WITHDRAW_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        raise Signature.DoesNotExist from None
    return Signature.objects.select_related("article").get(pk=pk, email=email)


def confirm(signature, now=None):
    """Count the signature; confirming it again keeps the first moment."""
    if signature.confirmed_at is None:
        signature.confirmed_at = now or timezone.now()
        Signature.objects.filter(pk=signature.pk, confirmed_at__isnull=True).update(
            confirmed_at=signature.confirmed_at
        )
    return signature


def confirmation_message(signature):
    """The email asking the signer to confirm: what they signed, and how to withdraw."""
    article = signature.article
    context = {
        "signature": signature,
        "article": article,
        "site_name": settings.SITE_NAME,
        "confirm_days": settings.SIGNATURE_CONFIRM_DAYS,
        "article_url": site_url(article.get_absolute_url()),
        "confirm_url": site_url(
            reverse("articles:confirm-signature", args=[confirmation_token(signature)])
        ),
        "withdraw_url": site_url(
            reverse("articles:withdraw-signature", args=[withdrawal_token(signature)])
        ),
    }
    subject = render_to_string("articles/email/signature_confirm_subject.txt", context)
    body = render_to_string("articles/email/signature_confirm.txt", context)
    return EmailMessage(" ".join(subject.split()), body, to=[signature.email])


def send_confirmation(signature):
    """Email the confirmation link once the signature is committed."""
    # A failing mail server must not undo or hide a signature that is already stored.
    transaction.on_commit(partial(_send, signature), robust=True)


def _send(signature):
    confirmation_message(signature).send()


class RateLimit:
    """At most `limit` attempts per client address in each fixed window of `period` seconds."""

    def __init__(self, scope, limit, period):
        self.scope, self.limit, self.period = scope, limit, period

    def key(self, address, now):
        return f"rate:{self.scope}:{address}:{int(now // self.period)}"

    def hit(self, address, now=None):
        """Count one attempt; return the seconds to wait when over the limit, else 0."""
        now = time.time() if now is None else now
        key = self.key(address, now)
        cache.add(key, 0, timeout=self.period)
        try:
            attempts = cache.incr(key)
        except ValueError:
            # The entry expired between add() and incr(): this is the window's first attempt.
            cache.set(key, 1, timeout=self.period)
            attempts = 1
        if attempts > self.limit:
            return max(1, int(self.period - now % self.period))
        return 0


def signing_rate_limit():
    return RateLimit("signature", settings.SIGNATURE_RATE_LIMIT, settings.SIGNATURE_RATE_PERIOD)


EXPORT_HEADER = ["name", "email", "country", "message", "confirmed_at"]


def csv_lines(signatures):
    """The confirmed signatures among `signatures` as CSV lines, read in chunks."""
    writer = csv.writer(Echo())
    yield writer.writerow(EXPORT_HEADER)
    confirmed = (
        signatures.filter(confirmed_at__isnull=False)
        .select_related("country")
        .order_by("confirmed_at", "pk")
    )
    for signature in confirmed.iterator(chunk_size=2000):
        yield writer.writerow(
            [
                spreadsheet_safe(signature.name),
                spreadsheet_safe(signature.email),
                signature.country.name if signature.country else "",
                spreadsheet_safe(signature.message),
                signature.confirmed_at.isoformat(),
            ]
        )
