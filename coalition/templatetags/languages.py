"""The addresses of the current page in each language, for hreflang links."""

from django import template
from django.conf import settings
from django.urls import translate_url

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
