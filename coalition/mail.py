"""Mail as background tasks: built from ids in the worker, retried, and recorded when it fails.

A module declares one kind of mail with `@mail_task("name")` over a function that takes ids
and returns the messages to send; `enqueue(task, *ids)` sends them once the current
transaction commits. No request ever waits on the mail server: with a broker, a worker
sends; without one (`make run`), the task runs after commit, one attempt bounded by
EMAIL_TIMEOUT, and a failure is recorded rather than raised.
"""

import logging
import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.utils import translation

logger = logging.getLogger(__name__)

# Refusals of one message; any other error means the connection itself is gone.
MESSAGE_ERRORS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)


def mail_task(name):
    """Make `build(*ids) -> [EmailMessage]` a retried Celery task named `name`."""

    def decorator(build):
        @shared_task(bind=True, name=name, ignore_result=True)
        def task(self, *ids, only_to=None, language=None):
            # In the language of the page that asked for it, as if sent from the request.
            with translation.override(language or settings.LANGUAGE_CODE):
                messages = build(*ids)
            if only_to is not None:
                messages = [message for message in messages if recipient(message) in only_to]
            failures = deliver(messages)
            if failures:
                handle_failures(self, ids, language, failures)
            return len(messages) - len(failures)

        task.build = build
        return task

    return decorator


def recipient(message):
    """The one address a message goes to: mail is sent one message per person."""
    return ", ".join(message.to)


def deliver(messages):
    """Send each message; return (message, error) for those that did not go.

    After an error of the connection itself (refused, timed out, dropped), the rest are not
    tried: each would wait EMAIL_TIMEOUT again.
    """
    failures = []
    if not messages:
        return failures
    try:
        connection = get_connection(timeout=settings.EMAIL_TIMEOUT)
    except Exception as error:  # noqa: BLE001 - a backend that cannot even be set up
        return [(message, error) for message in messages]
    try:
        for index, message in enumerate(messages):
            message.connection = connection
            try:
                message.send()
            except MESSAGE_ERRORS as error:
                failures.append((message, error))
            except Exception as error:  # noqa: BLE001 - any failure of the server or network
                failures += [(rest, error) for rest in messages[index:]]
                break
    finally:
        try:
            connection.close()
        except Exception:  # noqa: BLE001, S110 - closing a broken connection may fail too
            pass
    return failures


def describe(error):
    return f"{type(error).__name__}: {error}"[:1000]


def handle_failures(task, ids, language, failures):
    """Retry later with exponential backoff; after the last try, record each failed message."""
    attempt = task.request.retries + 1
    last = task.request.is_eager or task.request.retries >= settings.MAIL_RETRIES
    for _message, error in failures[:1]:
        # Ids and the error only: addresses never go into the log.
        logger.warning(
            "Mail %s for %s not delivered (attempt %d, %s): %s",
            task.name,
            list(ids),
            attempt,
            "recorded for the admin" if last else "will retry",
            describe(error),
        )
    if last:
        undelivered = [(recipient(m), m.subject, describe(e)) for m, e in failures]
        record(task.name, ids, language, undelivered)
        return
    raise task.retry(
        countdown=settings.MAIL_RETRY_DELAY * 2**task.request.retries,
        kwargs={
            "only_to": [recipient(message) for message, _error in failures],
            "language": language,
        },
        max_retries=settings.MAIL_RETRIES,
    )


def record(task_name, ids, language, undelivered):
    """Keep (recipient, subject, error) of mail that could not be sent, for the admin."""
    from coalition.models import UndeliveredMail

    UndeliveredMail.objects.bulk_create(
        UndeliveredMail(
            task=task_name,
            arguments=list(ids),
            language=language or "",
            recipient=address,
            subject=subject,
            error=error,
        )
        for address, subject, error in undelivered
    )


def enqueue(task, *ids, **options):
    """Run `task` with `ids` once the current transaction commits (at once outside one)."""
    options.setdefault("language", translation.get_language())

    def send_after_commit():
        send_now(task, *ids, **options)

    transaction.on_commit(send_after_commit, robust=True)


def send_now(task, *ids, **options):
    """Hand the task to the broker, or run it in this process when there is none.

    A broker that cannot be reached does not lose the mail: it is recorded as undelivered.
    """
    try:
        task.apply_async(ids, options)
    except Exception as error:  # noqa: BLE001 - the broker is down or misconfigured
        logger.exception("Task %s for %s could not be queued", task.name, list(ids))
        if hasattr(task, "build"):
            try:
                with translation.override(options.get("language")):
                    messages = task.build(*ids)
            except Exception:  # noqa: BLE001 - the database may be what failed
                messages = []
            undelivered = [(recipient(m), m.subject, describe(error)) for m in messages]
            undelivered = undelivered or [("", "", describe(error))]
            record(task.name, ids, options.get("language"), undelivered)
