"""The site's languages (settings.LANGUAGES): content choices, and which need a catalogue."""

from django.conf import settings

# The language the code and templates are written in: it needs no catalogue.
SOURCE_LANGUAGE = "en"


def catalogue_languages():
    """The codes of the configured languages that are translated from the source strings."""
    return [code for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE]


def language_choices():
    """The content languages as model choices, read when asked: a language added to the
    settings needs no migration, and a test's settings count."""
    return list(settings.LANGUAGES)
