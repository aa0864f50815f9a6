"""Logs an operator can use: one JSON object per line, each with the request id, none with an
email address or a signed token.

`logging_config()` is the dictConfig of the web processes (settings.LOGGING), the Celery
worker, and gunicorn (`logconfig_dict` in coalition/gunicorn.conf.py), so that all write
the same lines. No module of the apps is imported here: gunicorn loads it before Django.
"""

import contextvars
import logging
import re
import uuid

from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

# The request (or task) being handled by this thread or coroutine.
request_id = contextvars.ContextVar("request_id", default="")

# A request id we accept from a proxy: short, and nothing that could forge a log line.
SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,100}$")

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# Django's signed values (confirmation, withdrawal and preview links) end in ":" and a
# 43-character signature; password reset and invitation tokens are "<time>-<32 hex>".
SIGNED_VALUE = re.compile(r"[^\s/?&=#\"',;]*:[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])")
RESET_TOKEN = re.compile(r"(?<![A-Za-z0-9])[0-9a-z]{1,13}-[0-9a-f]{32}(?![0-9a-f])")

# The attributes every LogRecord has; anything else was passed in `extra`.
STANDARD_ATTRIBUTES = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message",
    "asctime",
    "request_id",
}


def new_request_id(offered=""):
    """The id a proxy sent when it is sane, else a new one."""
    if offered and SANE_REQUEST_ID.match(offered):
        return offered
    return uuid.uuid4().hex


def redact(text):
    """`text` without email addresses or signed tokens."""
    text = EMAIL.sub("[email]", text)
    text = SIGNED_VALUE.sub("[token]", text)
    return RESET_TOKEN.sub("[token]", text)


class RequestIdFilter(logging.Filter):
    """Stamp each record with the id of the request or task it was logged in."""

    def filter(self, record):
        if not getattr(record, "request_id", ""):
            record.request_id = request_id.get()
        return True


class RedactFilter(logging.Filter):
    """Take email addresses and signed tokens out of the message, its arguments, the
    traceback and the extra fields, before any handler writes the record."""

    def filter(self, record):
        if isinstance(record.args, dict) and record.args:
            # gunicorn's access log: a format string over a dict of request atoms.
            record.args = {
                key: redact(value) if isinstance(value, str) else value
                for key, value in record.args.items()
            }
        else:
            record.msg = redact(record.getMessage())
            record.args = ()
        if record.exc_info:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        for name, value in list(vars(record).items()):
            if name not in STANDARD_ATTRIBUTES and isinstance(value, str):
                setattr(record, name, redact(value))
        return True


class JsonFormatter(BaseJsonFormatter):
    """time, level, logger, message, request_id, then any extra fields, on one line."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", ["levelname", "name", "message", "request_id"])
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        kwargs.setdefault("timestamp", "time")
        kwargs.setdefault("json_ensure_ascii", False)
        super().__init__(*args, **kwargs)

    def process_log_record(self, log_data):
        # The time first, so that lines read (and sort) by time.
        return {"time": log_data.pop("time", None), **log_data}


class AccessJsonFormatter(JsonFormatter):
    """gunicorn's access log as JSON fields: who asked for what, the answer and how long."""

    def add_fields(self, log_data, record, message_dict):
        super().add_fields(log_data, record, message_dict)
        atoms = record.args if isinstance(record.args, dict) else {}
        if atoms:
            log_data.update(
                {
                    "remote": atoms.get("h"),
                    "method": atoms.get("m"),
                    "path": atoms.get("U"),
                    "query": atoms.get("q") or "",
                    "status": int(atoms["s"]) if str(atoms.get("s", "")).isdigit() else None,
                    "bytes": atoms.get("B"),
                    "duration_ms": round(atoms.get("D", 0) / 1000, 1),
                    "user_agent": atoms.get("a"),
                }
            )
            offered = atoms.get("{x-request-id}o") or atoms.get("{x-request-id}i")
            if offered and offered != "-":
                log_data["request_id"] = offered


def logging_config(level="INFO", admin_emails=False):
    """The dictConfig every process of the site uses (web, worker, gunicorn)."""
    handlers = {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id", "redact"],
        },
        "access": {
            "class": "logging.StreamHandler",
            "formatter": "access",
            "filters": ["redact"],
        },
    }
    django_handlers = []
    if admin_emails:
        handlers["mail_admins"] = {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        }
        django_handlers.append("mail_admins")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "coalition.logs.RequestIdFilter"},
            "redact": {"()": "coalition.logs.RedactFilter"},
            "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        },
        "formatters": {
            "json": {"()": "coalition.logs.JsonFormatter"},
            "access": {"()": "coalition.logs.AccessJsonFormatter"},
        },
        "handlers": handlers,
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django's own console handler would write the same errors again as plain text.
            "django": {"handlers": django_handlers, "level": level, "propagate": True},
            # runserver's request lines: RequestLogMiddleware writes a better one.
            "django.server": {"handlers": [], "level": "WARNING", "propagate": False},
            "gunicorn.error": {"handlers": ["console"], "level": level, "propagate": False},
            "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
            "axes": {"level": "WARNING"},
        },
    }
