import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from coalition.cases.forms import CaseFilterForm
from coalition.cases.models import LitigationCase
from tests import factories

pytestmark = pytest.mark.django_db

LIST_URL = reverse("cases:list")
LIST_QUERIES = 8
DETAIL_QUERIES = 9


def titles_listed(response):
    return {case.title for case in response.context["cases"]}


def list_rows(response):
    """The HTML of the case rows, without the filter form and its options."""
    html = response.content.decode()
    return html[html.index('<ul class="list">') :]


# The list


def test_case_list_shows_public_cases_only(client, public_case, private_case):
    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert titles_listed(response) == {"Abdullaev v. Kazakhstan"}
    assert b"Secret v. Kazakhstan" not in response.content
    assert private_case.get_absolute_url().encode() not in response.content


def test_case_list_row_shows_what_a_reader_needs(client, ecthr):
    case = factories.LitigationCaseFactory(
        title="Abdullaev v. Kazakhstan",
        short_title="Abdullaev",
        summary="Beaten into a confession in Almaty.",
        status=LitigationCase.Status.COMMUNICATED,
        status_changed_on=datetime.date(2021, 3, 1),
        respondent_states=[factories.country("KZ"), factories.country("KG")],
    )
    factories.ProceedingFactory(case=case, forum=ecthr)
    factories.ProceedingFactory(case=case, forum=ecthr, number="no. 2/21")
    factories.CaseEventFactory(case=case, date=datetime.date(2022, 6, 30))

    html = list_rows(client.get(LIST_URL))

    assert f'<a href="{case.get_absolute_url()}">Abdullaev v. Kazakhstan</a>' in html
    assert "Abdullaev ·" in html
    assert '<span class="badge">Communicated</span>' in html
    assert html.count("European Court of Human Rights") == 1
    assert "Kazakhstan, Kyrgyzstan" in html
    assert '<time datetime="2022-06-30">30 June 2022</time>' in html
    assert "Beaten into a confession in Almaty." in html


def test_finished_case_has_the_finished_badge(client):
    factories.LitigationCaseFactory(status=LitigationCase.Status.STRUCK_OUT)

    html = client.get(LIST_URL).content.decode()

    assert '<span class="badge badge--finished">Struck out</span>' in html


def test_case_list_puts_the_latest_update_first(client):
    old = factories.LitigationCaseFactory(status_changed_on=datetime.date(2019, 1, 1))
    middle = factories.LitigationCaseFactory(status_changed_on=datetime.date(2021, 1, 1))
    recent_event = factories.LitigationCaseFactory(status_changed_on=datetime.date(2018, 1, 1))
    factories.CaseEventFactory(case=recent_event, date=datetime.date(2023, 5, 1))
    # A private event is no public update.
    factories.CaseEventFactory(case=old, date=datetime.date(2024, 1, 1), is_public=False)

    cases = list(client.get(LIST_URL).context["cases"])

    assert cases == [recent_event, middle, old]


def test_case_list_pages_by_twenty(client):
    for _ in range(21):
        factories.LitigationCaseFactory()

    assert len(client.get(LIST_URL).context["cases"]) == 20
    response = client.get(LIST_URL, {"page": 2})
    assert response.status_code == 200
    assert len(response.context["cases"]) == 1


def test_case_list_without_cases_says_so(client):
    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert b"No case matches these filters." in response.content


def test_status_filter_narrows_the_list(client):
    factories.LitigationCaseFactory(title="Pending one", status="pending")
    factories.LitigationCaseFactory(title="Decided one", status="decided")

    response = client.get(LIST_URL, {"status": "decided"})

    assert titles_listed(response) == {"Decided one"}


def test_ongoing_and_finished_filter_narrows_the_list(client):
    factories.LitigationCaseFactory(title="Ongoing", status="hearing")
    factories.LitigationCaseFactory(title="Settled", status="friendly_settlement")
    factories.LitigationCaseFactory(title="Closed", status="closed")

    assert titles_listed(client.get(LIST_URL, {"progress": "active"})) == {"Ongoing"}
    assert titles_listed(client.get(LIST_URL, {"progress": "finished"})) == {"Settled", "Closed"}
    assert len(titles_listed(client.get(LIST_URL, {"progress": ""}))) == 3


