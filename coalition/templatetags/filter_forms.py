"""A list page's filter form, made once per page generation, language and filters chosen."""

import hashlib
import json

from django import template
from django.template.loader import render_to_string

from coalition import pagecache

register = template.Library()


@register.simple_tag
def filter_form(form, action, label, submit):
    """The filter form of `includes/filter_form.html`, kept (`pagecache.kept`).

    Its hundreds of choices are the same on every page of a list with the same filters, and
    rendering them was a fifth of the list page. The unfiltered form is also held in the
    process; each combination of filters only in the shared cache.
    """
    chosen = sorted((name, form.data[name]) for name in form.fields if form.data.get(name))
    identity = [type(form).__module__, type(form).__qualname__, action, label, submit, chosen]
    digest = hashlib.sha256(json.dumps(identity).encode()).hexdigest()
    context = {"form": form, "action": action, "label": label, "submit": submit}
    return pagecache.kept(
        f"filter-form:{digest}",
        lambda: render_to_string("includes/filter_form.html", context),
        in_process=not chosen,
    )
