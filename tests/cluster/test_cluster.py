"""Two app servers share everything a reader, an editor or a partner can tell apart.

Whatever is done on server A is seen on server B: uploads, documents, rate limits, login
lockouts; mail leaves through the worker however slow the mail server; and the site
recovers by itself from a database outage.
"""

import io
import re
import time

import pytest
from PIL import Image

from tests.servers import anonymous_get

from .client import Browser, image_urls
from .conftest import (
    AXES_FAILURE_LIMIT,
    MAIL_DELAY,
    PASSWORD,
    PRIVATE_BUCKET,
    SIGNATURE_RATE_LIMIT,
    query,
    wait_until,
)

pytestmark = pytest.mark.cluster

PDF = b"%PDF-1.7\n1 0 obj\n<< /Title (Observations of the Government) >>\nendobj\n"


def png(width, height):
    """A real PNG, made here so that the test needs no files."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "navy").save(buffer, "PNG")
    return buffer.getvalue()


def partner_form(countries, **changes):
    return [
        ("name", "Bishkek Legal Clinic"),
        ("short_name", "BLC"),
        ("slug", "bishkek-legal-clinic"),
        ("summary", "Lawyers for people tortured in custody."),
        ("description", ""),
        ("website", "https://example.org/"),
        ("public_email", "info@example.org"),
        ("countries", countries["KG"]),
        ("member_since", "2016-04-01"),
        ("is_active", "on"),
        ("memberships-TOTAL_FORMS", "0"),
        ("memberships-INITIAL_FORMS", "0"),
        ("memberships-MIN_NUM_FORMS", "0"),
        ("memberships-MAX_NUM_FORMS", "1000"),
        *changes.items(),
    ]


def signature(countries, email):
    return {
        "name": "Dana Reader",
        "email": email,
        "country": countries["KZ"],
        "message": "Every complaint deserves an investigation.",
        "consent": "on",
    }


def sign(cluster, base, email, client_address):
    """Sign as a reader at `client_address`, as the proxy in front reports it."""
    reader = Browser()
    reader.get(f"{base}/articles/stop-torture/")
    return reader.post(
        f"{base}/articles/stop-torture/voice/",
        signature(cluster.countries, email),
        headers={"X-Forwarded-For": client_address},
    )


def test_an_image_uploaded_on_one_server_is_served_with_its_variants_by_the_other(cluster):
    editor = Browser()
    assert editor.log_in(cluster.a, "admin", PASSWORD).status == 302
    # Uploaded to the library, then chosen as a partner's logo.
    editor.get(f"{cluster.a}/admin/library/image/add/")
    fields = {"title": "Clinic logo", "alt": "The clinic's logo", "licence": "cc0"}
    response = editor.post(
        f"{cluster.a}/admin/library/image/add/",
        {**fields, "_continue": "1"},
        files={"file": ("logo.png", png(400, 200))},
    )
    assert response.status == 302, response.text[:2000]
    image_id = re.search(r"/library/image/(\d+)/change/", response.headers["Location"])[1]
    editor.get(f"{cluster.a}/admin/partners/partner/add/")
    response = editor.post(
        f"{cluster.a}/admin/partners/partner/add/",
        partner_form(cluster.countries, logo=image_id),
    )
    assert response.status == 302, response.text[:2000]

    # The worker makes the variants after the upload; server B shows them once they exist.
    def page_with_variants():
        page = Browser().get(f"{cluster.b}/partners/bishkek-legal-clinic/")
        return page if page.status == 200 and "srcset=" in page.text else None

    page = wait_until(page_with_variants, 60, "server B never showed the logo's variants")
    urls = image_urls(page.text)
    assert len(urls) == 2  # the largest JPEG as src, its one width in WebP and JPEG
    for url in urls:
        assert url.startswith(f"{cluster.seaweedfs.endpoint_url}/cluster-public/")
        status, body = anonymous_get(url)
        assert status == 200, url
        assert body[:4] in (b"RIFF", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xdb")


def test_a_document_uploaded_on_one_server_downloads_on_the_other_for_its_partner_only(
    cluster,
):
    member = Browser()
    assert member.log_in(cluster.a, "ours", PASSWORD).status == 302
    workspace = f"{cluster.a}/portal/cases/{cluster.case}/"
    assert member.get(workspace).status == 200
    response = member.post(
        workspace,
        {
            "title": "Observations of the Government",
            "kind": "observations",
            "date": "2024-05-03",
            "language": "ru",
            "visibility": "partners",
        },
        files={"file": ("observations.pdf", PDF)},
    )
    assert response.status == 303, response.text[:2000]
    ((document, name),) = query(
        cluster, "SELECT id, file FROM cases_casedocument WHERE case_id = %s", cluster.case
    )

    download = f"{cluster.b}/portal/cases/{cluster.case}/documents/{document}/"
    answer = member.get(download)
    assert answer.status == 200
    assert answer.body == PDF
    assert answer.headers["Content-Disposition"].startswith("attachment;")

    outsider = Browser()
    assert outsider.log_in(cluster.b, "theirs", PASSWORD).status == 302
    assert outsider.get(download).status == 404
    assert Browser().get(download).status == 302  # to the login page
    status, body = anonymous_get(f"{cluster.seaweedfs.endpoint_url}/{PRIVATE_BUCKET}/{name}")
    assert status == 403
    assert PDF not in body


def test_the_signature_rate_limit_holds_across_both_servers(cluster):
    servers = [cluster.a, cluster.b] * SIGNATURE_RATE_LIMIT
    for number, base in enumerate(servers[:SIGNATURE_RATE_LIMIT]):
        assert sign(cluster, base, f"limit{number}@example.org", "198.51.100.7").status == 303
    refused = sign(
        cluster, servers[SIGNATURE_RATE_LIMIT], "one-too-many@example.org", "198.51.100.7"
    )
    assert refused.status == 429
    assert not query(cluster, "SELECT 1 FROM articles_signature WHERE email LIKE 'one-too%%'")


def test_the_login_lockout_holds_across_both_servers(cluster):
    address = "198.51.100.20"
    servers = [cluster.a, cluster.b] * AXES_FAILURE_LIMIT
    for base in servers[: AXES_FAILURE_LIMIT - 1]:
        assert Browser().log_in(base, "lockable", "wrong", address).status == 200
    # The failure that reaches the limit, on whichever server, locks the username there.
    last = servers[AXES_FAILURE_LIMIT - 1]
    assert Browser().log_in(last, "lockable", "wrong", address).status == 429
    for base in (cluster.a, cluster.b):
        locked = Browser().log_in(base, "lockable", PASSWORD, address)
        assert locked.status == 429
        assert "sessionid" not in locked.headers.get("Set-Cookie", "")
    # The lock is for that address: the owner still logs in from another.
    assert Browser().log_in(cluster.b, "lockable", PASSWORD, "198.51.100.21").status == 302


def test_the_worker_delivers_the_confirmation_while_the_mail_server_is_slow(cluster):
    started = time.monotonic()
    response = sign(cluster, cluster.b, "slow-mail@example.org", "198.51.100.8")

    assert response.status == 303
    # The reader is answered before the mail server has even accepted the message.
    assert response.seconds < MAIL_DELAY / 2
    message = cluster.sink.wait_for("slow-mail@example.org", timeout=60)
    assert message["received"] - started >= MAIL_DELAY
    assert re.search(r"/articles/voice/confirm/\S+", message["content"].replace("=\n", ""))


def test_the_site_answers_503_during_a_database_outage_and_recovers_by_itself(cluster):
    member = Browser()
    assert member.log_in(cluster.a, "ours", PASSWORD).status == 302
    assert member.get(f"{cluster.b}/portal/").status == 200
    member.get(f"{cluster.a}/articles/stop-torture/")
    before = query(cluster, "SELECT COUNT(*) FROM articles_signature")[0][0]

    cluster.proxy.cut()
    try:
        for base in (cluster.a, cluster.b):
            # As a load balancer asks: without cookies.
            health = Browser().get(f"{base}/healthz", timeout=10)
            assert health.status == 503
            assert health.seconds < 5
            page = member.get(f"{base}/portal/", timeout=10)
            assert page.status == 503
            assert page.headers.get("Retry-After")
            assert page.seconds < 5
        lost = member.post(
            f"{cluster.a}/articles/stop-torture/voice/",
            signature(cluster.countries, "during-outage@example.org"),
            headers={"X-Forwarded-For": "198.51.100.9"},
        )
        assert lost.status == 503
        assert lost.headers.get("Retry-After")
        assert "nothing" in lost.text.lower()
    finally:
        cluster.proxy.restore()

    for base in (cluster.a, cluster.b):
        wait_until(
            lambda base=base: Browser().get(f"{base}/healthz").status == 200,
            30,
            f"{base} did not recover",
        )
        assert member.get(f"{base}/portal/").status == 200
    assert query(cluster, "SELECT COUNT(*) FROM articles_signature")[0][0] == before