def test_forum_filter_narrows_the_list_and_lists_each_case_once(client, ecthr, un_committee):
    both = factories.LitigationCaseFactory(title="Twice in Strasbourg")
    factories.ProceedingFactory(case=both, forum=ecthr)
    factories.ProceedingFactory(case=both, forum=ecthr)
    factories.ProceedingFactory(case=both, forum=un_committee)
    factories.ProceedingFactory(
        case=factories.LitigationCaseFactory(title="Geneva only"), forum=un_committee
    )

    response = client.get(LIST_URL, {"forum": "ecthr"})

    assert [case.title for case in response.context["cases"]] == ["Twice in Strasbourg"]
    assert response.context["paginator"].count == 1
    assert titles_listed(client.get(LIST_URL, {"forum": "cat"})) == {
        "Twice in Strasbourg",
        "Geneva only",
    }


def test_forum_filter_gives_each_case_once_even_without_the_list_annotation(ecthr):
    twice = factories.LitigationCaseFactory()
    factories.ProceedingFactory(case=twice, forum=ecthr)
    factories.ProceedingFactory(case=twice, forum=ecthr)
    once = factories.LitigationCaseFactory()
    factories.ProceedingFactory(case=once, forum=ecthr)
    form = CaseFilterForm({"forum": "ecthr"})

    assert form.is_valid()
    cases = form.filter(LitigationCase.objects.published())
    assert sorted(case.pk for case in cases) == sorted([twice.pk, once.pk])
    assert cases.count() == 2


def test_country_filter_narrows_the_list_to_a_respondent_state(client):
    factories.LitigationCaseFactory(
        title="Against both",
        respondent_states=[factories.country("KZ"), factories.country("KG")],
    )
    factories.LitigationCaseFactory(
        title="Against Kazakhstan", respondent_states=[factories.country("KZ")]
    )

    kyrgyzstan = client.get(LIST_URL, {"country": "kyrgyzstan"})
    kazakhstan = client.get(LIST_URL, {"country": "kazakhstan"})

    assert titles_listed(kyrgyzstan) == {"Against both"}
    assert [case.title for case in kazakhstan.context["cases"]].count("Against both") == 1
    assert titles_listed(kazakhstan) == {"Against both", "Against Kazakhstan"}


def test_topic_filter_narrows_the_list(client, torture):
    tagged = factories.LitigationCaseFactory(title="About torture")
    tagged.topics.add(torture, factories.TopicFactory())
    factories.LitigationCaseFactory(title="About something else")

    assert titles_listed(client.get(LIST_URL, {"topic": "torture"})) == {"About torture"}


def test_filters_combine(client, ecthr, torture):
    match = factories.LitigationCaseFactory(title="Match", status="pending")
    match.topics.add(torture)
    factories.ProceedingFactory(case=match, forum=ecthr)
    wrong_status = factories.LitigationCaseFactory(title="Wrong status", status="closed")
    wrong_status.topics.add(torture)
    factories.ProceedingFactory(case=wrong_status, forum=ecthr)

    response = client.get(
        LIST_URL,
        {"status": "pending", "forum": "ecthr", "topic": "torture", "country": "kazakhstan"},
    )

    assert titles_listed(response) == {"Match"}
    assert b"Clear filters" in response.content


def test_empty_filter_values_are_ignored(client, public_case):
    response = client.get(LIST_URL, {"status": "", "forum": "", "country": "", "topic": ""})

    assert response.status_code == 200
    assert titles_listed(response) == {"Abdullaev v. Kazakhstan"}
    assert b"Clear filters" not in response.content


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=99999",
        "page=0",
        "status=bogus",
        "progress=maybe",
        "forum=nonexistent",
        "country=nonexistent",
        "country=ZZ",
        "topic=nonexistent",
        "topic=%00",
        "forum=ecthr&forum=<script>",
    ],
)
def test_bad_query_string_is_404_not_500(client, public_case, ecthr, query):
    factories.ProceedingFactory(case=public_case, forum=ecthr)

    assert client.get(f"{LIST_URL}?{query}").status_code == 404


def test_unknown_parameters_are_ignored(client, public_case):
    assert client.get(LIST_URL, {"utm_source": "newsletter"}).status_code == 200


