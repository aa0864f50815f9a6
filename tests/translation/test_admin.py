"""Editors translate field by field in the admin: a fieldset per language, kept in revisions."""

import pytest
from django.core.checks import run_checks
from django.utils.translation import get_language_info

from coalition import revisions
from coalition.models import Topic
from coalition.revisions import checks
from coalition.revisions.diff import compare
from partners.admin import PartnerAdmin
from partners.models import Partner
from tests import factories
from tests.admin_helpers import admin_url, admin_view_url, change_form_data, open_change_form
from tests.coalition.test_revisions_checks import change_registration

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def three_languages(settings):
    settings.LANGUAGES = [("en", "English"), ("ru", "Russian"), ("kk", "Kazakh")]


@pytest.fixture
def bureau():
    return factories.PartnerFactory(name="Kazakhstan Bureau", slug="kazakhstan-bureau")


def test_the_change_form_has_a_collapsed_fieldset_per_other_language(admin_client, bureau):
    bureau.set_translations("ru", {"summary": "Юристы."})
    bureau.save()

    response = open_change_form(admin_client, bureau)

    fieldsets = {fieldset.name: fieldset for fieldset in response.context["adminform"]}
    # The languages' own names, as the language switcher writes them.
    kazakh = get_language_info("kk")["name_local"]
    assert list(fieldsets)[-3:] == ["Русский", kazakh, "About this save"]
    assert "collapse" in fieldsets["Русский"].classes
    assert "collapse" in fieldsets[kazakh].classes
    form = response.context["adminform"].form
    assert form["summary_ru"].value() == "Юристы."
    assert form["summary_kk"].value() == ""
    assert 'name="summary_kk"' in response.text
    assert 'lang="kk"' in response.text
    assert "name_en" not in form.fields
    assert "translations" not in form.fields


def test_a_translation_saved_in_the_admin_is_kept_and_revisioned(admin_client, bureau):
    response = open_change_form(admin_client, bureau)
    data = change_form_data(
        response, name_ru="Казахстанское бюро", description_kk="Біз **азаптауды** құжаттаймыз."
    )

    response = admin_client.post(admin_url(bureau, "change"), data)

    assert response.status_code == 302
    bureau.refresh_from_db()
    assert bureau.translations["ru"] == {"name": "Казахстанское бюро"}
    assert bureau.translations["kk"]["description"] == "Біз **азаптауды** құжаттаймыз."
    assert "<strong>азаптауды</strong>" in bureau.translations["kk"]["description_html"]
    latest = revisions.latest_revision(bureau)
    assert latest.data["translations"]["ru"] == {"name": "Казахстанское бюро"}


def test_emptying_a_translation_in_the_admin_falls_back_to_the_source(admin_client, bureau):
    bureau.set_translations("ru", {"name": "Казахстанское бюро", "summary": "Юристы."})
    bureau.save()
    response = open_change_form(admin_client, bureau)

    admin_client.post(admin_url(bureau, "change"), change_form_data(response, summary_ru=""))

    bureau.refresh_from_db()
    assert bureau.translations == {"ru": {"name": "Казахстанское бюро"}}


