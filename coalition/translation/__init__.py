"""Text fields translated field by field: each row keeps its other languages in one JSON column.

A model lists its `translated_fields`; `translations` holds, per language other than the
site's source language (`LANGUAGE_CODE`), the text of those fields that someone translated:
``{"ru": {"name": "…", "summary": "…"}, "kk": {…}}``. Reading `obj.translated.summary` gives
the text in the active language, or the source text when there is none, together with the
language it is really in (`.lang`), so that templates can mark a fallback with `lang`.

Adding a language is a setting (`LANGUAGES`): no column, no migration. The text is on the row
itself, so a page shows it without another query.
"""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from coalition.markdown import render_markdown

HTML_SUFFIX = "_html"


def base_language(code):
    """'ru' for 'ru', 'ru-ru' or 'RU'."""
    return (code or "").lower().split("-")[0]


def source_language():
    """The language the rows' own fields are written in."""
    return settings.LANGUAGE_CODE


def other_languages():
    """(code, local name) of every configured language but the source language."""
    source = base_language(source_language())
    return [
        (code, translation.get_language_info(code)["name_local"])
        for code, _name in settings.LANGUAGES
        if base_language(code) != source
    ]


def active_language():
    return translation.get_language() or source_language()


def is_active_language(code):
    return base_language(code) == base_language(active_language())


class TranslatedText(str):
    """Text in the language `lang`, which may not be the reader's (a fallback)."""

    lang = ""

    def __new__(cls, text, lang):
        obj = super().__new__(cls, text)
        obj.lang = lang
        return obj

    def __reduce__(self):
        # Kept in the shared cache with the filter choices: pickled with its language.
        return (type(self), (str.__str__(self), self.lang))

    @property
    def is_fallback(self):
        """True when the text is not in the active language."""
        return not is_active_language(self.lang)


class TranslatedHTML(SafeString, TranslatedText):
    """Sanitised HTML (rendered Markdown) in the language `lang`."""


def in_reader_language(*texts):
    """The first of `texts` in the active language, else the first that is not empty."""
    given = [text for text in texts if text]
    in_language = [text for text in given if not getattr(text, "is_fallback", False)]
    return (in_language or given or [""])[0]


def _as_text(text, lang, html):
    return (TranslatedHTML if html else TranslatedText)(text or "", lang)


class TranslatedFields:
    """`obj.translated`: attribute or item access gives each field in the active language."""

    def __init__(self, obj, language=None):
        self._obj = obj
        self._language = language

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return self._obj.translation(name, self._language)

    def __getitem__(self, name):
        try:
            return self._obj.translation(name, self._language)
        except AttributeError as error:
            raise KeyError(name) from error


class TranslatableModel(models.Model):
    """A model some of whose text fields are translated; see the module's docstring.

    A translated Markdown field `x` with a rendered `x_html` field gets its translations
    rendered on save too, kept as `x_html` beside `x` in each language.
    """

    translated_fields = ()

    translations = models.JSONField(_("translations"), default=dict, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.render_translations()
        super().save(*args, **kwargs)

    @property
    def translated(self):
        """The translated fields in the active language: `obj.translated.summary`."""
        return TranslatedFields(self)

    def in_language(self, language):
        """The translated fields in `language`: `obj.in_language("ru").summary`."""
        return TranslatedFields(self, language)

    def translation(self, name, language=None):
        """Field `name` (or its rendered `name_html`) in `language`, else in the source."""
        field = name.removesuffix(HTML_SUFFIX)
        if field not in self.translated_fields:
            raise AttributeError(f"{type(self).__name__}.{name} is not translated.")
        html = name.endswith(HTML_SUFFIX)
        language = base_language(language or active_language())
        if language != base_language(source_language()):
            text = (self.translations or {}).get(language, {}).get(name)
            if text:
                return _as_text(text, language, html)
        return _as_text(getattr(self, name), source_language(), html)

    def own_translation(self, language, name):
        """What was translated of field `name` into `language`; "" when nothing."""
        return (self.translations or {}).get(base_language(language), {}).get(name, "")

    def set_translations(self, language, texts):
        """Store `texts` (field name -> text) in `language`; a blank text removes one."""
        language = base_language(language)
        stored = {key: dict(value) for key, value in (self.translations or {}).items()}
        texts_now = stored.setdefault(language, {})
        for name, text in texts.items():
            if name not in self.translated_fields:
                raise ValueError(f"{type(self).__name__}.{name} is not translated.")
            text = (text or "").strip()
            if text:
                texts_now[name] = text
            else:
                texts_now.pop(name, None)
                texts_now.pop(name + HTML_SUFFIX, None)
        self.translations = {key: value for key, value in stored.items() if value}

    def render_translations(self):
        """Render every translated Markdown field's HTML, as the source's is on save."""
        for language, texts in (self.translations or {}).items():
            for name in self.translated_fields:
                if not hasattr(self, name + HTML_SUFFIX):
                    continue
                if texts.get(name):
                    texts[name + HTML_SUFFIX] = render_markdown(texts[name], language=language)
                else:
                    texts.pop(name + HTML_SUFFIX, None)
