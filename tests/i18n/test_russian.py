"""The Russian interface: chosen by the browser, the cookie or the switcher; names in Russian."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from coalition.models import Country
from tests import factories

pytestmark = pytest.mark.django_db

RUSSIAN = {"HTTP_ACCEPT_LANGUAGE": "ru"}


@pytest.fixture
def torture_topic(db):
    return factories.TopicFactory(name="Torture", name_ru="Пытки", slug="torture")


@pytest.fixture
def campaign(torture_topic):
    article = factories.ArticleFactory(
        title="Torture in Kazakhstan",
        slug="torture-in-kazakhstan",
        cta_enabled=True,
        cta_prompt="Call on Kazakhstan to investigate.",
    )
    article.topics.add(torture_topic)
    article.countries.add(factories.country("KZ"))
    return article


def test_every_country_has_a_russian_name():
    assert not Country.objects.filter(name_ru="").exists()
    assert factories.country("KZ").name_ru == "Казахстан"
    assert factories.country("DE").name_ru == "Германия"
    assert factories.country("XK").name_ru == "Косово"


def test_the_home_page_speaks_russian_to_a_russian_browser(client, campaign):
    html = client.get("/", **RUSSIAN).content.decode()

    assert '<html lang="ru">' in html
    assert "Перейти к основному содержанию" in html
    assert "Последние статьи" in html
    assert ">Статьи</a>" in html
    assert "Skip to main content" not in html


def test_the_home_page_stays_english_by_default(client, campaign):
    html = client.get("/").content.decode()

    assert '<html lang="en">' in html
    assert "Latest articles" in html
    assert "Последние статьи" not in html


def test_the_article_page_in_russian_names_topics_and_countries_in_russian(client, campaign):
    html = client.get(campaign.get_absolute_url(), **RUSSIAN).content.decode()

    assert '<h2 id="add-your-voice-heading">Присоединить свой голос</h2>' in html
    assert "Ваше имя" in html
    assert "Оставьте это поле пустым" in html
    assert "0 человек присоединили свой голос." in html
    assert ">Пытки</a>" in html
    assert ">Казахстан</a>" in html
    assert ">Torture</a>" not in html


def test_russian_plurals_follow_russian_rules(client, campaign):
    factories.SignatureFactory.create_batch(3, article=campaign)

    html = client.get(campaign.get_absolute_url(), **RUSSIAN).content.decode()

    assert "3 человека присоединили свой голос." in html


def test_english_readers_keep_english_names(client, campaign):
    html = client.get(campaign.get_absolute_url()).content.decode()

    assert ">Torture</a>" in html
    assert ">Kazakhstan</a>" in html


def test_the_language_cookie_chooses_russian(client, campaign):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"

    html = client.get(campaign.get_absolute_url()).content.decode()

    assert '<html lang="ru">' in html
    assert "Присоединить свой голос" in html


def test_case_and_partner_pages_in_russian(client):
    case = factories.LitigationCaseFactory(title="Abdullaev v. Kazakhstan")
    partner = factories.PartnerFactory(name="Kazakhstan Bureau", slug="kazakhstan-bureau")
    partner.countries.add(factories.country("KZ"))

    case_html = client.get(case.get_absolute_url(), **RUSSIAN).content.decode()
    partner_html = client.get(partner.get_absolute_url(), **RUSSIAN).content.decode()

    assert "Государства-ответчики" in case_html
    assert "Казахстан" in case_html
    assert "Страны работы" in partner_html
    assert "Казахстан" in partner_html


def test_the_not_found_page_in_russian(client):
    response = client.get("/no-such-page/", **RUSSIAN)

    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()


def test_the_switcher_offers_the_other_language(client, campaign):
    english = client.get("/").content.decode()
    russian = client.get("/", **RUSSIAN).content.decode()

    assert f'action="{reverse("set_language")}"' in english
    assert 'name="next" value="/"' in english
    assert 'name="language" value="ru" lang="ru">Русский</button>' in english
    assert 'value="en"' not in english.split('class="language-switcher"')[1].split("</form>")[0]
    assert 'name="language" value="en" lang="en">English</button>' in russian


def test_switching_to_russian_and_back(client, campaign):
    response = client.post(
        reverse("set_language"), {"language": "ru", "next": campaign.get_absolute_url()}
    )

    assert response.status_code == 302
    assert response["Location"] == campaign.get_absolute_url()
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
    assert "Присоединить свой голос" in client.get(response["Location"]).content.decode()

    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Latest articles" in client.get("/").content.decode()


def test_switching_refuses_an_unknown_language_and_a_foreign_next(client):
    response = client.post(
        reverse("set_language"), {"language": "xx", "next": "https://evil.example/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert settings.LANGUAGE_COOKIE_NAME not in client.cookies


def test_pages_name_their_language_alternates(client, campaign):
    html = client.get(campaign.get_absolute_url()).content.decode()
    url = f"http://testserver{campaign.get_absolute_url()}"

    assert f'<link rel="alternate" hreflang="en" href="{url}">' in html
    assert f'<link rel="alternate" hreflang="ru" href="{url}">' in html
    assert f'<link rel="alternate" hreflang="x-default" href="{url}">' in html


def test_the_confirmation_email_is_in_the_signers_language(
    client, campaign, django_capture_on_commit_callbacks
):
    data = {"name": "Дана", "email": "dana@example.org", "consent": "on"}

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("articles:sign", args=[campaign.slug]), data, **RUSSIAN)

    [message] = mail.outbox
    assert message.subject == "Подтвердите свой голос: Torture in Kazakhstan"
    assert "Здравствуйте, Дана!" in message.body
    assert "в течение 7 дней" in message.body


def test_the_signature_pages_in_russian(client, campaign):
    html = client.get(
        reverse("articles:signature-sent", args=[campaign.slug]), **RUSSIAN
    ).content.decode()

    assert "Проверьте почту" in html
    assert "Ссылка действует 7 дней." in html
