"""Links into the article list, for templates that name a topic or a country."""

from django import template

from articles.forms import articles_about

register = template.Library()

# `{{ topic|articles_about }}`: the published articles on that topic (or about that country).
register.filter("articles_about", articles_about)
