from django import template

from coalition.links import report

register = template.Library()


@register.simple_tag
def broken_links_of(obj):
    """The broken links of an article, case or partner, for the panel on its change page."""
    return list(report.broken_links_of(obj))
