"""The addresses of the current page in each language, for hreflang links.

Most pages have one address per language. A page whose content exists in some languages
only (an article and its translations) names them in its context as `page_languages`,
{language: address}; the switcher then sends other languages to their home page.
"""

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
    own = context.get("page_languages")
    if own is not None:
        return own_alternates(request, own)
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
    current = translation.get_language()
    own = context.get("page_languages")
    if own is not None:
        return [
            (code, local_name(code), own.get(code) or not_translated_url(code))
            for code, _ in settings.LANGUAGES
            if code != current
        ]
    path = request.get_full_path()
    links = [
        (code, local_name(code), translate_url(path, code))
        for code, _ in settings.LANGUAGES
        if code != current
    ]
    if any(url == path for _, _, url in links):
        # Outside i18n_patterns (or not found): every language shares the address.
        return []
    return links


def local_name(code):
    return translation.get_language_info(code)["name_local"]


def own_alternates(request, addresses):
    """hreflang pairs of a page that exists in `addresses` only; x-default is the default
    language's version, else the first there is. None for a page in one language alone."""
    if len(addresses) < 2:
        return []
    default = addresses.get(settings.LANGUAGE_CODE) or next(iter(addresses.values()))
    pairs = [*addresses.items(), ("x-default", default)]
    return [(code, request.build_absolute_uri(url)) for code, url in pairs]


def not_translated_url(code):
    """The home page in `code`, saying that the page the reader left is not in that language."""
    return f"{translate_url('/', code)}?not_translated=1"
