"""The Russian interface: public pages under /ru/, elsewhere the cookie or browser; names too."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from coalition.models import Country
from tests import factories
from tests.conftest import FROM_OUR_PAGE

pytestmark = pytest.mark.django_db

RUSSIAN = {"HTTP_ACCEPT_LANGUAGE": "ru"}


def in_russian(path):
    """The Russian address of a public page."""
    return f"/ru{path}"


@pytest.fixture
def torture_topic(db):
    return factories.TopicFactory(
        name="Torture", translations={"ru": {"name": "Пытки"}}, slug="torture"
    )


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


@pytest.fixture
def russian_campaign(campaign, torture_topic):
    """The campaign's published Russian translation: its own article at its own address."""
    article = factories.ArticleFactory(
        title="Пытки в Казахстане",
        slug="pytki-v-kazakhstane",
        language="ru",
        translation_of=campaign,
        cta_enabled=True,
        cta_prompt="Призовите Казахстан расследовать.",
    )
    article.topics.add(torture_topic)
    article.countries.add(factories.country("KZ"))
    return article


def test_every_country_has_a_russian_name():
    assert not Country.objects.filter(translations__ru__name__isnull=True).exists()
    assert factories.country("KZ").in_language("ru").name == "Казахстан"
    assert factories.country("DE").in_language("ru").name == "Германия"
    assert factories.country("XK").in_language("ru").name == "Косово"


def test_the_russian_home_page_lives_under_ru(client, campaign):
    html = client.get("/ru/").content.decode()

    assert '<html lang="ru">' in html
    assert "Перейти к основному содержанию" in html
    assert "Последние статьи" in html
    assert '<a href="/ru/articles/">Статьи</a>' in html
    assert "Skip to main content" not in html


def test_the_unprefixed_home_page_is_english_even_for_a_russian_browser(client, campaign):
    response = client.get("/", **RUSSIAN)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Latest articles" in html
    assert "Последние статьи" not in html


def test_the_home_page_stays_english_by_default(client, campaign):
    html = client.get("/").content.decode()

    assert '<html lang="en">' in html
    assert "Latest articles" in html
    assert "Последние статьи" not in html


def test_the_article_page_in_russian_names_topics_and_countries_in_russian(
    client, russian_campaign
):
    html = client.get(russian_campaign.get_absolute_url()).content.decode()

    assert '<html lang="ru">' in html
    assert '<h2 id="add-your-voice-heading">Присоединить свой голос</h2>' in html
    assert "Ваше имя" in html
    assert "Оставьте это поле пустым" in html
    assert "0 человек присоединили свой голос." in html
    assert ">Пытки</a>" in html
    assert ">Казахстан</a>" in html
    assert ">Torture</a>" not in html
    assert f'action="/ru/articles/{russian_campaign.slug}/voice/#add-your-voice"' in html
    assert '<a href="/ru/articles/" aria-current="page">Статьи</a>' in html


def test_russian_plurals_follow_russian_rules(client, russian_campaign):
    factories.SignatureFactory.create_batch(3, article=russian_campaign)

    html = client.get(russian_campaign.get_absolute_url()).content.decode()

    assert "3 человека присоединили свой голос." in html


def test_english_readers_keep_english_names(client, campaign):
    html = client.get(campaign.get_absolute_url()).content.decode()

    assert ">Torture</a>" in html
    assert ">Kazakhstan</a>" in html


def test_the_language_cookie_does_not_change_an_english_address(client, campaign):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"

    html = client.get(campaign.get_absolute_url()).content.decode()

    assert '<html lang="en">' in html
    assert "Add your voice" in html


