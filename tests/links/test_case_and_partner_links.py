"""Links of cases (with their documents and events) and partners: found when public, and
kept current when the record is saved, without a request to any other site."""

import pytest

from coalition.cases.models import CaseDocument
from coalition.links import checker, inventory
from coalition.links.models import LinkCheck, LinkUse
from tests import factories

pytestmark = pytest.mark.django_db

PUBLIC = CaseDocument.Visibility.PUBLIC


def document_at(case, url, visibility=PUBLIC, **fields):
    fields.setdefault("file", "")
    return factories.CaseDocumentFactory(
        case=case, external_url=url, visibility=visibility, **fields
    )


def urls():
    return set(LinkCheck.objects.values_list("url", flat=True))


def test_public_documents_kept_elsewhere_and_public_events_are_found():
    case = factories.LitigationCaseFactory(facts="No links.", strategic_aim="")
    judgment = document_at(case, "https://hudoc.echr.coe.int/eng?i=001-2")
    document_at(case, "https://example.org/for-partners", CaseDocument.Visibility.PARTNERS)
    document_at(case, "https://example.org/for-editors", CaseDocument.Visibility.EDITORS)
    # Ours to download: the page links to our copy, not to the address beside it.
    factories.CaseDocumentFactory(case=case, external_url="https://example.org/also-here")
    event = factories.CaseEventFactory(
        case=case, description="Views adopted (see https://ohchr.org/views/1). Next: hearing."
    )
    event.translations = {"ru": {"description": "Решение: https://ohchr.org/ru/views/1."}}
    event.save()
    factories.CaseEventFactory(
        case=case, is_public=False, description="Draft at https://example.org/draft"
    )
    hidden = factories.LitigationCaseFactory(is_public=False)
    document_at(hidden, "https://example.org/hidden-case-document")
    factories.CaseEventFactory(case=hidden, description="https://example.org/hidden-case-event")

    assert dict(inventory.published_links()) == {
        "https://hudoc.echr.coe.int/eng?i=001-2": {("document", judgment.pk)},
        "https://ohchr.org/views/1": {("event", event.pk)},
        "https://ohchr.org/ru/views/1": {("event", event.pk)},
    }


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("See https://un.org/a.", ["https://un.org/a"]),
        ("(https://un.org/b), and «https://un.org/c»", ["https://un.org/b", "https://un.org/c"]),
        ("https://un.org/d?x=1&y=2; then", ["https://un.org/d?x=1&y=2"]),
        ("No address, only un.org", []),
    ],
)
def test_addresses_in_plain_text(text, found):
    assert inventory.urls_in_text(text) == found


def test_saving_a_case_refreshes_its_links_and_checks_nothing(
    link_server, django_capture_on_commit_callbacks
):
    first, second = link_server.url("/status/404"), link_server.url("/status/200")
    with django_capture_on_commit_callbacks(execute=True):
        case = factories.LitigationCaseFactory(facts=f"[The judgment]({first}).")
    assert urls() == {first}
    assert LinkCheck.objects.get().status == LinkCheck.Status.UNCHECKED
    assert LinkUse.objects.get().case == case

    with django_capture_on_commit_callbacks(execute=True):
        case.facts = f"[The new judgment]({second})."
        case.save()
    assert urls() == {second}

    with django_capture_on_commit_callbacks(execute=True):
        document = document_at(case, link_server.url("/status/410"))
        event = factories.CaseEventFactory(case=case, description=link_server.url("/status/500"))
    assert urls() == {second, link_server.url("/status/410"), link_server.url("/status/500")}
    assert LinkUse.objects.get(document__isnull=False).document == document

    with django_capture_on_commit_callbacks(execute=True):
        document.visibility = CaseDocument.Visibility.PARTNERS
        document.save()
        event.delete()
    assert urls() == {second}

    with django_capture_on_commit_callbacks(execute=True):
        case.is_public = False
        case.save()
    assert urls() == set()
    # The checking is the weekly task's: nobody waited on another site.
    assert link_server.requests == []


def test_saving_a_partner_refreshes_its_links(link_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        partner = factories.PartnerFactory(website=link_server.url("/"), description="No links.")
    assert urls() == {link_server.url("/")}

    with django_capture_on_commit_callbacks(execute=True):
        partner.website = link_server.url("/new")
        partner.description = f"Our [report]({link_server.url('/report')})."
        partner.save()
    assert urls() == {link_server.url("/new"), link_server.url("/report")}

    with django_capture_on_commit_callbacks(execute=True):
        partner.is_active = False
        partner.save()
    assert urls() == set()
    assert link_server.requests == []


def test_one_records_refresh_leaves_the_others_alone(django_capture_on_commit_callbacks):
    shared = "https://un.org/shared"
    with django_capture_on_commit_callbacks(execute=True):
        case = factories.LitigationCaseFactory(facts=f"[a]({shared})")
        other = factories.LitigationCaseFactory(facts=f"[b]({shared})")
        partner = factories.PartnerFactory(website=shared)
        article = factories.ArticleFactory(body=f"[c]({shared})")
    assert {use.owner for use in LinkUse.objects.all()} == {case, other, partner, article}

    with django_capture_on_commit_callbacks(execute=True):
        case.facts = "No more links."
        case.save()
    assert {use.owner for use in LinkUse.objects.all()} == {other, partner, article}
    assert urls() == {shared}


def test_deleting_the_last_user_of_a_link_forgets_it(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        partner = factories.PartnerFactory(website="https://bureau.example/")
        case = factories.LitigationCaseFactory(facts="No links.")
        document_at(case, "https://hudoc.echr.coe.int/eng?i=001-3")
    assert urls() == {"https://bureau.example/", "https://hudoc.echr.coe.int/eng?i=001-3"}
    with django_capture_on_commit_callbacks(execute=True):
        partner.delete()
        case.delete()
    assert urls() == set()


def test_the_weekly_run_checks_documents_and_events(link_server):
    case = factories.LitigationCaseFactory(facts="No links.")
    document_at(case, link_server.url("/status/404"))
    factories.CaseEventFactory(case=case, description=f"See {link_server.url('/status/200')}.")
    summary = checker.check_links()
    assert summary.checked == 2
    assert LinkCheck.objects.get(url=link_server.url("/status/404")).status == "broken"
    assert LinkCheck.objects.get(url=link_server.url("/status/200")).status == "ok"
