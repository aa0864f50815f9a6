"""Names put in a language's alphabetical order, whatever order the database keeps them in.

The database orders rows by their English names (the columns), and by code point where it
compares other text, which puts the Kazakh letters (Ә, Ғ, Қ…) after Я. Lists shown in Russian or
Kazakh are sorted here instead, by each language's alphabet. (The C library's `strxfrm` depends
on the process's locale and on locales installed; ICU is a heavy dependency for three alphabets.)
"""

import unicodedata

from . import active_language, base_language, source_language

# Each letter's place; Ё counts as Е in Russian dictionaries, but is its own letter in Kazakh.
ALPHABETS = {
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "kk": "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
}
SAME_LETTER = {"ru": {"ё": "е"}}

# Spaces and punctuation first, then digits, then Latin letters, then the language's alphabet,
# then any other letter: as the Unicode collation algorithm's defaults order the groups.
PUNCTUATION, DIGIT, LATIN, ALPHABET, OTHER = range(5)


def _places(language):
    alphabet = ALPHABETS.get(language, "")
    places = {letter: position for position, letter in enumerate(alphabet)}
    for letter, same in SAME_LETTER.get(language, {}).items():
        places[letter] = places[same]
    return places


_PLACES = {language: _places(language) for language in ALPHABETS}


def sort_key(text, language=None):
    """A key ordering `text` as the dictionaries of `language` (by default the active one) do.

    Case and accents decide only between names otherwise equal.
    """
    places = _PLACES.get(base_language(language or active_language()), {})
    folded = unicodedata.normalize("NFC", str(text)).casefold()
    letters = []
    for char in folded:
        if char in places:
            letters.append((ALPHABET, places[char]))
        elif char.isdigit():
            letters.append((DIGIT, ord(char)))
        elif "a" <= char <= "z":
            letters.append((LATIN, ord(char)))
        elif char.isalpha():
            # An accented Latin letter sorts with its base letter.
            base = unicodedata.normalize("NFD", char)[0]
            group = LATIN if "a" <= base <= "z" else OTHER
            letters.append((group, ord(base)))
        else:
            letters.append((PUNCTUATION, ord(char)))
    return (letters, folded, str(text))


def in_alphabetical_order(objects, name=str, language=None):
    """`objects` sorted by `name(obj)` in `language`'s alphabetical order (a new list)."""
    language = language or active_language()
    return sorted(objects, key=lambda obj: sort_key(name(obj), language))


def translated_ordering(model, ordering):
    """The translated field that `ordering` (a list of names) sorts `model` by first, or None."""
    first = next(iter(ordering or model._meta.ordering or ()), "")
    first = first if isinstance(first, str) else ""
    return first if first in getattr(model, "translated_fields", ()) else None


def in_reader_order(objects, model, ordering=None, language=None):
    """`objects` of `model`, read in `ordering` (by default the model's), in the order the
    reader expects: when that ordering is by a translated name and the language is not the
    source's, sorted by the name in that language; else as they came."""
    language = language or active_language()
    name = translated_ordering(model, ordering)
    if name is None or base_language(language) == base_language(source_language()):
        return list(objects)
    return in_alphabetical_order(
        objects, lambda obj: obj.translation(name, language), language=language
    )