def test_filters_never_reveal_what_only_private_cases_use(client, public_case, private_case):
    secret_forum = factories.ForumFactory(name="Secret tribunal", slug="secret-tribunal")
    factories.ProceedingFactory(case=private_case, forum=secret_forum)
    secret_topic = factories.TopicFactory(name="Secret topic", slug="secret-topic")
    private_case.topics.add(secret_topic)
    private_case.respondent_states.set([factories.country("TJ")])

    html = client.get(LIST_URL).content.decode()

    assert "Secret tribunal" not in html
    assert "Secret topic" not in html
    assert "Tajikistan" not in html
    assert client.get(LIST_URL, {"forum": "secret-tribunal"}).status_code == 404
    assert client.get(LIST_URL, {"topic": "secret-topic"}).status_code == 404
    assert client.get(LIST_URL, {"country": "tajikistan"}).status_code == 404


def test_filter_form_labels_its_fields(client, public_case):
    html = client.get(LIST_URL).content.decode()

    for name in ("status", "progress", "forum", "country", "topic"):
        assert f'<label for="id_{name}">' in html
        assert f'id="id_{name}"' in html


@pytest.mark.parametrize("count", [3, 30])
def test_case_list_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, torture, count
):
    for number in range(count):
        case = factories.LitigationCaseFactory(
            respondent_states=[factories.country("KZ"), factories.country("UZ")]
        )
        case.topics.add(torture)
        factories.ProceedingFactory(case=case)
        factories.ProceedingFactory(case=case)
        factories.CaseEventFactory(case=case, date=datetime.date(2020, 1, 1 + number % 28))

    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(LIST_URL, {"topic": "torture"})

    assert len(response.context["cases"]) == min(count, 20)


# The case page


def case_with_everything(ecthr):
    case = factories.LitigationCaseFactory(
        title="Abdullaev v. Kazakhstan",
        short_title="Abdullaev",
        slug="abdullaev-v-kazakhstan",
        summary="Beaten into a confession in Almaty.",
        facts="The applicant was **beaten** for three days.",
        strategic_aim="Make courts *exclude* evidence obtained by torture.",
        rights_at_issue="Prohibition of torture (Article 7 ICCPR)\nRight to a fair trial",
        status=LitigationCase.Status.DECIDED,
        implementation_status=LitigationCase.ImplementationStatus.AWAITED,
        status_changed_on=datetime.date(2023, 4, 12),
        respondent_states=[factories.country("KZ")],
    )
    case.topics.add(factories.TopicFactory(name="Torture", slug="torture"))
    return case


def test_case_page_shows_the_case(client, ecthr, un_committee):
    case = case_with_everything(ecthr)
    domestic = factories.ProceedingFactory(
        case=case,
        forum=factories.ForumFactory(name="Supreme Court of Kazakhstan", short_name=""),
        number="2-456/2016",
        lodged_on=datetime.date(2016, 2, 1),
        decided_on=datetime.date(2017, 3, 3),
        outcome="Conviction upheld",
    )
    factories.ProceedingFactory(
        case=case,
        forum=un_committee,
        number="CAT/C/55/D/123/2018",
        lodged_on=datetime.date(2018, 1, 10),
        communicated_on=datetime.date(2018, 6, 1),
        decided_on=datetime.date(2023, 4, 12),
        outcome="Violation of articles 1 and 15",
        parent=domestic,
    )
    factories.CasePartnerFactory(
        case=case, partner__name="Kazakhstan Bureau", role="representative"
    )

    response = client.get(case.get_absolute_url())
    html = response.content.decode()

    assert response.status_code == 200
    assert response.context["case"] == case
    assert "<h1>Abdullaev v. Kazakhstan</h1>" in html
    assert html.count("<h1") == 1
    assert '<span class="badge">Decided</span>' in html
    assert "Awaiting implementation" in html
    assert '<time datetime="2023-04-12">12 April 2023</time>' in html
    assert "Beaten into a confession in Almaty." in html
    assert "<strong>beaten</strong>" in html
    assert "<em>exclude</em>" in html
    assert "<li>Prohibition of torture (Article 7 ICCPR)</li>" in html
    assert "<li>Right to a fair trial</li>" in html
    assert '<a href="/cases/?country=kazakhstan">Kazakhstan</a>' in html
    assert '<a href="/cases/?topic=torture">Torture</a>' in html
    assert "2-456/2016" in html
    assert "CAT/C/55/D/123/2018" in html
    assert '<time datetime="2018-06-01">1 Jun 2018</time>' in html
    assert "Violation of articles 1 and 15" in html
    assert "appeal from Supreme Court of Kazakhstan, 2-456/2016" in html
    assert "Kazakhstan Bureau" in html
    assert "Applicant&#x27;s representative" in html
    assert '<meta name="description" content="Beaten into a confession in Almaty.">' in html
    assert (
        '<link rel="canonical" href="http://testserver/cases/'
        f'{case.pk}/abdullaev-v-kazakhstan/">' in html
    )


