"""Form pieces the public list pages share."""

from django import forms

from coalition.converters import MAX_ID


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