def test_the_language_cookie_chooses_russian_outside_the_public_pages(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"

    portal = client.get("/portal/")
    admin_login = client.get("/admin/login/")

    # The portal sends its reader to the login page in their language.
    assert portal.status_code == 302
    assert portal["Location"].startswith("/ru/accounts/login/?next=/portal/")
    assert '<html lang="ru"' in admin_login.content.decode()


def test_the_browser_chooses_russian_outside_the_public_pages(client):
    html = client.get("/admin/login/", **RUSSIAN).content.decode()

    assert '<html lang="ru"' in html
    assert "Войти" in html


def test_the_admin_has_no_russian_address(client, admin_client):
    assert client.get("/ru/admin/").status_code == 404
    assert admin_client.get("/ru/admin/").status_code == 404
    assert client.get("/ru/portal/").status_code == 404
    assert client.get("/ru/sitemap.xml").status_code == 404


def test_case_and_partner_pages_in_russian(client):
    case = factories.LitigationCaseFactory(title="Abdullaev v. Kazakhstan")
    partner = factories.PartnerFactory(name="Kazakhstan Bureau", slug="kazakhstan-bureau")
    partner.countries.add(factories.country("KZ"))
    case_url, partner_url = case.get_absolute_url(), partner.get_absolute_url()

    case_html = client.get(in_russian(case_url)).content.decode()
    partner_html = client.get(in_russian(partner_url)).content.decode()

    assert "Государства-ответчики" in case_html
    assert "Казахстан" in case_html
    assert "Страны работы" in partner_html
    assert "Казахстан" in partner_html


def test_an_unknown_russian_address_is_not_found_in_russian(client):
    response = client.get("/ru/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="ru">' in html
    assert "Страница не найдена" in html
    assert 'hreflang="' not in html


def test_an_unknown_address_is_not_found_in_the_browsers_language(client):
    response = client.get("/no-such-page/", **RUSSIAN)

    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()


def test_the_switcher_links_to_the_same_page_in_the_other_language(client, campaign):
    english = client.get("/articles/?topic=torture").content.decode()
    russian = client.get("/ru/").content.decode()

    switcher = english.split('class="language-switcher"')[1].split("</nav>")[0]
    assert '<a href="/ru/articles/?topic=torture" hreflang="ru" lang="ru">Русский</a>' in switcher
    assert 'hreflang="en"' not in switcher
    assert '<a href="/" hreflang="en" lang="en">English</a>' in russian
    # A link, not a form: public pages carry no CSRF token and can be cached for everyone.
    assert "csrfmiddlewaretoken" not in english


def test_pages_without_language_addresses_switch_with_a_form(client):
    html = client.get("/no-such-page/").content.decode()

    assert f'action="{reverse("set_language")}"' in html
    assert 'name="next" value="/no-such-page/"' in html
    assert 'name="language" value="ru" lang="ru">Русский</button>' in html


def test_switching_to_russian_and_back_lands_on_the_translation(client, russian_campaign):
    english_url = russian_campaign.translation_of.get_absolute_url()
    russian_url = russian_campaign.get_absolute_url()

    response = client.post(reverse("set_language"), {"language": "ru", "next": english_url})

    assert response.status_code == 302
    # The English address under /ru/, which answers with the Russian translation's.
    assert client.get(response["Location"])["Location"] == russian_url
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
    assert "Присоединить свой голос" in client.get(russian_url).content.decode()

    response = client.post(reverse("set_language"), {"language": "en", "next": russian_url})

    assert client.get(response["Location"])["Location"] == english_url
    assert "Add your voice" in client.get(english_url).content.decode()


def test_switching_keeps_the_query_string(client):
    response = client.post(
        reverse("set_language"), {"language": "ru", "next": "/articles/?topic=torture&page=2"}
    )

    assert response["Location"] == "/ru/articles/?topic=torture&page=2"


def test_switching_on_a_page_without_language_addresses_stays_there(client):
    response = client.post(reverse("set_language"), {"language": "ru", "next": "/portal/"})

    assert response["Location"] == "/portal/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"


def test_switching_refuses_an_unknown_language_and_a_foreign_next(client):
    response = client.post(
        reverse("set_language"), {"language": "xx", "next": "https://evil.example/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert settings.LANGUAGE_COOKIE_NAME not in client.cookies


def alternates(html):
    """The page's hreflang links as {hreflang: href}."""
    found = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)
    return dict(found)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_an_article_names_its_address_in_each_language(client, russian_campaign, language):
    campaign = russian_campaign.translation_of
    shown = campaign if language == "en" else russian_campaign
    html = client.get(shown.get_absolute_url()).content.decode()
    english = f"http://testserver/articles/{campaign.slug}/"
    russian = f"http://testserver/ru/articles/{russian_campaign.slug}/"

    assert alternates(html) == {"en": english, "ru": russian, "x-default": english}


def test_an_untranslated_article_names_no_other_address(client, campaign):
    html = client.get(campaign.get_absolute_url()).content.decode()

    assert alternates(html) == {}


def test_the_russian_article_is_its_own_canonical_page(client, russian_campaign):
    html = client.get(russian_campaign.get_absolute_url()).content.decode()
    russian = f"http://testserver/ru/articles/{russian_campaign.slug}/"

    assert f'<link rel="canonical" href="{russian}">' in html
    assert f'<meta property="og:url" content="{russian}">' in html


def test_the_english_article_keeps_its_canonical_page(client, campaign):
    url = f"http://testserver/articles/{campaign.slug}/"

    html = client.get(campaign.get_absolute_url()).content.decode()

    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html


@pytest.mark.parametrize("kind", ["case", "partner", "home"])
def test_russian_pages_are_their_own_canonical_pages(client, kind):
    path = {
        "case": lambda: factories.LitigationCaseFactory().get_absolute_url(),
        "partner": lambda: factories.PartnerFactory().get_absolute_url(),
        "home": lambda: "/",
    }[kind]()

    html = client.get(in_russian(path)).content.decode()

    assert f'<link rel="canonical" href="http://testserver/ru{path}">' in html
    assert alternates(html)["ru"] == f"http://testserver/ru{path}"
    assert alternates(html)["en"] == f"http://testserver{path}"


def test_a_list_names_its_alternates_with_its_filters(client, campaign):
    html = client.get("/articles/?topic=torture").content.decode()

    assert alternates(html) == {
        "en": "http://testserver/articles/?topic=torture",
        "ru": "http://testserver/ru/articles/?topic=torture",
        "kk": "http://testserver/kk/articles/?topic=torture",
        "x-default": "http://testserver/articles/?topic=torture",
    }


def test_pages_without_language_addresses_name_no_alternates(client):
    html = client.get("/no-such-page/").content.decode()

    assert alternates(html) == {}


def test_the_confirmation_email_is_in_the_signers_language(
    client, campaign, django_capture_on_commit_callbacks
):
    data = {"name": "Дана", "email": "dana@example.org", "consent": "on"}

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/ru/articles/{campaign.slug}/voice/", data, **FROM_OUR_PAGE)

    [message] = mail.outbox
    assert message.subject == "Подтвердите свой голос: Torture in Kazakhstan"
    assert "Здравствуйте, Дана!" in message.body
    assert "в течение 7 дней" in message.body
    # Its links open the confirmation and withdrawal pages in Russian too.
    assert "/ru/articles/voice/confirm/" in message.body
    assert "/ru/articles/voice/withdraw/" in message.body


def test_the_signature_pages_in_russian(client, campaign):
    html = client.get(f"/ru/articles/{campaign.slug}/voice/sent/").content.decode()

    assert "Проверьте почту" in html
    assert "Ссылка действует 7 дней." in html
