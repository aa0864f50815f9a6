"""Structured data (schema.org JSON-LD) describing the site's pages to search engines."""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from coalition.images import addresses, largest_variant_url

# As django.utils.html.json_script does: no text can close the <script> element or open another.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data):
    """`data` as a <script type="application/ld+json"> element, safe to put in a page."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),  # noqa: S308 (escaped above)
    )


def coalition_data(request):
    """The coalition itself, as a non-governmental organisation."""
    return {
        "@type": "NGO",
        "name": settings.SITE_NAME,
        "url": request.build_absolute_uri(reverse("home")),
        "logo": request.build_absolute_uri(static("coalition/favicon.svg")),
        "description": _(
            "A coalition of human-rights organisations working against torture and for fair "
            "trials."
        ),
    }


def article_data(request, article, url, topics):
    """A published article as a NewsArticle."""
    if article.display_byline:
        author = {"@type": "Person", "name": article.display_byline}
    else:
        author = coalition_data(request)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.seo_description or article.standfirst,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": article.display_date,
        "dateModified": article.last_published_at or article.display_date,
        "inLanguage": get_language(),
        "author": author,
        "publisher": coalition_data(request),
        "about": [topic.localised_name for topic in topics],
    }
    image = (
        image_url(request, article.hero.file, article.hero.variants) if article.hero_id else None
    )
    if image:
        data["image"] = [image]
    return data


def partner_data(request, partner, url):
    """A partner organisation as an NGO, member of the coalition."""
    data = {
        "@context": "https://schema.org",
        "@type": "NGO",
        "name": partner.translation("name"),
        "description": partner.translation("summary"),
        "url": url,
        "memberOf": coalition_data(request),
        "areaServed": [place(country) for country in partner.countries.all()],
        "knowsAbout": [topic.localised_name for topic in partner.topics.all()],
    }
    if partner.short_name:
        data["alternateName"] = partner.translation("short_name")
    if partner.website:
        data["sameAs"] = partner.website
    if partner.public_email:
        data["email"] = partner.public_email
    logo = (
        image_url(request, partner.logo.file, partner.logo.variants) if partner.logo_id else None
    )
    if logo:
        data["logo"] = logo
    return data


def case_data(request, case, url):
    """A case's page: about the case and its topics, covering the respondent states."""
    title, summary = case.translation("title"), case.translation("summary")
    numbers = [proceeding.number for proceeding in case.proceedings.all() if proceeding.number]
    subject = {"@type": "Thing", "name": title, "description": summary}
    if case.short_title:
        subject["alternateName"] = case.translation("short_title")
    if numbers:
        subject["identifier"] = numbers
    return {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": title,
        "description": summary,
        "url": url,
        "dateModified": case.updated_at,
        "inLanguage": get_language(),
        "about": [subject]
        + [{"@type": "Thing", "name": topic.localised_name} for topic in case.topics.all()],
        "spatialCoverage": [place(country) for country in case.respondent_states.all()],
        "publisher": coalition_data(request),
    }


def home_data(request):
    return {"@context": "https://schema.org", **coalition_data(request)}


def place(country):
    return {"@type": "Country", "name": country.localised_name, "identifier": country.code}


def image_url(request, image, variants):
    """The absolute URL of the widest JPEG variant of `image`, or of the original; None
    unless it has a public copy (a shared page must not point at a draft's image)."""
    if not image:
        return None
    url, variants, public = addresses(image, variants)
    if not public:
        return None
    return request.build_absolute_uri(
        largest_variant_url(variants, "jpeg", url) or url(image.name)
    )
