"""Form pieces the public list pages share, and the password reset form."""

from django import forms
from django.contrib.auth import forms as auth_forms

from coalition.converters import MAX_ID
from coalition.mail import enqueue
from coalition.tasks import password_reset_mail


class SlugFilterField(forms.ModelChoiceField):
    """An optional filter chosen by slug; the form sets its queryset to what the public sees."""

    def __init__(self, *, label, empty_label, **kwargs):
        kwargs.setdefault("queryset", None)
        super().__init__(
            label=label, empty_label=empty_label, to_field_name="slug", required=False, **kwargs
        )


class FilterForm(forms.Form):
    """A GET form narrowing a public list; every field is optional."""

    @property
    def is_filtered(self):
        """True when any filter is chosen; call after is_valid()."""
        return any(self.cleaned_data.get(name) for name in self.fields)


class IdField(forms.IntegerField):
    """A positive number that a database column can hold, such as an id or a version.

    Larger numbers are a form error, not a server error from the database driver.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's form, its email sent by a task so that the page never waits on the mail server."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        # The task makes the link again from the user's id: no token goes to the broker.
        extra = {key: value for key, value in context.items() if key not in RESET_CONTEXT}
        enqueue(
            password_reset_mail,
            context["user"].pk,
            context["domain"],
            context["site_name"],
            context["protocol"] == "https",
            subject_template_name,
            email_template_name,
            html_email_template_name,
            extra,
        )


# What Django's form puts in the email's context; the rest is the view's extra_email_context.
RESET_CONTEXT = {"email", "domain", "site_name", "uid", "user", "token", "protocol"}
