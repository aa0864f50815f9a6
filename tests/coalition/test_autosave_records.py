"""Autosave of partners and cases in the admin (coalition/revisions/autosave.py): texts,
translations and many-to-many choices are kept for the person typing, and nothing is saved."""

import pytest
from django.test import Client

from coalition import revisions
from coalition.models import Revision
from tests import factories
from tests.admin_helpers import admin_url, change_form_data, open_change_form

pytestmark = pytest.mark.django_db


def make_partner():
    return factories.PartnerFactory(name="Almaty Bureau", summary="Lawyers.")


def make_case():
    return factories.LitigationCaseFactory(title="Abdullaev v. Kazakhstan", summary="Torture.")


# (factory, a text field, its Russian translation's form field, a many-to-many choice)
RECORDS = {
    "partner": (make_partner, "summary", "summary_ru", "countries"),
    "case": (make_case, "summary", "summary_ru", "respondent_states"),
}


@pytest.fixture(params=RECORDS)
def record(request, editor):
    factory, text, translated, many = RECORDS[request.param]
    obj = factory()
    revisions.save_revision(obj, editor, "First save")
    return obj, text, translated, many


def autosave(client, obj, **fields):
    return client.post(admin_url(obj, "autosave"), {"opened_version": obj.version, **fields})


def test_editor_autosaves_texts_translations_and_choices_without_saving(client, editor, record):
    obj, text, translated, many = record
    topic = factories.TopicFactory(name="Torture")
    kg, kz = factories.country("KG"), factories.country("KZ")
    client.force_login(editor)
    version = obj.version
    response = client.post(
        admin_url(obj, "autosave"),
        {
            "opened_version": version,
            text: "Typed, not saved",
            translated: "Набрано",
            many: [kg.pk, kz.pk],
            "topics": [topic.pk],
        },
    )
    assert response.status_code == 200
    assert response.json()["message"].startswith("Autosaved at ")
    obj.refresh_from_db()
    assert obj.version == version
    assert getattr(obj, text) != "Typed, not saved"
    assert obj.translations == {}
    assert not obj.topics.exists()
    [kept] = revisions.autosaves_of(obj)
    assert kept.is_autosave
    assert kept.data[text] == "Typed, not saved"
    assert kept.data["translations"] == {"ru": {"summary": "Набрано"}}
    assert {item["pk"] for item in kept.data[many]} == {kg.pk, kz.pk}
    assert kept.data["topics"] == [{"pk": topic.pk, "name": "Torture"}]
    assert kept.data[revisions.VERSION_KEY] == version
    # Neither the history nor the conflict check counts it.
    assert [r.message for r in revisions.revisions_of(obj)] == ["First save"]
    assert revisions.latest_revision(obj).message == "First save"


def test_fields_sent_are_kept_and_the_others_stay_as_stored(client, editor, record):
    obj, text, _translated, many = record
    stored = [item["pk"] for item in revisions.snapshot(obj)[many]]
    client.force_login(editor)
    assert autosave(client, obj, topics="").status_code == 200
    [kept] = revisions.autosaves_of(obj)
    assert kept.data["topics"] == []
    assert kept.data[text] == getattr(obj, text)
    assert [item["pk"] for item in kept.data[many]] == stored


def test_the_change_page_names_the_fields_it_autosaves(client, editor, record):
    obj, text, translated, many = record
    client.force_login(editor)
    response = open_change_form(client, obj)
    fields = response.context["autosave"]["fields"].split(",")
    assert {text, translated, many, "topics"} <= set(fields)
    # Dates and tick boxes wait for a real save (a logo is a choice from the library now).
    assert not {"member_since", "is_active", "status_changed_on", "is_public"} & set(fields)
    assert 'id="autosave-status"' in response.text
    assert "coalition/editor/autosave.js" in response.text


