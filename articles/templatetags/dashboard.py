from django import template

from articles import dashboard

register = template.Library()


@register.simple_tag(takes_context=True)
def editorial_dashboard(context):
    """The logged-in person's editorial queues for the admin index."""
    return dashboard.dashboard_for(context["request"].user)
