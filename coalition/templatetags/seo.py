"""Tags for the <head> of public pages: absolute URLs, social images and JSON-LD."""

from django import template

from coalition import seo

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_uri(context, location):
    """`location` (a path such as {% url 'home' %}) as an absolute URL on this site."""
    return context["request"].build_absolute_uri(location)


@register.simple_tag(takes_context=True)
def social_image_url(context, image, variants):
    """The absolute URL of the image shown when the page is shared, or an empty string."""
    return seo.image_url(context["request"], image, variants) or ""


@register.simple_tag(takes_context=True)
def article_json_ld(context, article, url, topics):
    return seo.json_ld_script(seo.article_data(context["request"], article, url, topics))


@register.simple_tag(takes_context=True)
def partner_json_ld(context, partner, url):
    return seo.json_ld_script(seo.partner_data(context["request"], partner, url))


@register.simple_tag(takes_context=True)
def case_json_ld(context, case, url):
    return seo.json_ld_script(seo.case_data(context["request"], case, url))


@register.simple_tag(takes_context=True)
def coalition_json_ld(context):
    return seo.json_ld_script(seo.home_data(context["request"]))
