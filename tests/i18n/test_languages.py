"""The interface's languages come from one setting: the switcher, the addresses and the
catalogues follow it."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command

from coalition.languages import catalogue_languages
from tests import factories

pytestmark = pytest.mark.django_db


def test_english_russian_and_kazakh_by_default():
    assert [code for code, _ in settings.LANGUAGES] == ["en", "ru", "kk"]
    assert catalogue_languages() == ["ru", "kk"]


def test_the_command_names_the_languages_make_messages_builds(capsys):
    call_command("catalogue_languages")

    assert capsys.readouterr().out.split() == ["ru", "kk"]


def test_the_switcher_offers_every_other_configured_language(client):
    html = client.get("/").content.decode()

    assert '<a href="/ru/" hreflang="ru" lang="ru">Русский</a>' in html
    assert '<a href="/kk/" hreflang="kk" lang="kk">Қазақ</a>' in html


def test_the_kazakh_interface_lives_under_kk(client):
    html = client.get("/kk/articles/").content.decode()

    assert '<html lang="kk">' in html
    assert ">Мақалалар</a>" in html
    assert '<a href="/articles/" hreflang="en" lang="en">English</a>' in html


def settings_error(**environment):
    """What importing the settings with these variables prints to standard error."""
    result = subprocess.run(  # noqa: S603 (our own interpreter and module)
        [sys.executable, "-c", "import coalition.settings"],
        env={**os.environ, **environment},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode, result.stderr.strip().splitlines()[-1] if result.stderr else ""


def test_a_language_django_does_not_know_is_refused():
    code, error = settings_error(LANGUAGES="en,ru,xx")

    assert code != 0
    assert "LANGUAGES: Django knows no language xx." in error


def test_the_default_language_must_be_configured():
    code, error = settings_error(LANGUAGES="en,kk", LANGUAGE_CODE="ru")

    assert code != 0
    assert "LANGUAGE_CODE ru is not one of LANGUAGES." in error


def test_a_configured_list_is_read():
    code, error = settings_error(LANGUAGES="en,kk")

    assert (code, error) == (0, "")


def test_the_country_list_speaks_the_language_of_each_page_whichever_came_first(client):
    # An article's page is in its own language: one article in each.
    paths = {
        code: factories.ArticleFactory(
            language=code, cta_enabled=True, cta_prompt="Call on them."
        ).get_absolute_url()
        for code in ("en", "ru", "kk")
    }

    english = client.get(paths["en"]).content.decode()
    russian = client.get(paths["ru"]).content.decode()
    kazakh = client.get(paths["kk"]).content.decode()

    assert '<option value="" selected>Prefer not to say</option>' in english
    assert '<option value="" selected>Предпочитаю не указывать</option>' in russian
    assert '<option value="" selected>Айтпағым келеді</option>' in kazakh
