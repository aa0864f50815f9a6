"""Logs: one JSON line per request with its id, errors on one line, no addresses or tokens."""

import io
import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from articles import signatures
from coalition import logs, monitoring
from coalition.views import HomeView
from tests import factories

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def log_lines():
    """What the site's console handler writes, as parsed JSON objects."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.JsonFormatter())
    handler.addFilter(logs.RequestIdFilter())
    handler.addFilter(logs.RedactFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    level = root.level
    root.setLevel(logging.INFO)

    def read():
        text = stream.getvalue()
        return [json.loads(line) for line in text.splitlines()], text

    yield read
    root.removeHandler(handler)
    root.setLevel(level)


def request_lines(lines):
    return [line for line in lines if line["logger"] == "coalition.requests"]


def test_every_request_is_one_json_line_with_its_id_echoed_in_the_response(client, log_lines):
    response = client.get("/articles/")

    (line,) = request_lines(log_lines()[0])
    assert line["level"] == "INFO"
    assert line["time"].endswith("+00:00")
    assert (line["method"], line["path"], line["status"]) == ("GET", "/articles/", 200)
    assert isinstance(line["duration_ms"], float)
    assert line["request_id"] == response["X-Request-ID"]
    assert len(response["X-Request-ID"]) == 32


def test_a_sane_request_id_from_the_proxy_is_kept(client, log_lines):
    response = client.get("/articles/", HTTP_X_REQUEST_ID="lb-1234.abcd")
    assert response["X-Request-ID"] == "lb-1234.abcd"
    assert request_lines(log_lines()[0])[0]["request_id"] == "lb-1234.abcd"


@pytest.mark.parametrize("offered", ["two words", "x" * 101, "a\nfake line", '"quoted"'])
def test_an_odd_request_id_is_replaced(client, offered):
    response = client.get("/articles/", HTTP_X_REQUEST_ID=offered)
    assert response["X-Request-ID"] != offered
    assert len(response["X-Request-ID"]) == 32


def test_an_error_is_one_line_with_time_and_request_id(log_lines):
    client = Client(raise_request_exception=False)
    with mock.patch.object(HomeView, "get", side_effect=ValueError("boom")):
        response = client.get("/")

    assert response.status_code == 500
    lines, text = log_lines()
    errors = [line for line in lines if line["level"] == "ERROR"]
    assert errors, text
    assert all(line["request_id"] == response["X-Request-ID"] for line in errors)
    assert "ValueError: boom" in errors[0]["exc_info"]
    # One JSON object per line: the traceback's line breaks are inside the string.
    assert len(text.splitlines()) == len(lines)


def test_no_email_address_or_token_reaches_the_log(client, log_lines, refusing_smtp):
    campaign = factories.ArticleFactory(slug="campaign", cta_enabled=True)
    signature = factories.SignatureFactory(
        article=campaign, email="dana@example.org", confirmed_at=None
    )
    token = signatures.confirmation_token(signature)
    client.get(reverse("articles:confirm-signature", args=[token]))
    client.post(reverse("password_reset"), {"email": "nobody@example.org"}, HTTP_X_REQUEST_ID="r1")
    logging.getLogger("coalition.mail").warning(
        "Mail for %s failed: %s", "dana@example.org", f"/voice/confirm/{token}/"
    )

    _lines, text = log_lines()
    assert "/articles/voice/confirm/[token]/" in text
    assert "@example.org" not in text
    assert token not in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("to dana.reader+x@mail.example.org now", "to [email] now"),
        (
            "/portal/welcome/MQ/cz1abc-0123456789abcdef0123456789abcdef/",
            "/portal/welcome/MQ/[token]/",
        ),
        (
            "/preview/12:AbC:1xYQ83:kBIfbhxhE8Cx2MllZDnBKVsWy7Iidu6ku1SwDwu1zsM/",
            "/preview/[token]/",
        ),
        ("GET /articles/ 200 in 12:30:01", "GET /articles/ 200 in 12:30:01"),
    ],
)
def test_redaction_takes_out_addresses_and_tokens_only(text, expected):
    assert logs.redact(text) == expected


def test_gunicorn_access_lines_are_json_with_the_request_fields():
    formatter = logs.AccessJsonFormatter()
    atoms = {
        "h": "10.0.0.5",
        "m": "POST",
        "U": "/articles/x/voice/",
        "q": "ref=dana@example.org",
        "s": "303",
        "B": 0,
        "D": 12345,
        "a": "curl/8",
        "{x-request-id}o": "abc",
    }
    record = logging.LogRecord("gunicorn.access", logging.INFO, "", 0, '%(h)s "%(m)s"', (), None)
    record.args = atoms
    logs.RedactFilter().filter(record)

    line = json.loads(formatter.format(record))

    assert (line["method"], line["path"], line["status"]) == ("POST", "/articles/x/voice/", 303)
    assert line["duration_ms"] == 12.3
    assert line["request_id"] == "abc"
    assert line["query"] == "ref=[email]"


def test_by_default_mail_goes_to_files_not_to_the_log():
    env = {key: value for key, value in os.environ.items() if not key.startswith("EMAIL")}
    env["DJANGO_SETTINGS_MODULE"] = "coalition.settings"
    output = subprocess.run(  # noqa: S603 - our own command line
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.EMAIL_BACKEND, settings.EMAIL_FILE_PATH)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert output == ["django.core.mail.backends.filebased.EmailBackend", str(ROOT / "build/mail")]


def test_error_reporting_is_off_without_a_dsn():
    with mock.patch("sentry_sdk.init") as init:
        assert monitoring.init_error_reporting("") is False
    init.assert_not_called()


def test_error_reporting_starts_with_a_dsn_and_sends_no_personal_data():
    with mock.patch("sentry_sdk.init") as init:
        assert monitoring.init_error_reporting("https://key@sentry.example.org/1", "staging")
    options = init.call_args.kwargs
    assert options["send_default_pii"] is False
    assert options["environment"] == "staging"
    event = {"message": "failed for dana@example.org", "extra": {"to": ["x@example.org"]}}
    assert options["before_send"](event, {}) == {
        "message": "failed for [email]",
        "extra": {"to": ["[email]"]},
    }
