import datetime
import hashlib

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from coalition.cases.models import (
    CaseDocument,
    CaseEvent,
    CasePartner,
    LitigationCase,
    normalise_case_number,
)
from coalition.storage import private_storage, public_storage
from tests import factories

pytestmark = pytest.mark.django_db

Status = LitigationCase.Status


# Querysets: the doors to public content


def test_published_cases_are_the_public_ones(public_case, private_case):
    assert list(LitigationCase.objects.published()) == [public_case]


def test_published_events_need_a_public_event_of_a_public_case(public_case, private_case):
    shown = factories.CaseEventFactory(case=public_case)
    factories.CaseEventFactory(case=public_case, is_public=False)
    factories.CaseEventFactory(case=private_case)

    assert list(CaseEvent.objects.published()) == [shown]


@pytest.mark.parametrize(
    ("visibility", "case_is_public", "is_published"),
    [
        (CaseDocument.Visibility.PUBLIC, True, True),
        (CaseDocument.Visibility.PARTNERS, True, False),
        (CaseDocument.Visibility.EDITORS, True, False),
        (CaseDocument.Visibility.PUBLIC, False, False),
    ],
)
def test_published_documents_need_public_visibility_and_a_public_case(
    visibility, case_is_public, is_published
):
    case = factories.LitigationCaseFactory(is_public=case_is_public)
    document = factories.CaseDocumentFactory(case=case, visibility=visibility)

    assert (document in CaseDocument.objects.published()) is is_published


def test_published_case_partners_need_a_public_role_of_an_active_partner_on_a_public_case(
    public_case, private_case
):
    shown = factories.CasePartnerFactory(case=public_case)
    factories.CasePartnerFactory(case=public_case, is_public=False)
    factories.CasePartnerFactory(case=public_case, partner__is_active=False)
    factories.CasePartnerFactory(case=private_case)

    assert list(CasePartner.objects.published()) == [shown]


def test_finished_statuses_are_the_end_states():
    assert set(Status.finished()) == {
        Status.CLOSED,
        Status.INADMISSIBLE,
        Status.STRUCK_OUT,
        Status.FRIENDLY_SETTLEMENT,
        Status.WITHDRAWN,
    }


def test_active_cases_exclude_finished_ones():
    pending = factories.LitigationCaseFactory(status=Status.PENDING)
    implementation = factories.LitigationCaseFactory(status=Status.IMPLEMENTATION)
    factories.LitigationCaseFactory(status=Status.CLOSED)
    factories.LitigationCaseFactory(status=Status.STRUCK_OUT)

    assert set(LitigationCase.objects.active()) == {pending, implementation}


def test_is_finished_follows_the_status():
    assert factories.LitigationCaseFactory(status=Status.WITHDRAWN).is_finished
    assert not factories.LitigationCaseFactory(status=Status.DECIDED).is_finished


def last_update_of(case):
    return LitigationCase.objects.with_last_update().get(pk=case.pk).last_update


def test_last_update_is_a_public_event_newer_than_the_status_change():
    case = factories.LitigationCaseFactory(status_changed_on=datetime.date(2021, 3, 1))
    factories.CaseEventFactory(case=case, date=datetime.date(2020, 1, 1))
    factories.CaseEventFactory(case=case, date=datetime.date(2022, 6, 30))

    assert last_update_of(case) == datetime.date(2022, 6, 30)


def test_last_update_is_the_status_change_when_it_is_newer_than_every_event():
    case = factories.LitigationCaseFactory(status_changed_on=datetime.date(2021, 3, 1))
    factories.CaseEventFactory(case=case, date=datetime.date(2020, 1, 1))

    assert last_update_of(case) == datetime.date(2021, 3, 1)


def test_last_update_without_events_is_the_status_change():
    case = factories.LitigationCaseFactory(status_changed_on=datetime.date(2021, 3, 1))

    assert last_update_of(case) == datetime.date(2021, 3, 1)


def test_last_update_ignores_private_events():
    case = factories.LitigationCaseFactory(status_changed_on=datetime.date(2021, 3, 1))
    factories.CaseEventFactory(case=case, date=datetime.date(2023, 1, 1), is_public=False)

    assert last_update_of(case) == datetime.date(2021, 3, 1)


# LitigationCase


def test_status_change_records_the_day_it_happened():
    with time_machine.travel(datetime.datetime(2021, 3, 1, 12, tzinfo=datetime.UTC), tick=False):
        case = factories.LitigationCaseFactory(status=Status.LODGED)
    assert case.status_changed_on == datetime.date(2021, 3, 1)

    with time_machine.travel(datetime.datetime(2022, 7, 9, 12, tzinfo=datetime.UTC), tick=False):
        case = LitigationCase.objects.get(pk=case.pk)
        case.status = Status.COMMUNICATED
        case.save()

    case.refresh_from_db()
    assert case.status_changed_on == datetime.date(2022, 7, 9)


