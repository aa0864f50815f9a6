"""Write the demo content to the database; running it again updates, never duplicates.

Every object is found by a natural key (a slug, a name, a case and a title) and then given
the demo values, so a second run resets demo objects that someone edited.
"""

import datetime
import functools
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation

from articles import workflow
from articles.models import Article, ArticleLink, Signature
from coalition.cases.models import (
    CaseDocument,
    CaseEvent,
    CasePartner,
    Forum,
    LitigationCase,
    Proceeding,
)
from coalition.library.models import Image
from coalition.models import Country, Topic
from partners.models import Partner

from . import content
from .accounts import create_demo_accounts
from .files import hero_png, one_page_pdf

PAGE_LINK = re.compile(r"\{(case|partner):([a-z0-9-]+)\}")


def put(model, keys, values, prepare=None):
    """Find `model` by `keys` or make it, give it `values` and save it in full.

    Unlike update_or_create, a full save() also refreshes what the model's save() derives,
    such as the HTML rendered from Markdown. `prepare(obj)` runs just before the save.
    """
    obj = model.objects.filter(**keys).first() or model(**keys)
    for name, value in values.items():
        setattr(obj, name, value)
    if prepare is not None:
        prepare(obj)
    obj.save()
    return obj


def has_stored_file(obj, field_name):
    """True when `obj` exists and its file field points at a file that is really stored."""
    file = getattr(obj, field_name, None)
    return bool(file) and file.storage.exists(file.name)


