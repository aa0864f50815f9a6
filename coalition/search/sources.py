"""What search finds: for each kind, its published rows, the filters and the text it indexes."""

import html
import re
from dataclasses import dataclass

from django.apps import apps
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from .highlight import MARK_START, MARK_STOP


@dataclass(frozen=True)
class SearchDocument:
    """The text of one object in three parts, weighted in this order."""

    title: str
    summary: str
    body: str
    # The same parts in the languages the object is translated into, for the index only:
    # (language, title, summary, body) each.
    translations: tuple = ()


def plain_text(*parts):
    """Join plain text parts into one string, without highlight markers."""
    text = " ".join(part for part in parts if part)
    text = text.replace(MARK_START, "").replace(MARK_STOP, "")
    return re.sub(r"\s+", " ", text).strip()


def html_text(*parts):
    """The text of rendered (Markdown) HTML parts, without tags or entities."""
    return plain_text(*(html.unescape(strip_tags(part)) for part in parts if part))


def translations_of(obj, title=(), summary=(), body_html=()):
    """(language, title, summary, body) of each language `obj`'s text fields are in."""
    found = []
    for language, texts in sorted((obj.translations or {}).items()):
        parts = (
            plain_text(*(texts.get(name, "") for name in title)),
            plain_text(*(texts.get(name, "") for name in summary)),
            html_text(*(texts.get(name, "") for name in body_html)),
        )
        if any(parts):
            found.append((language, *parts))
    return tuple(found)


class Source:
    """One kind of searchable content; subclasses say which model, fields and filters."""

    kind = ""
    # By label: Django imports this package before any app's models are ready.
    model_label = ""
    label = ""
    # The model fields behind each part of the document, for matching without an index.
    title_fields = ()
    summary_fields = ()
    body_fields = ()
    topic_lookup = "topics"
    country_lookup = ""

    @property
    def model(self):
        return apps.get_model(self.model_label)

    def document(self, obj):
        raise NotImplementedError

    @property
    def indexed_fields(self):
        """Saving with update_fields that name none of these leaves the index as it is."""
        return {*self.title_fields, *self.summary_fields, *self.body_fields}

    # Whether each row is written in one language (its `language`), searched in its own.
    by_language = False

    def language_of(self, obj):
        """The language of `obj`'s text, or None when it has no single one."""
        return obj.language if self.by_language else None

    def published(self, topic=None, country=None, language=None):
        """The rows the public may find, narrowed to a topic and a country; rows in one
        language, to those a reader of `language` finds."""
        rows = self.model.objects.published()
        if self.by_language and language is not None:
            rows = rows.in_language(language)
        if topic is not None:
            rows = rows.filter(**{self.topic_lookup: topic})
        if country is not None:
            rows = rows.filter(**{self.country_lookup: country})
        return rows

    # Which matches are ranked when there are too many to rank them all: the newest.
    candidate_order = ("-pk",)
    # Relations to topics or countries that results show, from the process's vocabulary.
    shown_vocabulary = ()

    def for_display(self, rows):
        """What a search result of this kind shows, in a fixed number of queries."""
        # The vector is most of a row's bytes, and only the ranking reads it.
        return rows.defer("search_vector")

    def fetch(self, rows):
        """The results' objects in one query, their topics or countries without one."""
        from coalition import vocabulary  # models: only once the apps are loaded

        rows = self.for_display(rows)
        if not self.shown_vocabulary:
            return list(rows)
        return vocabulary.attach(
            vocabulary.with_ids(rows, *self.shown_vocabulary), *self.shown_vocabulary
        )


class ArticleSource(Source):
    kind = "article"
    model_label = "articles.Article"
    label = _("Articles")
    title_fields = ("title",)
    summary_fields = ("standfirst",)
    body_fields = ("body",)
    country_lookup = "countries"
    candidate_order = ("-first_published_at", "-pk")
    by_language = True

    def for_display(self, rows):
        # The body's HTML is highlighted; the Markdown and the vector are not needed.
        return rows.defer("body", "search_vector")

    def document(self, article):
        return SearchDocument(
            title=plain_text(article.title),
            summary=plain_text(article.standfirst),
            body=html_text(article.body_html),
        )


class CaseSource(Source):
    kind = "case"
    model_label = "cases.LitigationCase"
    label = _("Cases")
    title_fields = ("title", "short_title")
    summary_fields = ("summary",)
    body_fields = ("facts", "strategic_aim", "rights_at_issue", "translations")
    country_lookup = "respondent_states"

    def document(self, case):
        return SearchDocument(
            title=plain_text(case.title, case.short_title),
            summary=plain_text(case.summary),
            body=plain_text(
                html_text(case.facts_html, case.strategic_aim_html), case.rights_at_issue
            ),
            translations=translations_of(
                case,
                title=("title", "short_title"),
                summary=("summary",),
                body_html=("facts_html", "strategic_aim_html"),
            ),
        )

    shown_vocabulary = ("respondent_states",)


class PartnerSource(Source):
    kind = "partner"
    model_label = "partners.Partner"
    label = _("Partners")
    title_fields = ("name", "short_name")
    summary_fields = ("summary",)
    body_fields = ("description", "translations")
    country_lookup = "countries"

    def document(self, partner):
        return SearchDocument(
            title=plain_text(partner.name, partner.short_name),
            summary=plain_text(partner.summary),
            body=html_text(partner.description_html),
            translations=translations_of(
                partner,
                title=("name", "short_name"),
                summary=("summary",),
                body_html=("description_html",),
            ),
        )

    shown_vocabulary = ("countries",)


SOURCES = {source.kind: source for source in (ArticleSource(), CaseSource(), PartnerSource())}


def source_for_model(model):
    """The source indexing `model`, or None when search does not cover it."""
    for source in SOURCES.values():
        if source.model is model:
            return source
    return None
