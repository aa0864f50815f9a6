import csv
import datetime
import io
import json

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

CSV_URL = "/cases/export.csv"
JSON_URL = "/cases/export.json"
# The filter's choices (one query), the cases, then their proceedings, respondent states and
# topics (per chunk of a thousand cases).
EXPORT_QUERIES = 5
FILTERED_EXPORT_QUERIES = EXPORT_QUERIES


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="cases.csv"'
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def json_cases(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["count"] == len(data["cases"])
    return data["cases"]


def test_csv_export_has_every_public_case_and_no_private_one(client, public_case, private_case):
    factories.ProceedingFactory(
        case=public_case,
        forum=factories.ForumFactory(name="European Court of Human Rights", slug="ecthr"),
        number="no. 12345/19",
    )
    public_case.topics.add(factories.TopicFactory(slug="torture"))

    rows = csv_rows(client.get(CSV_URL))

    assert [row["title"] for row in rows] == ["Abdullaev v. Kazakhstan"]
    row = rows[0]
    assert row["id"] == str(public_case.pk)
    assert row["status"] == "lodged"
    assert row["status_label"] == "lodged"
    assert row["respondent_states"] == "KZ"
    assert row["proceedings"] == "European Court of Human Rights, no. 12345/19"
    assert row["topics"] == "torture"
    assert row["rights_at_issue"] == "Prohibition of torture; Right to a fair trial"
    assert row["url"] == f"http://testserver{public_case.get_absolute_url()}"


def test_json_export_has_every_public_case_and_no_private_one(client, public_case, private_case):
    factories.ProceedingFactory(
        case=public_case, number="no. 1/20", lodged_on=datetime.date(2020, 2, 3)
    )

    cases = json_cases(client.get(JSON_URL))

    assert [case["id"] for case in cases] == [public_case.pk]
    assert cases[0]["respondent_states"] == ["KZ"]
    assert cases[0]["proceedings"][0]["number"] == "no. 1/20"
    assert cases[0]["proceedings"][0]["lodged_on"] == "2020-02-03"
    assert cases[0]["rights_at_issue"] == ["Prohibition of torture", "Right to a fair trial"]


@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
def test_export_keeps_the_case_list_filters(client, url):
    lodged = factories.LitigationCaseFactory(title="Lodged case", status="lodged")
    factories.LitigationCaseFactory(title="Decided case", status="decided")
    kyrgyz = factories.LitigationCaseFactory(
        title="Kyrgyz case", status="lodged", respondent_states=[factories.country("KG")]
    )

    response = client.get(url, {"status": "lodged", "country": "kazakhstan", "topic": ""})

    if url == CSV_URL:
        ids = [int(row["id"]) for row in csv_rows(response)]
    else:
        ids = [case["id"] for case in json_cases(response)]
    assert ids == [lodged.pk]
    assert kyrgyz.pk not in ids


@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
@pytest.mark.parametrize(
    "query",
    [{"status": "bogus"}, {"country": "atlantis"}, {"topic": "nonexistent"}, {"forum": "x"}],
)
def test_export_with_an_unknown_filter_is_404(client, public_case, url, query):
    assert client.get(url, query).status_code == 404


def test_export_with_a_private_cases_country_is_404(client, private_case):
    # The filter's choices are only what the public sees.
    assert client.get(CSV_URL, {"country": "kazakhstan"}).status_code == 404


def test_csv_export_keeps_spreadsheets_from_running_formulas(client):
    factories.LitigationCaseFactory(title='=HYPERLINK("http://evil.example")')

    rows = csv_rows(client.get(CSV_URL))

    assert rows[0]["title"] == '\'=HYPERLINK("http://evil.example")'


def test_export_of_no_case_is_a_header_or_an_empty_list(client, private_case):
    assert csv_rows(client.get(CSV_URL)) == []
    assert json_cases(client.get(JSON_URL)) == []


@pytest.mark.parametrize("count", [3, 30])
def test_exports_run_a_fixed_number_of_queries(client, django_assert_max_num_queries, count):
    topic = factories.TopicFactory(slug="torture")
    for _ in range(count):
        case = factories.LitigationCaseFactory(
            respondent_states=[factories.country("KZ"), factories.country("KG")]
        )
        case.topics.add(topic)
        factories.ProceedingFactory(case=case)
        factories.ProceedingFactory(case=case)
    # The first request after a change also reads what is kept until the next one (choices).
    client.get(CSV_URL)

    with django_assert_max_num_queries(EXPORT_QUERIES):
        assert len(csv_rows(client.get(CSV_URL))) == count
    with django_assert_max_num_queries(EXPORT_QUERIES):
        assert len(json_cases(client.get(JSON_URL))) == count
    with django_assert_max_num_queries(FILTERED_EXPORT_QUERIES):
        assert len(json_cases(client.get(JSON_URL, {"topic": "torture"}))) == count
