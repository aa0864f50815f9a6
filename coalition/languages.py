"""The interface's languages (settings.LANGUAGES) and which of them need a catalogue."""

from django.conf import settings

# The language the code and templates are written in: it needs no catalogue.
SOURCE_LANGUAGE = "en"


def catalogue_languages():
    """The codes of the configured languages that are translated from the source strings."""
    return [code for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE]
