"""Security headers on every kind of page, and no inline script or style for CSP to allow."""

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse

from tests import factories
from tests.admin_helpers import admin_url
from tests.factories import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
DIRECTIVES_EVERYWHERE = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
DISABLED_FEATURES = ["camera", "microphone", "geolocation", "payment", "usb"]
# Django template tags, so that template files parse as HTML too.
TEMPLATE_TAGS = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}", re.DOTALL)


class InlineCodeFinder(HTMLParser):
    """Markup a policy without 'unsafe-inline' blocks: a <script> without src (JSON-LD is data,
    never run, so CSP leaves it alone), <style>, a style attribute, an event handler
    attribute, a javascript: URL."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and "src" not in attributes:
            if attributes.get("type") != "application/ld+json":
                self.found.append(self.get_starttag_text())
        if tag == "style":
            self.found.append(self.get_starttag_text())
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if value and value.strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")


def policy(response, header="Content-Security-Policy"):
    """The policy in `header` as {directive: 'value ...'}."""
    parts = (part.strip().split(None, 1) for part in response[header].split(";"))
    return {part[0]: (part[1] if len(part) > 1 else "") for part in parts if part}


def inline_code(html):
    finder = InlineCodeFinder()
    finder.feed(html)
    finder.close()
    return finder.found


def assert_strict_policy(response):
    directives = policy(response)
    for directive, value in DIRECTIVES_EVERYWHERE.items():
        assert directives[directive] == value, directive
    assert "unsafe" not in response["Content-Security-Policy"]
    assert "nonce-" not in response["Content-Security-Policy"]


def assert_other_headers(response):
    features = response["Permissions-Policy"]
    for feature in DISABLED_FEATURES:
        assert f"{feature}=()" in features
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.fixture
def public_site(db, torture):
    partner = factories.PartnerFactory(
        slug="kibhr",
        description="We **document** torture.",
        logo=factories.ImageFactory(file=factories.image_upload()),
    )
    case = factories.LitigationCaseFactory(title="Abdullaev v. Kazakhstan", facts="*Facts*.")
    factories.CasePartnerFactory(case=case, partner=partner)
    factories.CaseEventFactory(case=case, title="Application lodged")
    factories.CaseDocumentFactory(case=case, title="The application")
    article = factories.ArticleFactory(
        slug="torture-in-kazakhstan",
        title="Torture in Kazakhstan",
        body="## Files\n\n> Quoted\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n![A chart](/media/x.png)",
        hero=factories.ImageFactory(
            file=factories.image_upload("hero.jpg", size=(600, 300), format="JPEG"),
            alt="A courthouse",
        ),
        cta_enabled=True,
        cta_prompt="Call on them.",
    )
    article.topics.add(torture)
    article.partners.add(partner)
    article.cases.add(case)
    factories.ArticleLinkFactory(article=article)
    return {"article": article, "case": case, "partner": partner}


def public_urls(site):
    return [
        reverse("home"),
        reverse("articles:list"),
        site["article"].get_absolute_url(),
        reverse("partners:list"),
        site["partner"].get_absolute_url(),
        reverse("cases:list"),
        site["case"].get_absolute_url(),
        reverse("search") + "?q=torture",
        reverse("login"),
        reverse("password_reset"),
        "/ru/",
        "/no-such-page/",
    ]


def test_public_pages_have_the_strict_policy_and_the_other_headers(client, public_site):
    for url in public_urls(public_site):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert_strict_policy(response)
        assert_other_headers(response)


def test_public_pages_have_no_inline_script_or_style(client, public_site):
    for url in public_urls(public_site):
        html = client.get(url).content.decode()
        assert inline_code(html) == [], url


@pytest.fixture
def portal_user(public_site):
    partner = public_site["partner"]
    user = factories.MembershipFactory(
        partner=partner, role="admin", user__username="dana", user__groups=["Partner staff"]
    ).user
    story = factories.ArticleFactory(
        slug="our-story", status="draft", publish_at=None, author=user, source_partner=partner
    )
    return user, story


def portal_urls(public_site, story):
    partner, case = public_site["partner"], public_site["case"]
    return [
        reverse("portal:dashboard"),
        reverse("portal:partner", args=[partner.slug]),
        reverse("portal:partner-edit", args=[partner.slug]),
        reverse("portal:stories"),
        reverse("portal:story-create"),
        reverse("portal:story", args=[story.pk]),
        reverse("portal:story-edit", args=[story.pk]),
        reverse("portal:notifications"),
        reverse("portal:case", args=[case.pk]),
    ]


def test_portal_pages_have_the_strict_policy_and_no_inline_code(client, public_site, portal_user):
    user, story = portal_user
    client.force_login(user)
    for url in portal_urls(public_site, story):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict_policy(response)
        assert_other_headers(response)
        assert inline_code(response.content.decode()) == [], url


def test_story_preview_in_the_portal_has_no_inline_code(client, public_site, portal_user):
    user, story = portal_user
    client.force_login(user)
    response = client.post(
        reverse("portal:story-edit", args=[story.pk]),
        {
            "title": "T",
            "standfirst": "S",
            "body": "**Bold** <b style='color: red' onclick='alert(1)'>x</b>",
            "preview": "1",
        },
    )
    assert response.status_code == 200
    assert inline_code(response.content.decode()) == []


def test_admin_pages_have_the_same_strict_policy(client, public_site, editor):
    """Django 5.2's admin needs no inline code (tests/browser/test_csp.py drives it)."""
    client.force_login(editor)
    urls = [
        reverse("admin:index"),
        reverse("admin:articles_article_changelist"),
        admin_url(public_site["article"], "change"),
        admin_url(public_site["article"], "history"),
        admin_url(public_site["article"], "revisions"),
        admin_url(public_site["article"], "preview"),
        admin_url(public_site["partner"], "change"),
        admin_url(public_site["case"], "change"),
        reverse("admin:articles_article_aging_report"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict_policy(response)
        assert_other_headers(response)


def test_admin_login_page_has_the_strict_policy(client, db):
    response = client.get(reverse("admin:login"))
    assert_strict_policy(response)


def test_our_templates_have_no_inline_script_or_style():
    """Every template, the admin's included: what Django's admin needs is Django's own."""
    offenders = {}
    for template in (ROOT / "templates").rglob("*.html"):
        found = inline_code(TEMPLATE_TAGS.sub("", template.read_text()))
        if found:
            offenders[str(template.relative_to(ROOT))] = found
    assert offenders == {}


def test_report_only_mode_sends_the_policy_without_enforcing_it(client, db, settings):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = None
    response = client.get(reverse("home"))
    assert "Content-Security-Policy" not in response
    assert policy(response, "Content-Security-Policy-Report-Only")["default-src"] == "'self'"


def settings_from_environment(**environment):
    """The CSP settings as a fresh process reads them from `environment`."""
    code = (
        "import json, django; from django.conf import settings; django.setup();"
        "print(json.dumps([settings.CONTENT_SECURITY_POLICY,"
        " settings.CONTENT_SECURITY_POLICY_REPORT_ONLY], default=str))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env={"DJANGO_SETTINGS_MODULE": "coalition.settings", "PATH": "", **environment},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_report_only_setting_moves_the_policy_to_the_report_only_header():
    enforced, report_only = settings_from_environment(
        CSP_REPORT_ONLY="True", CSP_REPORT_URI="https://reports.example.org/csp"
    )
    assert enforced is None
    assert report_only["DIRECTIVES"]["frame-ancestors"] == ["'none'"]
    assert report_only["DIRECTIVES"]["report-uri"] == "https://reports.example.org/csp"


def test_an_absolute_media_url_adds_its_host_to_the_image_sources():
    enforced, report_only = settings_from_environment(
        MEDIA_URL="https://media.example.org/coalition/"
    )
    assert enforced["DIRECTIVES"]["img-src"] == ["'self'", "https://media.example.org"]
    assert report_only is None
    enforced, _ = settings_from_environment()
    assert enforced["DIRECTIVES"]["img-src"] == ["'self'"]


def test_the_media_buckets_address_is_an_image_source_when_media_url_is_a_path():
    buckets = {"MEDIA_STORAGE": "s3", "PUBLIC_MEDIA_BUCKET": "pub", "PRIVATE_MEDIA_BUCKET": "priv"}
    enforced, _ = settings_from_environment(
        **buckets, AWS_S3_ENDPOINT_URL="https://objects.example.org:8333"
    )
    assert enforced["DIRECTIVES"]["img-src"] == ["'self'", "https://objects.example.org:8333"]
    enforced, _ = settings_from_environment(**buckets, AWS_S3_REGION_NAME="eu-central-1")
    assert "https://pub.s3.eu-central-1.amazonaws.com" in enforced["DIRECTIVES"]["img-src"]
    enforced, _ = settings_from_environment(**buckets, MEDIA_URL="https://media.example.org/")
    assert enforced["DIRECTIVES"]["img-src"] == ["'self'", "https://media.example.org"]


def test_login_then_portal_keeps_the_policy(client, portal_user):
    user, _ = portal_user
    response = client.post(
        reverse("login"), {"username": user.username, "password": PASSWORD}, follow=True
    )
    assert response.status_code == 200
    assert_strict_policy(response)
