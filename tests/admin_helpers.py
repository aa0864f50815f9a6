"""Helpers for tests that drive the Django admin as a browser would."""

from django import forms
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.urls import reverse


def admin_url(obj, view, *args):
    """The admin `view` URL for one object, such as admin_url(article, "change")."""
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[obj.pk, *args])


def admin_view_url(app_label, model_name, view, *args):
    """The admin `view` URL of a model, such as admin_view_url("cases", "forum", "add")."""
    return reverse(f"admin:{app_label}_{model_name}_{view}", args=args)


def management_form(prefix, total=0, initial=0):
    """The management form fields of an inline formset posted with `total` forms."""
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def posted_values(bound_field):
    """The (name, value) pairs a browser posts for one field as the page shows it."""
    widget = bound_field.field.widget
    if isinstance(widget, RelatedFieldWidgetWrapper):
        widget = widget.widget
    name, value = bound_field.html_name, bound_field.value()
    if isinstance(widget, forms.CheckboxInput):
        return [(name, "on")] if value else []
    if isinstance(widget, forms.FileInput):
        return []
    context = widget.get_context(name, value, {})["widget"]
    if isinstance(widget, forms.MultiWidget):
        return [(sub["name"], sub["value"] or "") for sub in context["subwidgets"]]
    if isinstance(widget, forms.SelectMultiple):
        return [(name, context["value"])]
    if isinstance(widget, forms.Select):
        return [(name, next(iter(context["value"]), ""))]
    return [(name, "" if context["value"] is None else context["value"])]


def change_form_data(response, **changes):
    """What the change form in `response` posts back if the user changes only `changes`."""
    data = {}
    all_forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for bound_field in formset.management_form:
            data[bound_field.html_name] = bound_field.value()
        all_forms.extend(formset.forms)
    for form in all_forms:
        for bound_field in form:
            data.update(posted_values(bound_field))
    data.update(changes)
    return data


def open_change_form(client, obj):
    """The admin change form of `obj`, checked to have opened."""
    response = client.get(admin_url(obj, "change"))
    assert response.status_code == 200
    return response
