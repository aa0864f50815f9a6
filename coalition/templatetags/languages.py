"""The addresses of the current page in each language, for hreflang links."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """(hreflang, absolute URL) pairs for this page, x-default last; none if it has one address."""
    request = context.get("request")
    if request is None or context.get("is_preview"):
        return []
    path = request.get_full_path()
    urls = {code: translate_url(path, code) for code, _ in settings.LANGUAGES}
    if len(set(urls.values())) < len(urls):
        # Outside i18n_patterns (or not found): every language shares the address.
        return []
    urls["x-default"] = urls[settings.LANGUAGE_CODE]
    return [(code, request.build_absolute_uri(url)) for code, url in urls.items()]


@register.simple_tag(takes_context=True)
def language_links(context):
    """(code, local name, address) of this page in each other language; none if it has one.

    Plain links, not a form: a public page then carries no CSRF token and stays cacheable.
    """
    request = context.get("request")
    if request is None or context.get("is_preview"):
        return []
    path = request.get_full_path()
    current = translation.get_language()
    links = [
        (code, translation.get_language_info(code)["name_local"], translate_url(path, code))
        for code, _ in settings.LANGUAGES
        if code != current
    ]
    if any(url == path for _, _, url in links):
        # Outside i18n_patterns (or not found): every language shares the address.
        return []
    return links