def test_saving_without_a_status_change_keeps_the_date():
    with time_machine.travel(datetime.datetime(2021, 3, 1, 12, tzinfo=datetime.UTC), tick=False):
        case = factories.LitigationCaseFactory(status=Status.LODGED)

    with time_machine.travel(datetime.datetime(2022, 7, 9, 12, tzinfo=datetime.UTC), tick=False):
        case = LitigationCase.objects.get(pk=case.pk)
        case.title = "A new title"
        case.save()
        case.save()

    case.refresh_from_db()
    assert case.status_changed_on == datetime.date(2021, 3, 1)


def test_case_str_prefers_the_short_title():
    assert str(factories.LitigationCaseFactory(title="Long v. State", short_title="L v S")) == (
        "L v S"
    )
    assert str(factories.LitigationCaseFactory(title="Long v. State")) == "Long v. State"


def test_case_url_holds_its_id_and_slug():
    case = factories.LitigationCaseFactory(slug="abdullaev-v-kazakhstan")

    assert case.get_absolute_url() == f"/cases/{case.pk}/abdullaev-v-kazakhstan/"


def test_rights_are_the_non_empty_lines():
    case = factories.LitigationCaseFactory(
        rights_at_issue="  Prohibition of torture \n\n Right to a fair trial\n"
    )

    assert case.rights == ["Prohibition of torture", "Right to a fair trial"]


def test_case_texts_are_stored_as_sanitised_html():
    case = factories.LitigationCaseFactory(
        facts="He was **beaten**.<script>alert(1)</script>",
        strategic_aim='[Read](javascript:alert(1)) <img src="x" onerror="alert(1)">',
    )

    assert "<strong>beaten</strong>" in case.facts_html
    assert "<script" not in case.facts_html
    assert "javascript:" not in case.strategic_aim_html
    assert "onerror" not in case.strategic_aim_html


# Forum and Proceeding


def test_forum_str_and_display_name():
    forum = factories.ForumFactory(name="UN Human Rights Committee", short_name="HRC")

    assert str(forum) == "UN Human Rights Committee"
    assert forum.display_name == "HRC"
    assert factories.ForumFactory(name="Supreme Court", short_name="").display_name == (
        "Supreme Court"
    )


@pytest.mark.parametrize(
    ("printed", "normalised"),
    [
        ("no. 12345/19", "12345/19"),
        ("No. 12345/19 ", "12345/19"),
        ("Application no. 1234/05", "1234/05"),
        ("CAT/C/55/D/123/2019", "CAT/C/55/D/123/2019"),
        ("ccpr/c/120/d/2345/2014", "CCPR/C/120/D/2345/2014"),
        ("2-456 / 2019", "2-456/2019"),
        ("", ""),
    ],
)
def test_normalise_case_number(printed, normalised):
    assert normalise_case_number(printed) == normalised


def test_proceeding_stores_its_normalised_number():
    proceeding = factories.ProceedingFactory(number="Application no. 1234/05")

    assert proceeding.number_normalised == "1234/05"


def test_proceeding_str_shows_the_forum_and_number():
    forum = factories.ForumFactory(name="European Court of Human Rights", short_name="ECtHR")

    assert str(factories.ProceedingFactory(forum=forum, number="no. 1/20")) == "ECtHR, no. 1/20"
    assert str(factories.ProceedingFactory(forum=forum, number="")) == "ECtHR"


def test_appeal_from_another_case_is_invalid():
    other_case_proceeding = factories.ProceedingFactory()
    appeal = factories.ProceedingFactory.build(
        case=factories.LitigationCaseFactory(), parent=other_case_proceeding
    )

    with pytest.raises(ValidationError) as error:
        appeal.clean()
    assert "parent" in error.value.message_dict


def test_appeal_within_the_same_case_is_valid():
    first = factories.ProceedingFactory()
    appeal = factories.ProceedingFactory.build(case=first.case, forum=first.forum, parent=first)

    appeal.clean()


@pytest.mark.parametrize(
    ("lodged_on", "communicated_on", "decided_on"),
    [
        (datetime.date(2020, 5, 1), datetime.date(2019, 1, 1), None),
        (datetime.date(2020, 5, 1), None, datetime.date(2020, 4, 30)),
        (None, datetime.date(2021, 1, 1), datetime.date(2020, 1, 1)),
    ],
)
def test_proceeding_dates_out_of_order_are_invalid(lodged_on, communicated_on, decided_on):
    proceeding = factories.ProceedingFactory.build(
        case=factories.LitigationCaseFactory(),
        lodged_on=lodged_on,
        communicated_on=communicated_on,
        decided_on=decided_on,
    )

    with pytest.raises(ValidationError, match="must be in order"):
        proceeding.clean()


