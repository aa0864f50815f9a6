"""The committed Russian catalogue holds every string of the code and templates, each translated,
and its compiled file is up to date."""

import ast
import contextlib
import gettext
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

LOCALE = Path(settings.LOCALE_PATHS[0])
PO_FILE = LOCALE / "ru" / "LC_MESSAGES" / "django.po"
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


def plural_forms(path):
    header = path.read_text(encoding="utf-8").split("\n\n")[0]
    return int(re.search(r"nplurals=(\d+)", header).group(1))


@pytest.fixture(scope="module")
def catalogue():
    return read_po(PO_FILE)


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


def test_every_interface_string_has_a_russian_translation(catalogue):
    forms = plural_forms(PO_FILE)
    untranslated = [
        entry.fields["msgid"]
        for entry in catalogue.values()
        if not all(entry.translations)
        or len(entry.translations) != (forms if "msgid_plural" in entry.fields else 1)
    ]
    fuzzy = [entry.fields["msgid"] for entry in catalogue.values() if "fuzzy" in entry.flags]
    assert untranslated == []
    assert fuzzy == []


def test_compiled_catalogue_matches_the_po_file(catalogue):
    with PO_FILE.with_suffix(".mo").open("rb") as compiled_file:
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
