"""What a model registers for its revisions, and which fields of a form they keep."""

import dataclasses

import pytest
from django import forms
from django.core.exceptions import ImproperlyConfigured

from coalition.models import Country, Topic
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


@pytest.fixture
def empty_registry(monkeypatch):
    # The apps registered theirs at start-up; these tests register their own and forget them.
    monkeypatch.setattr(registry, "_registry", {})


def test_a_registration_keeps_what_it_names(empty_registry):
    links = registry.Children(fields=("label", "url"), key="label")
    drafts = registry.Drafts(live="public")

    registry.register(
        Topic,
        fields=["name", "slug"],
        many=["partners"],
        children={"links": links},
        unrevisioned=["signatures"],
        drafts=drafts,
        not_revisioned={"description": "Kept by the translators."},
    )

    assert registry.is_registered(Topic)
    assert not registry.is_registered(Country)
    assert registry.tracked_models() == [Topic]
    assert registry.spec_for(Topic(name="Torture")) == registry.Tracked(
        model=Topic,
        fields=("name", "slug"),
        many=("partners",),
        children={"links": links},
        unrevisioned=("signatures",),
        drafts=drafts,
        not_revisioned={"description": "Kept by the translators."},
    )
    assert registry.spec_for(Country) is None


def test_a_registration_names_nothing_it_was_not_given(empty_registry):
    registry.register(Country, fields=["code"])

    assert registry.registrations() == [
        registry.Tracked(model=Country, fields=("code",), children={}, not_revisioned={})
    ]
    assert registry.spec_for(Country).drafts is None


def test_a_model_registers_once(empty_registry):
    registry.register(Topic, fields=["name"])

    with pytest.raises(ImproperlyConfigured, match="coalition.Topic is already registered"):
        registry.register(Topic, fields=["name", "slug"])
    assert registry.spec_for(Topic).fields == ("name",)