def test_proceeding_dates_in_order_or_missing_are_valid():
    case = factories.LitigationCaseFactory()
    factories.ProceedingFactory.build(
        case=case,
        lodged_on=datetime.date(2019, 1, 1),
        communicated_on=datetime.date(2019, 1, 1),
        decided_on=datetime.date(2021, 6, 1),
    ).clean()
    factories.ProceedingFactory.build(case=case, lodged_on=None).clean()


# CaseEvent


def test_event_linking_a_document_of_another_case_is_invalid():
    event = factories.CaseEventFactory.build(
        case=factories.LitigationCaseFactory(), document=factories.CaseDocumentFactory()
    )

    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "document" in error.value.message_dict


def test_event_linking_a_document_of_its_case_is_valid(public_case):
    document = factories.CaseDocumentFactory(case=public_case)

    factories.CaseEventFactory.build(case=public_case, document=document).clean()


@pytest.mark.parametrize(
    ("precision", "date_format"),
    [("day", "DATE_FORMAT"), ("month", "YEAR_MONTH_FORMAT"), ("year", "Y")],
)
def test_event_date_format_follows_its_precision(precision, date_format):
    assert CaseEvent(date_precision=precision).date_format == date_format


def test_event_str_shows_its_date_and_title():
    event = factories.CaseEventFactory.build(date=datetime.date(2020, 1, 5), title="Lodged")

    assert str(event) == "2020-01-05 Lodged"


def test_events_are_ordered_newest_first(public_case):
    old = factories.CaseEventFactory(case=public_case, date=datetime.date(2019, 1, 1))
    new = factories.CaseEventFactory(case=public_case, date=datetime.date(2021, 1, 1))

    assert list(public_case.events.all()) == [new, old]


# CaseDocument


def test_document_without_file_or_url_is_invalid(public_case):
    document = CaseDocument(case=public_case, title="Empty")

    with pytest.raises(ValidationError, match="Upload a file or give an external URL"):
        document.clean()


def test_document_with_only_an_external_url_is_valid(public_case):
    CaseDocument(
        case=public_case, title="Judgment", external_url="https://hudoc.echr.coe.int/x"
    ).clean()


def test_database_refuses_a_document_without_file_or_url(public_case):
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseDocument.objects.create(case=public_case, title="Empty")


def test_document_records_checksum_and_size_on_save(public_case):
    content = b"%PDF-1.4 the judgment\n"
    document = factories.CaseDocumentFactory(
        case=public_case, file=ContentFile(content, name="judgment.pdf")
    )

    document.refresh_from_db()
    assert document.checksum == hashlib.sha256(content).hexdigest()
    assert document.size == len(content)


def test_document_file_is_private_and_has_no_public_url(settings, public_case):
    document = factories.CaseDocumentFactory(case=public_case, visibility="public")

    assert document.file.storage is private_storage()
    assert private_storage().exists(document.file.name)
    assert not public_storage().exists(document.file.name)
    assert (settings.PRIVATE_MEDIA_ROOT / document.file.name).is_file()
    assert document.file.name.startswith(f"cases/{public_case.pk}/")
    with pytest.raises(ValueError, match="no public URL"):
        document.file.url  # noqa: B018
    with pytest.raises(ValueError, match="no public URL"):
        private_storage().url(document.file.name)


def test_document_download_url_is_the_checking_view_for_a_file(public_case):
    document = factories.CaseDocumentFactory(case=public_case)

    assert document.get_download_url() == f"/cases/{public_case.pk}/documents/{document.pk}/"


def test_document_download_url_is_the_external_url_without_a_file(public_case):
    document = factories.CaseDocumentFactory(
        case=public_case, file="", external_url="https://hudoc.echr.coe.int/eng?i=001-1"
    )

    assert document.get_download_url() == "https://hudoc.echr.coe.int/eng?i=001-1"


def test_document_str_is_its_title():
    assert str(CaseDocument(title="Observations of the applicant")) == (
        "Observations of the applicant"
    )


# CasePartner


def test_a_partner_has_each_role_once_per_case(public_case, partner):
    factories.CasePartnerFactory(case=public_case, partner=partner, role="lead_counsel")

    with pytest.raises(IntegrityError), transaction.atomic():
        factories.CasePartnerFactory(case=public_case, partner=partner, role="lead_counsel")


def test_a_partner_may_have_several_roles_in_a_case(public_case, partner):
    factories.CasePartnerFactory(case=public_case, partner=partner, role="lead_counsel")
    factories.CasePartnerFactory(case=public_case, partner=partner, role="intervener")

    assert public_case.case_partners.count() == 2


def test_case_partner_str_names_the_partner_and_role(public_case, partner):
    case_partner = factories.CasePartnerFactory(
        case=public_case, partner=partner, role="intervener"
    )

    assert str(case_partner) == "Kazakhstan Bureau – third-party intervener"
