from django import forms


class KeepForm(forms.Form):
    """Mark a broken link "checked, keep", or take the mark back."""

    keep = forms.BooleanField(required=False)
    next = forms.CharField(required=False, max_length=2000)