def test_case_page_links_the_filtered_lists_that_exist(client, ecthr):
    case = case_with_everything(ecthr)

    assert client.get(LIST_URL, {"country": "kazakhstan"}).status_code == 200
    assert client.get(LIST_URL, {"topic": "torture"}).status_code == 200
    assert client.get(case.get_absolute_url()).status_code == 200


def test_case_page_of_a_private_case_is_404(client, private_case):
    assert client.get(private_case.get_absolute_url()).status_code == 404
    assert client.get(reverse("cases:detail-short", args=[private_case.pk])).status_code == 404
    assert client.get(reverse("cases:detail", args=[private_case.pk, "wrong"])).status_code == 404


def test_case_page_of_an_unknown_case_is_404(client):
    assert client.get("/cases/999999/no-such-case/").status_code == 404


def test_wrong_slug_redirects_permanently_to_the_case_url(client, public_case):
    response = client.get(reverse("cases:detail", args=[public_case.pk, "old-name"]))

    assert response.status_code == 301
    assert response["Location"] == public_case.get_absolute_url()


def test_missing_slug_redirects_permanently_and_keeps_the_query_string(client, public_case):
    response = client.get(
        reverse("cases:detail-short", args=[public_case.pk]), {"utm_source": "letter", "x": "a b"}
    )

    assert response.status_code == 301
    assert response["Location"] == f"{public_case.get_absolute_url()}?utm_source=letter&x=a+b"


def test_case_page_never_shows_private_events(client, public_case):
    factories.CaseEventFactory(case=public_case, title="Hearing announced")
    factories.CaseEventFactory(case=public_case, title="Strategy meeting", is_public=False)

    html = client.get(public_case.get_absolute_url()).content.decode()

    assert "Hearing announced" in html
    assert "Strategy meeting" not in html


def test_timeline_is_newest_first_with_dates_as_precise_as_known(client, public_case):
    factories.CaseEventFactory(
        case=public_case,
        title="Application filed",
        date=datetime.date(2018, 1, 10),
        date_precision="day",
    )
    factories.CaseEventFactory(
        case=public_case, title="Reported", date=datetime.date(2019, 3, 1), date_precision="month"
    )
    factories.CaseEventFactory(
        case=public_case, title="Campaign", date=datetime.date(2020, 1, 1), date_precision="year"
    )

    html = client.get(public_case.get_absolute_url()).content.decode()

    assert '<time datetime="2018-01-10">10 January 2018</time>' in html
    assert '<time datetime="2019-03">March 2019</time>' in html
    assert '<time datetime="2020">2020</time>' in html
    assert html.index("Campaign") < html.index("Reported") < html.index("Application filed")


def test_timeline_links_an_article_only_while_it_is_live(client, public_case, draft_article):
    live = factories.ArticleFactory(title="Victory in Geneva", slug="victory-in-geneva")
    factories.CaseEventFactory(case=public_case, title="Decision", article=live)
    factories.CaseEventFactory(case=public_case, title="Filing", article=draft_article)

    html = client.get(public_case.get_absolute_url()).content.decode()

    assert live.get_absolute_url() in html
    assert "Victory in Geneva" in html
    assert "Filing" in html
    assert "A draft nobody may see" not in html
    assert draft_article.get_absolute_url() not in html


def test_timeline_links_a_document_only_when_it_is_public(client, public_case, secret_document):
    judgment = factories.CaseDocumentFactory(case=public_case, title="The judgment")
    factories.CaseEventFactory(case=public_case, title="Judgment delivered", document=judgment)
    factories.CaseEventFactory(case=public_case, title="Witness heard", document=secret_document)

    html = client.get(public_case.get_absolute_url()).content.decode()

    assert "Witness heard" in html
    assert "Document: The judgment" in html
    assert "Confidential witness statement" not in html
    assert reverse("cases:document", args=[public_case.pk, secret_document.pk]) not in html


