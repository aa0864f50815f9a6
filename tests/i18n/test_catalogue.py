"""The committed Russian catalogue is complete and its compiled file is up to date."""

import ast
import gettext
import re
from pathlib import Path

from django.conf import settings

LOCALE = Path(settings.LOCALE_PATHS[0])
PO_FILE = LOCALE / "ru" / "LC_MESSAGES" / "django.po"


def po_entries():
    """(flags, fields, first msgstr) of each .po entry but the header and obsolete ones."""
    for block in PO_FILE.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        flags = " ".join(line for line in lines if line.startswith("#,"))
        fields, current = {}, None
        for line in lines:
            match = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[0\])?) (".*")$', line)
            if match:
                current = match.group(1)
                fields[current] = ast.literal_eval(match.group(2))
            elif line.startswith('"') and current:
                fields[current] += ast.literal_eval(line)
        if fields.get("msgid"):
            yield flags, fields, fields.get("msgstr", fields.get("msgstr[0]", ""))


def test_every_interface_string_has_a_russian_translation():
    missing = [fields["msgid"] for flags, fields, msgstr in po_entries() if not msgstr]
    fuzzy = [fields["msgid"] for flags, fields, msgstr in po_entries() if "fuzzy" in flags]
    assert missing == []
    assert fuzzy == []


def test_compiled_catalogue_matches_the_po_file():
    compiled = gettext.GNUTranslations((PO_FILE.with_suffix(".mo")).open("rb"))
    for _flags, fields, msgstr in po_entries():
        if "msgid_plural" in fields or "msgctxt" in fields:
            continue
        assert compiled.gettext(fields["msgid"]) == msgstr, fields["msgid"]