@dataclass
class DemoLoader:
    """Loads the content in dependency order, remembering what it made by natural key."""

    create_accounts: bool
    now: datetime.datetime = field(default_factory=timezone.now)
    users: dict = field(default_factory=dict)
    topics: dict = field(default_factory=dict)
    countries: dict = field(default_factory=dict)
    partners: dict = field(default_factory=dict)
    forums: dict = field(default_factory=dict)
    cases: dict = field(default_factory=dict)
    articles: dict = field(default_factory=dict)

    def load(self):
        with transaction.atomic():
            self.countries = Country.objects.in_bulk(field_name="code")
            self.load_topics()
            self.load_partners()
            self.load_forums()
            self.load_cases()
            if self.create_accounts:
                self.users = create_demo_accounts()
            self.load_articles()
            self.load_translations()
            self.load_case_events()

    def load_topics(self):
        for data in content.TOPICS:
            self.topics[data["slug"]] = put(
                Topic,
                {"slug": data["slug"]},
                {name: data[name] for name in ("name", "translations", "description")},
            )

    def load_partners(self):
        for data in content.PARTNERS:
            partner = put(
                Partner,
                {"slug": data["slug"]},
                {
                    name: data[name]
                    for name in (
                        "name",
                        "short_name",
                        "summary",
                        "description",
                        "website",
                        "public_email",
                        "member_since",
                        "is_active",
                    )
                }
                | {"translations": content.PARTNER_TRANSLATIONS.get(data["slug"], {})},
            )
            partner.countries.set(self.countries[code] for code in data["countries"])
            partner.topics.set(self.topics[slug] for slug in data["topics"])
            self.partners[data["slug"]] = partner

    def load_forums(self):
        for data in content.FORUMS:
            self.forums[data["slug"]] = put(
                Forum,
                {"slug": data["slug"]},
                {
                    "name": data["name"],
                    "short_name": data["short_name"],
                    "kind": data["kind"],
                    "country": self.countries.get(data["country"]),
                },
            )

    def load_cases(self):
        for data in content.CASES:
            case = put(
                LitigationCase,
                {"slug": data["slug"]},
                {
                    name: data[name]
                    for name in (
                        "title",
                        "short_title",
                        "summary",
                        "facts",
                        "strategic_aim",
                        "status",
                        "implementation_status",
                        "status_changed_on",
                        "rights_at_issue",
                        "is_public",
                    )
                }
                | {"translations": content.CASE_TRANSLATIONS.get(data["slug"], {})},
            )
            if case.status_changed_on != data["status_changed_on"]:
                # save() stamps today when someone changed the status; the demo keeps its dates.
                LitigationCase.objects.filter(pk=case.pk).update(
                    status_changed_on=data["status_changed_on"]
                )
            case.respondent_states.set(self.countries[code] for code in data["respondent_states"])
            case.topics.set(self.topics[slug] for slug in data["topics"])
            self.cases[data["slug"]] = case
            self.load_proceedings(case, data["proceedings"])
            for partner_slug, role, is_public in data["partners"]:
                put(
                    CasePartner,
                    {"case": case, "partner": self.partners[partner_slug], "role": role},
                    {"is_public": is_public},
                )
            records = content.RECORD_TRANSLATIONS.get(data["slug"], {})
            for document in data["documents"]:
                self.load_document(case, document, records.get(document["title"], {}))

    def load_proceedings(self, case, proceedings):
        by_number = {}
        for data in proceedings:
            by_number[data["number"]] = put(
                Proceeding,
                {"case": case, "forum": self.forums[data["forum"]], "number": data["number"]},
                {
                    "lodged_on": data.get("lodged_on"),
                    "communicated_on": data.get("communicated_on"),
                    "decided_on": data.get("decided_on"),
                    "outcome": data.get("outcome", ""),
                    "parent": by_number.get(data.get("parent")),
                },
            )

    def load_document(self, case, data, translations):
        keys = {"case": case, "title": data["title"]}
        values = {
            "translations": translations,
            "kind": data["kind"],
            "date": data["date"],
            "language": data["language"],
            "external_url": data.get("external_url", ""),
            "visibility": data["visibility"],
        }
        upload = data.get("file")
        if upload and not has_stored_file(CaseDocument.objects.filter(**keys).first(), "file"):
            if "lines" in upload:
                body = one_page_pdf(upload["lines"])
            else:
                body = upload["text"].encode()
            values["file"] = ContentFile(body, name=upload["name"])
            values["checksum"] = ""
        put(CaseDocument, keys, values)

    def load_articles(self):
        for data in content.ARTICLES:
            self.load_article(data)

    def load_article(self, data, **more):
        keys = {"slug": data["slug"]}
        values = {**self.article_values(data), **more}
        if "hero" in data:
            values["hero"] = self.load_hero(data, more.get("translation_of"))
        # The state as its workflow steps would have left it: live and dated if published.
        placed = functools.partial(workflow.place, status=data["status"])
        article = put(Article, keys, values, prepare=placed)
        article.topics.set(self.topics[slug] for slug in data["topics"])
        article.countries.set(self.countries[code] for code in data["countries"])
        article.partners.set(self.partners[slug] for slug in data["partners"])
        article.cases.set(self.cases[slug] for slug in data["cases"])
        for order, (label, url) in enumerate(data.get("links", [])):
            put(ArticleLink, {"article": article, "url": url}, {"label": label, "order": order})
        for signature in data.get("signatures", []):
            self.load_signature(article, signature)
        self.articles[data["slug"]] = article

    def load_translations(self):
        """Each translation as its own article, linked to its source, in the source's state
        and with the source's classification; languages not configured are left out."""
        sources = {data["slug"]: data for data in content.ARTICLES}
        for data in content.ARTICLE_TRANSLATIONS:
            if data["language"] not in dict(settings.LANGUAGES):
                continue
            source, source_data = self.articles[data["source"]], sources[data["source"]]
            merged = {**source_data, **data, "links": data.get("links", []), "signatures": []}
            if "hero" in source_data:
                merged["hero"] = {**source_data["hero"], **data.get("hero", {})}
            with translation.override(data["language"]):
                self.load_article(
                    merged,
                    language=data["language"],
                    translation_of=source,
                    source_version=source.version,
                    source_content_version=source.content_version,
                )

    def article_values(self, data):
        published_at = data.get("published_at")
        publish_at = None
        if "publish_in_days" in data:
            publish_at = self.now + datetime.timedelta(days=data["publish_in_days"])
        values = {
            "title": data["title"],
            "kind": data["kind"],
            "standfirst": data["standfirst"],
            "body": self.link_pages(data["body"]),
            "byline": data["byline"],
            "is_featured": data.get("is_featured", False),
            "cta_enabled": data.get("cta_enabled", False),
            "cta_prompt": data.get("cta_prompt", ""),
            "seo_description": data.get("seo_description", ""),
            "publish_at": publish_at,
            "unpublish_at": None,
            "first_published_at": published_at,
            "last_published_at": published_at,
        }
        # Without demo accounts (DEBUG off) an article keeps whatever author it has.
        if data["author"] in self.users:
            values["author"] = self.users[data["author"]]
        return values

    def load_hero(self, data, source=None):
        """The library image of an article's hero: its source's for a translation, with the
        alt text in the translation's language added."""
        hero = data["hero"]
        if source is not None and source.hero_id:
            image = source.hero
            image.set_translations(data["language"], {"alt": hero["alt"]})
            image.save()
            return image
        keys = {"title": data["title"]}
        values = {"alt": hero["alt"], "credit": hero["credit"], "decorative": False}
        if not has_stored_file(Image.objects.filter(**keys).first(), "file"):
            values["file"] = ContentFile(hero_png(hero["drawing"]), name=hero["name"])
        return put(Image, keys, values)

    def link_pages(self, body):
        """Turn `{case:slug}` and `{partner:slug}` into the URLs of those pages."""

        def url(match):
            kind, slug = match.groups()
            target = self.cases[slug] if kind == "case" else self.partners[slug]
            return target.get_absolute_url()

        return PAGE_LINK.sub(url, body)

    def load_signature(self, article, data):
        put(
            Signature,
            {"article": article, "email": data["email"]},
            {
                "name": data["name"],
                "country": self.countries[data["country"]],
                "message": data["message"],
                "consent": True,
                "confirmed_at": data["confirmed_at"],
            },
        )

    def load_case_events(self):
        for data in content.CASES:
            case = self.cases[data["slug"]]
            documents = {document.title: document for document in case.documents.all()}
            records = content.RECORD_TRANSLATIONS.get(data["slug"], {})
            for event in data["events"]:
                put(
                    CaseEvent,
                    {"case": case, "title": event["title"]},
                    {
                        "date": event["date"],
                        "date_precision": event.get("precision", "day"),
                        "kind": event["kind"],
                        "description": event.get("description", ""),
                        "is_public": event.get("is_public", True),
                        "article": self.articles.get(event.get("article")),
                        "document": documents.get(event.get("document")),
                        "translations": records.get(event["title"], {}),
                    },
                )


def load_demo_content(create_accounts):
    """Load everything in one transaction; demo accounts only when `create_accounts`."""
    loader = DemoLoader(create_accounts=create_accounts)
    loader.load()
    return loader