def test_case_page_lists_public_documents_only(client, public_case, secret_document):
    content = b"%PDF-1.4 judgment"
    judgment = factories.CaseDocumentFactory(
        case=public_case,
        title="Judgment of the Committee",
        kind="judgment",
        date=datetime.date(2023, 4, 12),
        language="ru",
        file=ContentFile(content, name="judgment.pdf"),
    )
    factories.CaseDocumentFactory(case=public_case, title="Editors' notes", visibility="editors")
    factories.CaseDocumentFactory(
        case=public_case,
        title="Judgment on HUDOC",
        file="",
        external_url="https://hudoc.echr.coe.int/eng?i=001-1",
    )

    html = client.get(public_case.get_absolute_url()).content.decode()

    assert (
        f'<a href="{judgment.get_download_url()}" download>Judgment of the Committee</a>' in html
    )
    assert "Russian" in html
    assert '<time datetime="2023-04-12">12 Apr 2023</time>' in html
    assert f"{len(content)}\xa0bytes" in html
    assert 'href="https://hudoc.echr.coe.int/eng?i=001-1"' in html
    assert "Confidential witness statement" not in html
    assert "Editors&#x27; notes" not in html
    assert "witness.pdf" not in html


def test_case_page_never_shows_confidential_partner_roles(client, public_case):
    factories.CasePartnerFactory(case=public_case, partner__name="Open Bureau")
    factories.CasePartnerFactory(case=public_case, partner__name="Hidden Counsel", is_public=False)
    factories.CasePartnerFactory(
        case=public_case, partner__name="Former Member", partner__is_active=False
    )

    html = client.get(public_case.get_absolute_url()).content.decode()

    assert "Open Bureau" in html
    assert "Hidden Counsel" not in html
    assert "Former Member" not in html


def test_case_page_shows_published_related_articles_only(
    client, public_case, published_article, draft_article
):
    published_article.cases.add(public_case)
    draft_article.cases.add(public_case)
    expired = factories.ArticleFactory(
        title="Withdrawn piece",
        unpublish_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
        publish_at=datetime.datetime(2019, 1, 1, tzinfo=datetime.UTC),
    )
    expired.cases.add(public_case)

    html = client.get(public_case.get_absolute_url()).content.decode()

    assert "Torture in Kazakhstan" in html
    assert published_article.get_absolute_url() in html
    assert "A draft nobody may see" not in html
    assert "Withdrawn piece" not in html


def test_case_page_never_renders_unsafe_markup(client):
    case = factories.LitigationCaseFactory(
        facts="Facts<script>alert('x')</script>",
        strategic_aim='<img src="x" onerror="alert(1)">[a](javascript:alert(1))',
    )

    html = client.get(case.get_absolute_url()).content.decode()

    assert "<script>alert" not in html
    assert "onerror" not in html
    assert "javascript:" not in html


def add_case_details(case, count, forum=None):
    """Give `case` `count` of each public proceeding, partner role, event and document."""
    parent = None
    for number in range(count):
        parent = factories.ProceedingFactory(
            case=case,
            forum=forum or factories.ForumFactory(),
            parent=parent if number % 2 else None,
            lodged_on=datetime.date(2010, 1, 1) + datetime.timedelta(days=number),
        )
        article = factories.ArticleFactory()
        article.cases.add(case)
        factories.CaseEventFactory(
            case=case,
            date=datetime.date(2020, 1, 1) + datetime.timedelta(days=number),
            article=article,
            document=factories.CaseDocumentFactory(case=case),
        )
        factories.CasePartnerFactory(case=case)


@pytest.mark.parametrize("count", [3, 30])
def test_case_page_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, torture, count
):
    case = factories.LitigationCaseFactory()
    case.topics.add(torture)
    add_case_details(case, count)

    with django_assert_max_num_queries(DETAIL_QUERIES):
        response = client.get(case.get_absolute_url())

    assert len(response.context["case"].public_events) == count
    assert len(response.context["case"].public_documents) == count
    assert len(response.context["case"].public_partners) == count
    assert response.content.decode().count("<tr>") == 2 * count + 2