def test_a_too_long_translation_is_a_form_error_and_nothing_is_stored(admin_client, bureau):
    response = open_change_form(admin_client, bureau)

    response = admin_client.post(
        admin_url(bureau, "change"),
        change_form_data(response, name_ru="Бюро", summary_ru="я" * 301),
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["summary_ru"]
    bureau.refresh_from_db()
    assert bureau.translations == {}


def test_a_partner_added_with_translations_keeps_them(admin_client):
    url = admin_view_url("partners", "partner", "add")
    response = admin_client.get(url)
    data = change_form_data(
        response,
        name="Osh Committee",
        slug="osh-committee",
        summary="Monitors of places of detention.",
        summary_ru="Наблюдатели за местами лишения свободы.",
        **{"memberships-TOTAL_FORMS": "0"},
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302
    partner = Partner.objects.get(slug="osh-committee")
    assert partner.translations == {"ru": {"summary": "Наблюдатели за местами лишения свободы."}}


def test_vocabulary_is_translated_in_the_admin(admin_client):
    topic = factories.TopicFactory(name="Torture", slug="torture")
    response = open_change_form(admin_client, topic)

    response = admin_client.post(
        admin_url(topic, "change"), change_form_data(response, name_ru="Пытки", name_kk="Азаптау")
    )

    assert response.status_code == 302
    assert Topic.objects.get(pk=topic.pk).translations == {
        "ru": {"name": "Пытки"},
        "kk": {"name": "Азаптау"},
    }


def test_case_events_and_documents_are_translated_in_their_admin(admin_client):
    event = factories.CaseEventFactory(title="Application lodged")
    response = open_change_form(admin_client, event)

    admin_client.post(
        admin_url(event, "change"), change_form_data(response, title_ru="Жалоба подана")
    )

    event.refresh_from_db()
    assert event.translations == {"ru": {"title": "Жалоба подана"}}


def test_translation_fields_count_as_the_translations_field_for_the_revisions_check(
    monkeypatch,
):
    assert [e for e in run_checks() if e.id.startswith("revisions.")] == []
    fields = [name for name in revisions.spec_for(Partner).fields if name != "translations"]
    change_registration(monkeypatch, Partner, fields=tuple(fields))

    errors = checks.check_admin_forms(None)

    assert [error.id for error in errors] == ["revisions.E003"]
    assert "'translations'" in errors[0].msg
    assert errors[0].obj is PartnerAdmin


def test_other_untracked_fields_are_still_found_beside_translations(monkeypatch):
    fields = [name for name in revisions.spec_for(Partner).fields if name != "website"]
    change_registration(monkeypatch, Partner, fields=tuple(fields))

    errors = checks.check_admin_forms(None)

    assert [error.id for error in errors] == ["revisions.E003"]
    assert "'website'" in errors[0].msg


def test_the_revision_diff_shows_each_translated_field_in_its_language():
    old = {"translations": {"ru": {"summary": "Юристы из бюро в Алматы.", "name": "Бюро"}}}
    new = {
        "translations": {
            "ru": {"summary": "Юристы из бюро в Астане.", "name": "Бюро"},
            "kk": {"name": "Бюросы", "description_html": "<p>x</p>", "description": "x"},
        }
    }

    changes = compare(old, new, model=Partner)

    kazakh = get_language_info("kk")["name_local"]
    assert [change.label for change in changes] == [
        "Summary (Русский)",
        f"Name ({kazakh})",
        f"Description ({kazakh})",
    ]
    summary = next(change for change in changes if change.label == "Summary (Русский)")
    assert "<del>Алматы.</del>" in summary.text_diff
    assert "<ins>Астане.</ins>" in summary.text_diff
    name = next(change for change in changes if change.label == f"Name ({kazakh})")
    assert name.sentences == [f"Name ({kazakh}): (empty) → Бюросы"]


def test_a_conflicting_save_shows_the_translation_typed_and_keeps_the_first(
    admin_client, client, bureau
):
    second = factories.UserFactory(username="second", is_staff=True, is_superuser=True)
    client.force_login(second)
    first_form = open_change_form(admin_client, bureau)
    second_form = open_change_form(client, bureau)
    admin_client.post(
        admin_url(bureau, "change"), change_form_data(first_form, summary_ru="Первый текст.")
    )

    response = client.post(
        admin_url(bureau, "change"), change_form_data(second_form, summary_ru="Второй <текст>.")
    )

    assert response.status_code == 409
    assert "Второй &lt;текст&gt;.</textarea>" in response.text
    assert "Summary (Русский)" in response.text
    bureau.refresh_from_db()
    assert bureau.translations == {"ru": {"summary": "Первый текст."}}
