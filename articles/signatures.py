"""'Add your voice': signed confirmation and withdrawal links, their email, and the rate limit.

A link carries the signature's id and a keyed digest of its email address, signed with the
site's secret key: nothing needs storing, nobody can read the address out of a link, and a
link never fits a later signature that reuses the id.
"""

import csv
import datetime
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from coalition import pagecache
from coalition.clients import client_address  # noqa: F401 - the rate limit's address
from coalition.csv_export import Echo, spreadsheet_safe
from coalition.mail import enqueue, mail_task
from coalition.urls_helpers import site_url

from .models import Article, Signature

CONFIRM_SALT = "articles.signature.confirm"
WITHDRAW_SALT = "articles.signature.withdraw"
ADDRESS_SALT = "articles.signature.address"


class LinkExpired(Exception):
    """A genuine confirmation link, too old to use; `signature` is None once withdrawn."""

    def __init__(self, signature):
        super().__init__("Confirmation link expired.")
        self.signature = signature


def address_digest(email):
    """A digest of the address that only the site's secret key can make; it reveals nothing."""
    return salted_hmac(ADDRESS_SALT, email, algorithm="sha256").hexdigest()[:24]


def confirmation_token(signature):
    return signing.dumps([signature.pk, address_digest(signature.email)], salt=CONFIRM_SALT)


def withdrawal_token(signature):
    return signing.dumps([signature.pk, address_digest(signature.email)], salt=WITHDRAW_SALT)


def _named_signature(value):
    """The signature a link's signed value names, or None.

    Links emailed before the digest carried the address itself; they keep working.
    """
    try:
        pk, check = value
    except (TypeError, ValueError):
        return None
    if not isinstance(pk, int) or not isinstance(check, str):
        return None
    signature = Signature.objects.select_related("article").filter(pk=pk).first()
    if signature is None:
        return None
    if constant_time_compare(check, address_digest(signature.email)) or constant_time_compare(
        check, signature.email
    ):
        return signature
    return None


def confirmation_max_age():
    return datetime.timedelta(days=settings.SIGNATURE_CONFIRM_DAYS)


def signature_for_confirmation(token):
    """The signature a confirmation link names; Signature.DoesNotExist when tampered or gone.

    Raises LinkExpired for a genuine link older than SIGNATURE_CONFIRM_DAYS.
    """
    try:
        value = signing.loads(token, salt=CONFIRM_SALT, max_age=confirmation_max_age())
    except signing.SignatureExpired:
        raise LinkExpired(_named_signature(signing.loads(token, salt=CONFIRM_SALT))) from None
    except (signing.BadSignature, ValueError, TypeError):
        raise Signature.DoesNotExist from None
    signature = _named_signature(value)
    if signature is None:
        raise Signature.DoesNotExist
    return signature


def signature_for_withdrawal(token):
    """The signature a withdrawal link names; Signature.DoesNotExist when tampered or gone."""
    try:
        value = signing.loads(token, salt=WITHDRAW_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        raise Signature.DoesNotExist from None
    signature = _named_signature(value)
    if signature is None:
        raise Signature.DoesNotExist
    return signature


def open_calls():
    """Articles the public may add their voice to now: published, with the call switched on."""
    return Article.objects.published().filter(cta_enabled=True)


def confirm(signature, now=None):
    """Count the signature while its call is open; False when the call has closed since.

    Confirming it again keeps the first moment.
    """
    if signature.confirmed_at is not None:
        return True
    moment = now or timezone.now()
    counted = Signature.objects.filter(
        pk=signature.pk, confirmed_at__isnull=True, article__in=open_calls()
    ).update(confirmed_at=moment)
    if counted:
        signature.confirmed_at = moment
        # update() sends no signal; the article's page shows the count.
        pagecache.invalidate_on_commit()
    return (
        bool(counted)
        or Signature.objects.filter(pk=signature.pk, confirmed_at__isnull=False).exists()
    )


def count_changed(sender, instance, **kwargs):
    """Invalidate cached pages when a counted signature is edited or withdrawn (deleted)."""
    if instance.confirmed_at is not None:
        pagecache.invalidate_on_commit()


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


def already_counted_message(signature):
    """The email to an address that signs a call again: it counts once, and how to withdraw."""
    article = signature.article
    context = {
        "signature": signature,
        "article": article,
        "site_name": settings.SITE_NAME,
        "article_url": site_url(article.get_absolute_url()),
        "withdraw_url": site_url(
            reverse("articles:withdraw-signature", args=[withdrawal_token(signature)])
        ),
    }
    subject = render_to_string("articles/email/signature_already_counted_subject.txt", context)
    body = render_to_string("articles/email/signature_already_counted.txt", context)
    return EmailMessage(" ".join(subject.split()), body, to=[signature.email])


def send_confirmation(signature):
    """Email the confirmation link once the signature is committed.

    A task (`coalition.mail`): a failing or slow mail server never undoes, hides or delays a
    signature that is already stored.
    """
    enqueue(confirmation_mail, signature.pk)


def send_already_counted(signature):
    """Tell the address's owner, and only them, that their voice already counts (a task)."""
    enqueue(already_counted_mail, signature.pk)


@mail_task("articles.signature_confirmation")
def confirmation_mail(signature_id):
    """The confirmation email of a signature still waiting for it; none once confirmed or gone."""
    signature = Signature.objects.select_related("article").filter(pk=signature_id).first()
    if signature is None or signature.confirmed_at is not None:
        return []
    return [confirmation_message(signature)]


@mail_task("articles.signature_already_counted")
def already_counted_mail(signature_id):
    """The reminder to an address that signed again; none once the signature is gone."""
    signature = Signature.objects.select_related("article").filter(pk=signature_id).first()
    return [already_counted_message(signature)] if signature is not None else []


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
