"""The editors' "Broken links" report, "checked, keep", and the article page's panel."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from coalition.links import checker
from coalition.links.models import LinkCheck, LinkUse
from tests import factories
from tests.admin_helpers import admin_url

pytestmark = pytest.mark.django_db

REPORT = "admin:links_linkcheck_broken"
OWNER_FIELDS = {
    "article": "article",
    "litigationcase": "case",
    "partner": "partner",
    "casedocument": "document",
    "caseevent": "event",
}


def broken_link(owner, url="https://example.org/gone", days=3, **fields):
    link = LinkCheck.objects.create(
        url=url,
        status=LinkCheck.Status.BROKEN,
        status_code=404,
        broken_since=timezone.now() - datetime.timedelta(days=days),
        **fields,
    )
    LinkUse.objects.create(link=link, **{OWNER_FIELDS[owner._meta.model_name]: owner})
    return link


def keep_url(link):
    return reverse("admin:links_linkcheck_keep", args=[link.pk])


def test_report_lists_a_link_the_local_server_answers_404(client, editor, link_server):
    article = factories.ArticleFactory(
        title="Torture in Kazakhstan", body=f"[the report]({link_server.url('/status/404')})"
    )
    factories.ArticleLinkFactory(article=article, url=link_server.url("/status/200"))
    checker.check_links()
    client.force_login(editor)
    response = client.get(reverse(REPORT))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Torture in Kazakhstan" in text
    assert link_server.url("/status/404") in text
    assert link_server.url("/status/200") not in text
    assert ">404<" in text
    assert timezone.localdate().strftime("%-d %b %Y") in text
    assert "Checked, keep" in text


def test_report_runs_a_bounded_number_of_queries(client, editor, django_assert_max_num_queries):
    for n in range(12):
        article = factories.ArticleFactory()
        broken_link(article, url=f"https://example.org/{n}", kept_by=editor if n % 2 else None)
        broken_link(factories.LitigationCaseFactory(), url=f"https://example.org/case/{n}")
        broken_link(factories.PartnerFactory(website=""), url=f"https://example.org/partner/{n}")
        document = factories.CaseDocumentFactory(file="", external_url="https://example.org/")
        broken_link(document, url=f"https://example.org/document/{n}")
        broken_link(factories.CaseEventFactory(), url=f"https://example.org/event/{n}")
    client.force_login(editor)
    with django_assert_max_num_queries(10):
        assert client.get(reverse(REPORT)).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse(REPORT) + "?kept=1").status_code == 200


def test_editors_see_broken_links_of_public_cases_and_active_partners(client, editor, author):
    case = factories.LitigationCaseFactory(title="Abdullaev v. Kazakhstan")
    partner = factories.PartnerFactory(name="Kazakhstan Bureau")
    broken_link(case, url="https://example.org/judgment")
    broken_link(partner, url="https://example.org/annual-report")
    hidden = factories.LitigationCaseFactory(is_public=False)
    broken_link(hidden, url="https://example.org/private-case")
    client.force_login(editor)
    text = client.get(reverse(REPORT)).content.decode()
    assert admin_url(case, "change") in text
    assert admin_url(partner, "change") in text
    assert "https://example.org/judgment" in text
    assert "https://example.org/annual-report" in text
    assert "https://example.org/private-case" not in text
    client.force_login(author)
    text = client.get(reverse(REPORT)).content.decode()
    assert "https://example.org/judgment" not in text
    assert "https://example.org/annual-report" not in text


def test_report_leaves_out_unpublished_articles(client, editor, hidden_article):
    broken_link(hidden_article)
    client.force_login(editor)
    response = client.get(reverse(REPORT))
    assert "https://example.org/gone" not in response.content.decode()


def test_authors_see_their_own_articles_broken_links_and_cannot_keep_them(client, author):
    mine = factories.ArticleFactory(title="Mine", author=author)
    theirs = factories.ArticleFactory(title="Theirs")
    broken_link(mine, url="https://example.org/mine")
    broken_link(theirs, url="https://example.org/theirs")
    client.force_login(author)
    text = client.get(reverse(REPORT)).content.decode()
    assert "https://example.org/mine" in text
    assert "https://example.org/theirs" not in text
    assert "Checked, keep" not in text


def test_people_without_articles_may_not_see_the_report(client):
    client.force_login(factories.UserFactory(is_staff=True))
    assert client.get(reverse(REPORT)).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, published_article):
    link = broken_link(published_article)
    response = client.get(reverse(REPORT))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
    response = client.post(keep_url(link), {"keep": "on"})
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
    link.refresh_from_db()
    assert not link.keep


def test_an_editor_marks_a_link_checked_keep_and_undoes_it(client, editor, published_article):
    link = broken_link(published_article)
    client.force_login(editor)
    response = client.post(keep_url(link), {"keep": "on", "next": reverse(REPORT)})
    assert response.status_code == 302
    assert response["Location"] == reverse(REPORT)
    link.refresh_from_db()
    assert (link.keep, link.kept_by) == (True, editor)
    assert link.kept_at is not None
    assert 'href="https://example.org/gone"' not in client.get(reverse(REPORT)).content.decode()
    kept_page = client.get(reverse(REPORT) + "?kept=1").content.decode()
    assert 'href="https://example.org/gone"' in kept_page
    assert "Undo" in kept_page

    client.post(keep_url(link), {"next": reverse(REPORT) + "?kept=1"})
    link.refresh_from_db()
    assert (link.keep, link.kept_by, link.kept_at) == (False, None, None)
    assert 'href="https://example.org/gone"' in client.get(reverse(REPORT)).content.decode()


def test_an_author_may_not_keep_a_link(client, author):
    article = factories.ArticleFactory(author=author)
    link = broken_link(article)
    client.force_login(author)
    assert client.post(keep_url(link), {"keep": "on"}).status_code == 403
    link.refresh_from_db()
    assert not link.keep


def test_keep_is_a_post_with_a_csrf_token(editor, published_article):
    from django.test import Client

    link = broken_link(published_article)
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.get(keep_url(link)).status_code == 405
    assert client.post(keep_url(link), {"keep": "on"}).status_code == 403
    link.refresh_from_db()
    assert not link.keep


def test_keep_goes_back_to_our_own_pages_only(client, editor, published_article):
    link = broken_link(published_article)
    client.force_login(editor)
    response = client.post(keep_url(link), {"keep": "on", "next": "https://evil.example/"})
    assert response["Location"] == reverse(REPORT)


def test_keep_of_an_unknown_link_is_404(client, editor):
    client.force_login(editor)
    assert client.post(reverse("admin:links_linkcheck_keep", args=[999999])).status_code == 404


def test_report_answers_404_to_a_bad_page(client, editor):
    client.force_login(editor)
    assert client.get(reverse(REPORT) + "?page=99").status_code == 404
    assert client.get(reverse(REPORT) + "?page=x").status_code == 404


def test_the_dashboard_links_to_the_report(client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:index"))
    assert reverse(REPORT) in response.content.decode()


def test_the_article_page_marks_its_broken_links(client, editor, published_article):
    broken_link(published_article, url="https://example.org/dead")
    broken_link(published_article, url="https://example.org/kept", keep=True)
    other = factories.ArticleFactory()
    broken_link(other, url="https://example.org/elsewhere")
    client.force_login(editor)
    text = client.get(admin_url(published_article, "change")).content.decode()
    assert 'id="broken-links-title"' in text
    assert "https://example.org/dead" in text
    assert "https://example.org/kept" in text
    assert "checked, keep" in text
    assert "https://example.org/elsewhere" not in text


def test_an_article_without_broken_links_shows_no_panel(client, editor, published_article):
    client.force_login(editor)
    text = client.get(admin_url(published_article, "change")).content.decode()
    assert 'id="broken-links-title"' not in text


def test_editors_read_the_link_checks_filtered_by_status(client, editor, published_article):
    broken_link(published_article, url="https://example.org/dead")
    LinkCheck.objects.create(url="https://example.org/fine", status=LinkCheck.Status.OK)
    client.force_login(editor)
    changelist = reverse("admin:links_linkcheck_changelist")
    text = client.get(changelist + "?status__exact=broken").content.decode()
    assert "https://example.org/dead" in text
    assert "https://example.org/fine" not in text
    link = LinkCheck.objects.get(url="https://example.org/fine")
    response = client.post(admin_url(link, "change"), {"url": "https://changed.example/"})
    assert response.status_code == 403
    assert client.get(reverse("admin:links_linkcheck_add")).status_code == 403


def test_authors_do_not_see_the_link_check_list(client, author):
    client.force_login(author)
    assert client.get(reverse("admin:links_linkcheck_changelist")).status_code == 403


def test_editors_group_may_keep_links(editor):
    assert editor.has_perm("links.change_linkcheck")
    assert workflow.is_editor(editor)


def test_documents_and_events_are_named_with_their_case_and_admin_page(client, editor, author):
    case = factories.LitigationCaseFactory(title="Abdullaev v. Kazakhstan")
    document = factories.CaseDocumentFactory(
        case=case, title="Judgment", file="", external_url="https://example.org/judgment"
    )
    event = factories.CaseEventFactory(case=case, title="Views adopted")
    broken_link(document, url="https://example.org/judgment")
    broken_link(event, url="https://example.org/views")
    private = factories.CaseDocumentFactory(
        case=case,
        file="",
        external_url="https://example.org/private-document",
        visibility="partners",
    )
    broken_link(private, url="https://example.org/private-document")
    hidden_event = factories.CaseEventFactory(case=case, is_public=False)
    broken_link(hidden_event, url="https://example.org/private-event")
    client.force_login(editor)
    text = client.get(reverse(REPORT)).content.decode()
    assert admin_url(document, "change") in text
    assert admin_url(event, "change") in text
    assert "document of the case “Abdullaev v. Kazakhstan”" in text
    assert "event in the timeline of the case “Abdullaev v. Kazakhstan”" in text
    assert "https://example.org/private-document" not in text
    assert "https://example.org/private-event" not in text
    # Authors may not edit cases: their documents and events are not theirs to mend.
    client.force_login(author)
    text = client.get(reverse(REPORT)).content.decode()
    assert "https://example.org/judgment" not in text
    assert "https://example.org/views" not in text


def test_report_lists_a_document_the_local_server_answers_404(client, editor, link_server):
    case = factories.LitigationCaseFactory(title="Abdullaev v. Kazakhstan", facts="No links.")
    document = factories.CaseDocumentFactory(
        case=case, title="Judgment", file="", external_url=link_server.url("/status/404")
    )
    checker.check_links()
    client.force_login(editor)
    text = client.get(reverse(REPORT)).content.decode()
    assert link_server.url("/status/404") in text
    assert admin_url(document, "change") in text
    assert ">404<" in text


def test_the_case_page_marks_its_own_and_its_documents_and_events_broken_links(client, editor):
    case = factories.LitigationCaseFactory()
    broken_link(case, url="https://example.org/in-the-facts")
    document = factories.CaseDocumentFactory(case=case, file="", external_url="https://x.org/")
    broken_link(document, url="https://example.org/judgment")
    broken_link(factories.CaseEventFactory(case=case), url="https://example.org/views")
    broken_link(factories.LitigationCaseFactory(), url="https://example.org/another-case")
    client.force_login(editor)
    text = client.get(admin_url(case, "change")).content.decode()
    assert 'id="broken-links-title"' in text
    assert "its public documents and its timeline" in text
    for url in ("in-the-facts", "judgment", "views"):
        assert f"https://example.org/{url}" in text
    assert "https://example.org/another-case" not in text


def test_the_partner_page_marks_its_broken_links(client, editor):
    partner = factories.PartnerFactory(name="Almaty Bureau")
    broken_link(partner, url="https://example.org/annual-report")
    broken_link(factories.PartnerFactory(), url="https://example.org/theirs")
    client.force_login(editor)
    text = client.get(admin_url(partner, "change")).content.decode()
    assert "https://example.org/annual-report" in text
    assert "https://example.org/theirs" not in text
    text = client.get(admin_url(factories.PartnerFactory(), "change")).content.decode()
    assert 'id="broken-links-title"' not in text
