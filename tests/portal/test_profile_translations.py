"""Partner admins translate their organisation's summary and description in the portal."""

import pytest
from django.urls import reverse

from coalition import revisions
from coalition.revisions import checks
from partners.models import Partner
from tests.coalition.test_revisions_checks import change_registration
from tests.portal.test_profile import profile_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def edit_url(partner):
    return reverse("portal:partner-edit", args=[partner.slug])


def test_the_profile_form_offers_the_summary_and_description_in_each_language(
    client, our_admin, edit_url
):
    client.force_login(our_admin)

    form = client.get(edit_url).context["form"]

    assert {"summary_ru", "description_ru", "summary_kk", "description_kk"} <= set(form.fields)
    assert "name_ru" not in form.fields
    assert form.fields["description_kk"].widget.attrs["lang"] == "kk"


def test_a_partner_admin_saves_translations_with_a_revision(client, our_admin, partner, edit_url):
    client.force_login(our_admin)

    response = client.post(
        edit_url,
        profile_data(
            partner, summary_ru="Юристы против пыток.", description_kk="Біз **қорғаймыз**."
        ),
    )

    assert response.status_code == 303
    partner.refresh_from_db()
    assert partner.translations["ru"] == {"summary": "Юристы против пыток."}
    assert "<strong>қорғаймыз</strong>" in partner.translations["kk"]["description_html"]
    assert revisions.latest_revision(partner).data["translations"] == partner.translations
    public = client.get(f"/ru{partner.get_absolute_url()}")
    assert "Юристы против пыток." in public.text


def test_a_blank_translation_in_the_portal_falls_back(client, our_admin, partner, edit_url):
    partner.set_translations("ru", {"summary": "Юристы.", "name": "Бюро"})
    partner.save()
    client.force_login(our_admin)

    client.post(edit_url, profile_data(Partner.objects.get(pk=partner.pk), summary_ru=""))

    partner.refresh_from_db()
    # The name is the editors' to translate: the portal leaves it as it was.
    assert partner.translations == {"ru": {"name": "Бюро"}}


def test_a_too_long_translated_summary_is_refused_and_nothing_saved(
    client, our_admin, partner, edit_url
):
    client.force_login(our_admin)

    response = client.post(edit_url, profile_data(partner, summary_ru="я" * 301))

    assert response.status_code == 400
    assert response.context["form"].errors["summary_ru"]
    partner.refresh_from_db()
    assert partner.translations == {}


def test_members_and_other_organisations_cannot_translate(
    client, our_member, other_partner, partner, edit_url
):
    client.force_login(our_member)
    assert client.post(edit_url, profile_data(partner, summary_ru="x")).status_code == 404
    other_url = reverse("portal:partner-edit", args=[other_partner.slug])
    assert client.post(other_url, profile_data(other_partner, summary_ru="x")).status_code == 404
    assert Partner.objects.filter(translations={}).count() == 2


def test_the_page_forms_check_knows_translations_are_kept_in_translations(monkeypatch):
    fields = [name for name in revisions.spec_for(Partner).fields if name != "translations"]
    change_registration(monkeypatch, Partner, fields=tuple(fields))

    errors = [error for error in checks.check_page_forms(None) if "portal" in error.msg]

    assert [error.id for error in errors] == ["revisions.E006"]
    assert "'translations'" in errors[0].msg
