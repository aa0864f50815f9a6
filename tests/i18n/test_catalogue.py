"""The committed catalogue of every configured language but English holds every string of the code
and templates, each translated, and its compiled file is up to date."""

import ast
import contextlib
import gettext
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import django
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from coalition.languages import catalogue_languages

LOCALE = Path(settings.LOCALE_PATHS[0])
DJANGO_LOCALE = Path(django.__file__).parent / "conf" / "locale"
# What `make messages` leaves out (the Makefile's MESSAGES_IGNORE), and the catalogue's own
# folder: makemessages would write into any `locale` folder it walks through.
IGNORED = [".venv", "tests", "staticfiles", "media", "private", "node_modules", "build", "mutants"]
# The interface has hundreds of strings; far fewer means the parsing or the extraction failed.
PLAUSIBLE_COUNT = 500


@dataclass
class Entry:
    flags: str
    fields: dict
    translations: list

    @property
    def key(self):
        return self.fields.get("msgctxt"), self.fields["msgid"]


def read_po(path):
    """The entries of a .po file by (context, msgid), the header and obsolete entries left out."""
    entries = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        flags = " ".join(line for line in lines if line.startswith("#,"))
        fields, current = {}, None
        for line in lines:
            match = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) (".*")$', line)
            if match:
                current = match.group(1)
                fields[current] = ast.literal_eval(match.group(2))
            elif line.startswith('"') and current:
                fields[current] += ast.literal_eval(line)
        if fields.get("msgid"):
            translations = [value for name, value in fields.items() if name.startswith("msgstr")]
            entry = Entry(flags, fields, translations)
            entries[entry.key] = entry
    return entries


def plural_header(path):
    """The (nplurals, plural expression) of a .po or .mo file's Plural-Forms header."""
    with path.with_suffix(".mo").open("rb") as compiled_file:
        header = gettext.GNUTranslations(compiled_file).info()["plural-forms"]
    match = re.search(r"nplurals=\s*(\d+);\s*plural=(.+?);?\s*$", header)
    return int(match.group(1)), match.group(2)


def plural_forms(path):
    return plural_header(path)[0]


@pytest.fixture(scope="module", params=catalogue_languages())
def language(request):
    return request.param


@pytest.fixture(scope="module")
def po_file(language):
    return LOCALE / language / "LC_MESSAGES" / "django.po"


@pytest.fixture(scope="module")
def catalogue(po_file):
    assert po_file.exists(), "run `make messages` to create the catalogue of a new language"
    return read_po(po_file)


@pytest.fixture(scope="module")
def source_strings(tmp_path_factory):
    """The strings marked for translation in the code and templates, as makemessages finds them."""
    if shutil.which("xgettext") is None:
        pytest.fail("The catalogue test needs GNU gettext (Debian: apt-get install gettext).")
    locale = tmp_path_factory.mktemp("catalogue") / "locale"
    with (
        override_settings(LOCALE_PATHS=[locale]),
        contextlib.chdir(settings.BASE_DIR),
    ):
        call_command(
            "makemessages",
            locale=["ru"],
            no_location=True,
            ignore_patterns=[*IGNORED, str(LOCALE.relative_to(settings.BASE_DIR))],
            verbosity=0,
        )
    return read_po(locale / "ru" / "LC_MESSAGES" / "django.po")


def test_the_source_and_the_catalogue_hold_hundreds_of_strings(catalogue, source_strings):
    assert len(source_strings) > PLAUSIBLE_COUNT
    assert len(catalogue) > PLAUSIBLE_COUNT


def test_every_string_of_the_code_and_templates_is_in_the_catalogue(catalogue, source_strings):
    missing = [msgid for context, msgid in source_strings if (context, msgid) not in catalogue]
    assert missing == [], "run `make messages` and translate the new strings"


def test_every_interface_string_is_translated(catalogue, po_file):
    forms = plural_forms(po_file)
    untranslated = [
        entry.fields["msgid"]
        for entry in catalogue.values()
        if not all(entry.translations)
        or len(entry.translations) != (forms if "msgid_plural" in entry.fields else 1)
    ]
    fuzzy = [entry.fields["msgid"] for entry in catalogue.values() if "fuzzy" in entry.flags]
    assert untranslated == []
    assert fuzzy == []


def test_plural_forms_are_those_of_djangos_own_catalogue(language, po_file):
    """Plural rules chosen as Django's translators chose them for the language (n = 0..200)."""
    ours, djangos = (
        plural_header(po_file),
        plural_header(DJANGO_LOCALE / po_file.relative_to(LOCALE)),
    )
    assert ours[0] == djangos[0]
    ours_rule, djangos_rule = gettext.c2py(ours[1]), gettext.c2py(djangos[1])
    assert [ours_rule(n) for n in range(201)] == [djangos_rule(n) for n in range(201)]


def test_compiled_catalogue_matches_the_po_file(catalogue, po_file):
    with po_file.with_suffix(".mo").open("rb") as compiled_file:
        compiled = gettext.GNUTranslations(compiled_file)._catalog
    for (context, msgid), entry in catalogue.items():
        if not all(entry.translations):
            continue  # msgfmt leaves it out; the translation test above names it
        key = msgid if context is None else f"{context}\x04{msgid}"
        if "msgid_plural" in entry.fields:
            compiled_forms = [compiled.get((key, n)) for n in range(len(entry.translations))]
            assert compiled_forms == entry.translations, msgid
        else:
            assert compiled.get(key) == entry.translations[0], msgid
