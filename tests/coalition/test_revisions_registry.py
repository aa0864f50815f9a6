"""Which fields of a form the revisions of a registered model keep."""

import dataclasses

from django import forms

from coalition.revisions import registry
from partners.models import Partner


class PartnerForm(forms.ModelForm):
    # As the admin and the portal do: the version the editor opened, to refuse a stale save.
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Partner
        fields = ["name"]


def test_a_form_carrying_the_version_leaves_nothing_untracked():
    spec = registry.spec_for(Partner)

    assert registry.untracked_form_fields(PartnerForm, spec) == []


def test_a_form_editing_a_field_the_revisions_do_not_keep_names_it():
    spec = registry.spec_for(Partner)
    kept = [name for name in spec.fields if name != "name"]

    untracked = registry.untracked_form_fields(PartnerForm, dataclasses.replace(spec, fields=kept))

    assert untracked == ["name"]