def test_a_closed_tab_is_offered_back_and_restored_into_the_form(client, editor, record):
    obj, text, translated, many = record
    topic = factories.TopicFactory(name="Torture")
    kg = factories.country("KG")
    client.force_login(editor)
    fields = {text: "Recovered", translated: "Восстановлено", many: [kg.pk], "topics": [topic.pk]}
    autosave(client, obj, **fields)
    assert "Restore the autosaved draft from" in open_change_form(client, obj).text

    response = client.get(admin_url(obj, "change"), {"restore_autosave": "1"})
    form = response.context["adminform"].form
    assert form[text].value() == "Recovered"
    assert form[translated].value() == "Восстановлено"
    assert form[many].value() == [kg.pk]
    assert form["topics"].value() == [topic.pk]
    assert "The form shows your text autosaved" in response.text

    assert client.post(admin_url(obj, "change"), change_form_data(response)).status_code == 302
    obj.refresh_from_db()
    assert getattr(obj, text) == "Recovered"
    assert obj.own_translation("ru", "summary") == "Восстановлено"
    assert list(getattr(obj, many).all()) == [kg]
    assert list(obj.topics.all()) == [topic]


def test_a_save_prunes_autosaves_and_the_offer_goes(client, editor, admin_user, record):
    obj, text, _translated, _many = record
    client.force_login(admin_user)
    autosave(client, obj, **{text: "The other editor's text"})
    client.force_login(editor)
    autosave(client, obj, **{text: "Mine"})
    response = open_change_form(client, obj)
    # The autosave moved no version: the save from the version opened goes through.
    data = change_form_data(response, **{text: "Saved for real"})
    assert client.post(admin_url(obj, "change"), data).status_code == 302
    assert not revisions.autosaves_of(obj).exists()
    assert "Restore the autosaved draft" not in open_change_form(client, obj).text


def test_the_offer_is_for_the_same_person_only(client, editor, admin_user, record):
    obj, text, _translated, _many = record
    client.force_login(admin_user)
    autosave(client, obj, **{text: "Not yours"})
    client.force_login(editor)
    assert "Restore the autosaved draft" not in open_change_form(client, obj).text


def test_someone_who_may_only_read_it_cannot_autosave_it(client, author, record):
    obj, text, _translated, _many = record
    client.force_login(author)
    response = open_change_form(client, obj)
    assert "autosave" not in response.context
    assert autosave(client, obj, **{text: "x"}).status_code == 404
    assert not Revision.objects.filter(is_autosave=True).exists()


def test_staff_without_permissions_get_404(client, record):
    obj, text, _translated, _many = record
    client.force_login(factories.UserFactory(is_staff=True))
    assert autosave(client, obj, **{text: "x"}).status_code in (403, 404)
    assert not Revision.objects.filter(is_autosave=True).exists()


def test_anonymous_and_partner_staff_go_to_log_in(client, partner_member, record):
    obj, text, _translated, _many = record
    assert autosave(client, obj, **{text: "x"}).status_code == 302
    client.force_login(partner_member)
    assert autosave(client, obj, **{text: "x"}).status_code == 302
    assert not Revision.objects.filter(is_autosave=True).exists()


def test_an_unknown_record_is_404(client, editor, record):
    obj, text, _translated, _many = record
    client.force_login(editor)
    url = admin_url(obj, "autosave").replace(f"/{obj.pk}/", "/987654/")
    assert client.post(url, {"opened_version": 1, text: "x"}).status_code == 404


@pytest.mark.parametrize(
    "fields",
    [
        {"summary": "x", "opened_version": ""},
        {"summary": "x", "opened_version": "many"},
        {"opened_version": "1"},  # nothing to keep
        {"topics": ["987654"], "opened_version": "1"},
        {"topics": ["not a number"], "opened_version": "1"},
        {"summary_ru": "x" * 200_001, "opened_version": "1"},
    ],
)
def test_bad_input_is_400_and_keeps_nothing(client, editor, record, fields):
    obj, _text, _translated, _many = record
    client.force_login(editor)
    assert client.post(admin_url(obj, "autosave"), fields).status_code == 400
    assert not revisions.autosaves_of(obj).exists()


def test_autosave_needs_post_and_csrf(editor, record):
    obj, text, _translated, _many = record
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.get(admin_url(obj, "autosave")).status_code == 405
    assert autosave(client, obj, **{text: "x"}).status_code == 403
