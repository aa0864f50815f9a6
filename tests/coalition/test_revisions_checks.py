"""The revision system checks: registrations stay complete and in step with the admin forms."""

import dataclasses

import pytest
from django.contrib import admin
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from articles.admin import ArticleAdmin
from articles.models import Article, Signature
from coalition.models import Topic
from coalition.revisions import checks, registry
from coalition.revisions.admin import RevisionAdminMixin


def revision_errors():
    return [error for error in run_checks() if error.id.startswith("revisions.")]


def ids(errors):
    return [error.id for error in errors]


def change_registration(monkeypatch, model, **changes):
    label = model._meta.label
    spec = registry._registry[label]
    monkeypatch.setitem(registry._registry, label, dataclasses.replace(spec, **changes))


def test_the_project_registers_everything_its_admin_forms_edit():
    assert revision_errors() == []
    call_command("check")


def test_a_field_added_to_a_registered_admin_form_fails_the_check(monkeypatch):
    review = ("Review", {"fields": ["review_due"]})
    monkeypatch.setattr(ArticleAdmin, "fieldsets", [*ArticleAdmin.fieldsets, review])

    errors = checks.check_admin_forms(None)

    assert ids(errors) == ["revisions.E003"]
    assert "articles.Article" in errors[0].msg
    assert "'review_due'" in errors[0].msg
    assert errors[0].obj is ArticleAdmin
    with pytest.raises(SystemCheckError, match=r"revisions\.E003"):
        call_command("check")


def test_a_field_dropped_from_the_registration_fails_the_check(monkeypatch):
    fields = [name for name in registry.spec_for(Article).fields if name != "is_featured"]
    change_registration(monkeypatch, Article, fields=tuple(fields))

    errors = checks.check_admin_forms(None)

    assert ids(errors) == ["revisions.E003"]
    assert "'is_featured'" in errors[0].msg


def test_rows_edited_inline_but_not_registered_fail_the_check(monkeypatch):
    class SignatureInline(admin.TabularInline):
        model = Signature
        fields = ["name", "email"]

    monkeypatch.setattr(ArticleAdmin, "inlines", [*ArticleAdmin.inlines, SignatureInline])

    errors = checks.check_admin_forms(None)

    assert ids(errors) == ["revisions.E004"]
    assert "'signatures'" in errors[0].msg


def test_a_field_of_inline_rows_left_out_of_their_registration_fails_the_check(monkeypatch):
    links = registry.Children(fields=("label", "url"), key="label")
    change_registration(monkeypatch, Article, children={"links": links})

    errors = checks.check_admin_forms(None)

    assert ids(errors) == ["revisions.E005"]
    assert "'order'" in errors[0].msg


def test_a_registration_naming_what_the_model_lacks_fails_the_check(monkeypatch):
    spec = registry.spec_for(Article)
    change_registration(
        monkeypatch,
        Article,
        fields=(*spec.fields, "subtitle"),
        many=(*spec.many, "author"),
        children={**spec.children, "footnotes": registry.Children(fields=("text",), key="text")},
    )

    errors = checks.check_registrations(None)

    assert ids(errors) == ["revisions.E001"] * 3
    assert ["'subtitle'" in errors[0].msg, "'author'" in errors[1].msg] == [True, True]
    assert "'footnotes'" in errors[2].msg


def test_rows_saved_apart_from_a_live_draft_fail_the_check(monkeypatch):
    change_registration(monkeypatch, Article, unrevisioned=("signatures",))

    errors = checks.check_registrations(None)

    assert ids(errors) == ["revisions.E001"]
    assert "drafts" in errors[0].msg


def test_a_revision_admin_of_an_unregistered_model_fails_the_check(monkeypatch):
    class TopicAdmin(RevisionAdminMixin, admin.ModelAdmin):
        pass

    monkeypatch.setitem(admin.site._registry, Topic, TopicAdmin(Topic, admin.site))

    errors = checks.check_admin_forms(None)

    assert ids(errors) == ["revisions.E002"]
    assert "coalition.Topic" in errors[0].msg


def test_a_field_a_portal_form_edits_but_revisions_do_not_keep_fails_the_check(monkeypatch):
    # The partner portal's story form edits source_partner, which the registration declares
    # not revisioned; without that declaration the check names the form and the field.
    change_registration(monkeypatch, Article, not_revisioned={})

    errors = checks.check_page_forms(None)

    assert ids(errors) == ["revisions.E006"]
    assert "coalition.portal.forms.StoryForm" in errors[0].msg
    assert "'source_partner'" in errors[0].msg
    with pytest.raises(SystemCheckError, match=r"revisions\.E006"):
        call_command("check")


def test_a_field_declared_not_revisioned_must_exist_be_left_out_and_say_why(monkeypatch):
    change_registration(
        monkeypatch,
        Article,
        not_revisioned={"subtitle": "no such field", "title": "kept too", "source_partner": " "},
    )

    errors = checks.check_registrations(None)

    assert ids(errors) == ["revisions.E001"] * 3
    assert "'subtitle'" in errors[0].msg
    assert "'title' is both kept and not_revisioned" in errors[1].msg
    assert "'source_partner' in not_revisioned does not say why" in errors[2].msg