# The document download


def download_url(document):
    return reverse("cases:document", args=[document.case_id, document.pk])


def test_public_document_downloads_as_an_attachment(client, settings, public_case):
    # The view sets nosniff itself, not only through the security middleware.
    settings.SECURE_CONTENT_TYPE_NOSNIFF = False
    content = b"%PDF-1.4 the judgment"
    document = factories.CaseDocumentFactory(
        case=public_case,
        title="Judgment of 12 April 2023",
        file=ContentFile(content, name="judgment.pdf"),
    )

    response = client.get(download_url(document))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="judgment-of-12-april-2023.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Length"] == str(len(content))


def test_download_of_an_unknown_kind_of_file_is_octet_stream(client, settings, public_case):
    settings.SECURE_CONTENT_TYPE_NOSNIFF = False
    document = factories.CaseDocumentFactory(
        case=public_case, file=ContentFile(b"\x00\x01", name="exhibit.weird")
    )

    response = client.get(download_url(document))

    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_download_name_is_safe_for_any_title(client, public_case):
    document = factories.CaseDocumentFactory(
        case=public_case,
        title='Решение "суда"\r\nX-Injected: yes; ../../etc',
        file=ContentFile(b"text", name="decision.html"),
    )

    response = client.get(download_url(document))

    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''")
    assert "\n" not in disposition
    assert "/" not in disposition.removeprefix("attachment; filename*=utf-8''")
    assert "X-Injected" not in response
    assert response["Content-Type"].startswith("text/html")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("visibility", ["partners", "editors"])
def test_non_public_document_is_404(client, public_case, visibility):
    document = factories.CaseDocumentFactory(case=public_case, visibility=visibility)

    assert client.get(download_url(document)).status_code == 404


def test_document_of_a_private_case_is_404(client, private_case):
    document = factories.CaseDocumentFactory(case=private_case, visibility="public")

    assert client.get(download_url(document)).status_code == 404


def test_document_under_another_case_is_404(client, public_case):
    document = factories.CaseDocumentFactory(visibility="public")

    url = reverse("cases:document", args=[public_case.pk, document.pk])

    assert client.get(url).status_code == 404
    assert client.get(download_url(document)).status_code == 200


def test_document_with_a_missing_file_is_404(client, public_case):
    document = factories.CaseDocumentFactory(case=public_case)
    document.file.storage.delete(document.file.name)

    assert client.get(download_url(document)).status_code == 404


def test_external_document_has_nothing_to_download(client, public_case):
    document = factories.CaseDocumentFactory(
        case=public_case, file="", external_url="https://hudoc.echr.coe.int/eng?i=001-1"
    )

    assert client.get(download_url(document)).status_code == 404


def test_unknown_document_is_404(client, public_case):
    assert client.get(reverse("cases:document", args=[public_case.pk, 999999])).status_code == 404


def test_download_only_answers_safe_methods(client, public_case):
    document = factories.CaseDocumentFactory(case=public_case)

    assert client.post(download_url(document)).status_code == 405
    assert client.head(download_url(document)).status_code == 200


def test_non_public_document_bytes_are_never_served_publicly(
    client, settings, public_case, secret_document
):
    editors_only = factories.CaseDocumentFactory(
        case=public_case,
        file=ContentFile(b"EDITORS-ONLY-NOTES", name="notes.txt"),
        visibility="editors",
    )
    other_case = factories.LitigationCaseFactory()
    file_urls = []
    for document in (secret_document, editors_only):
        with pytest.raises(ValueError, match="no public URL"):
            document.file.url  # noqa: B018
        file_urls += [
            download_url(document),
            reverse("cases:document", args=[other_case.pk, document.pk]),
            f"{settings.MEDIA_URL}{document.file.name}",
            f"/private/{document.file.name}",
            f"/{document.file.name}",
        ]

    for url in file_urls:
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"WITNESS-NAME-AND-ADDRESS" not in response.content
        assert b"EDITORS-ONLY-NOTES" not in response.content
    for url in (LIST_URL, public_case.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200
        assert b"WITNESS-NAME-AND-ADDRESS" not in response.content
        assert secret_document.file.name.encode() not in response.content
        assert editors_only.file.name.encode() not in response.content
