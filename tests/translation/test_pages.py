"""Public pages in Russian and Kazakh: translated text, and marked fallbacks in English."""

import pytest

from coalition.cases.models import CaseDocument
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def three_languages(settings):
    settings.LANGUAGES = [("en", "English"), ("ru", "Russian"), ("kk", "Kazakh")]


@pytest.fixture
def bureau():
    partner = factories.PartnerFactory(name="Kazakhstan Bureau", slug="kazakhstan-bureau")
    partner.set_translations(
        "ru",
        {
            "name": "Казахстанское бюро",
            "summary": "Юристы, защищающие пострадавших от пыток.",
            "description": "Мы **документируем** пытки.",
        },
    )
    partner.save()
    return partner


@pytest.fixture
def case(bureau):
    case = factories.LitigationCaseFactory(title="Abdullaev v. Kazakhstan")
    case.set_translations(
        "ru",
        {"title": "Абдуллаев против Казахстана", "facts": "Заявителя **избили** в полиции."},
    )
    case.save()
    factories.CasePartnerFactory(case=case, partner=bureau)
    event = factories.CaseEventFactory(case=case, title="Application lodged")
    event.set_translations("ru", {"title": "Жалоба подана", "description": "В Комитет ООН."})
    event.save()
    document = factories.CaseDocumentFactory(case=case, title="The application")
    document.set_translations("kk", {"title": "Шағым"})
    document.save()
    return case


def test_a_partner_page_in_russian_shows_the_translation(client, bureau):
    response = client.get(f"/ru{bureau.get_absolute_url()}")

    assert response.status_code == 200
    assert "<h1>Казахстанское бюро</h1>" in response.text
    assert "<title>Казахстанское бюро" in response.text
    assert "Юристы, защищающие пострадавших от пыток." in response.text
    assert "<strong>документируем</strong>" in response.text
    assert "Kazakhstan Bureau" not in response.text


def test_a_partner_page_without_a_kazakh_translation_marks_the_english_text(client, bureau):
    response = client.get(f"/kk{bureau.get_absolute_url()}")

    assert response.status_code == 200
    assert '<h1><span lang="en">Kazakhstan Bureau</span></h1>' in response.text
    assert '<div lang="en"><p>We <strong>document</strong>' in response.text
    assert "<title>Kazakhstan Bureau" in response.text


def test_the_english_page_is_unmarked(client, bureau):
    response = client.get(bureau.get_absolute_url())

    assert "<h1>Kazakhstan Bureau</h1>" in response.text
    assert 'lang="en"><p>' not in response.text


def test_the_partner_list_shows_translated_names_and_summaries(client, bureau):
    factories.PartnerFactory(name="Osh Committee", slug="osh-committee")

    response = client.get("/ru/partners/")

    assert "Казахстанское бюро" in response.text
    assert '<span lang="en">Osh Committee</span>' in response.text


def test_an_inactive_partner_stays_hidden_in_every_language(client, bureau):
    bureau.is_active = False
    bureau.save()

    for prefix in ("", "/ru", "/kk"):
        assert client.get(f"{prefix}{bureau.get_absolute_url()}").status_code == 404
    assert "Казахстанское бюро" not in client.get("/ru/partners/").text


def test_a_case_page_in_russian_shows_translated_title_facts_and_timeline(client, case):
    response = client.get(f"/ru{case.get_absolute_url()}")

    assert response.status_code == 200
    assert "<h1>Абдуллаев против Казахстана</h1>" in response.text
    assert "<strong>избили</strong>" in response.text
    assert "Жалоба подана" in response.text
    assert "В Комитет ООН." in response.text
    assert "Казахстанское бюро" in response.text
    # Not translated into Russian: the English title, marked.
    assert '<span lang="en">The application</span>' in response.text
    assert '<span lang="en">Torture in police custody and an unfair trial.</span>' in (
        response.text
    )


def test_a_case_page_in_kazakh_shows_the_kazakh_document_title(client, case):
    response = client.get(f"/kk{case.get_absolute_url()}")

    assert "Шағым" in response.text
    assert '<h1><span lang="en">Abdullaev v. Kazakhstan</span></h1>' in response.text


def test_the_case_list_shows_translated_titles(client, case):
    response = client.get("/ru/cases/")

    assert "Абдуллаев против Казахстана" in response.text


def test_private_cases_events_and_documents_stay_hidden_in_russian(client, case):
    private = factories.LitigationCaseFactory(title="Secret", is_public=False)
    private.set_translations("ru", {"title": "Секретное дело"})
    private.save()
    hidden_event = factories.CaseEventFactory(case=case, title="Hidden", is_public=False)
    hidden_event.set_translations("ru", {"title": "Скрытое событие"})
    hidden_event.save()
    hidden_document = factories.CaseDocumentFactory(
        case=case, title="Observations", visibility=CaseDocument.Visibility.PARTNERS
    )
    hidden_document.set_translations("ru", {"title": "Скрытый документ"})
    hidden_document.save()

    assert client.get(f"/ru{private.get_absolute_url()}").status_code == 404
    page = client.get(f"/ru{case.get_absolute_url()}").text
    listing = client.get("/ru/cases/").text
    assert "Скрытое событие" not in page
    assert "Скрытый документ" not in page
    assert "Секретное дело" not in listing


def test_filter_options_fall_back_with_a_lang_attribute(client, bureau):
    topic = factories.TopicFactory(
        name="Torture", slug="torture", translations={"ru": {"name": "Пытки"}}
    )
    bureau.topics.add(topic)
    bureau.countries.add(factories.country("KZ"))

    russian = client.get("/ru/partners/").text
    kazakh = client.get("/kk/partners/").text

    assert '<option value="torture">Пытки</option>' in russian
    assert '<option value="torture" lang="en">Torture</option>' in kazakh
    # The kept <select> marks the chosen option even when it carries a language.
    chosen = client.get("/kk/partners/?topic=torture").text
    assert '<option value="torture" selected lang="en">Torture</option>' in chosen


def test_the_case_feed_is_in_the_reader_language(client, case):
    response = client.get(f"/feeds/cases/{case.pk}/rss/", HTTP_ACCEPT_LANGUAGE="ru")

    assert response.status_code == 200
    assert "Жалоба подана" in response.text
