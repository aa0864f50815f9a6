"""Which external links published content has, and the rows that keep track of them."""

import re
from collections import defaultdict
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from articles.models import Article, ArticleLink
from coalition.cases.models import CaseDocument, CaseEvent, LitigationCase
from partners.models import Partner

from .models import OWNERS, LinkCheck, LinkUse

MAX_URL_LENGTH = 2000
# A web address written out in plain text, up to the space, quote or bracket that ends it.
URL_IN_TEXT = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
# Punctuation after an address in a sentence ends the sentence, not the address.
TRAILING = ".,;:!?)]}'\"»”’"


@dataclass(frozen=True)
class Scope:
    """Some objects' links only, by id: articles, partners, or cases with their documents
    and events (the case page shows them all). An empty scope is everything."""

    articles: tuple = ()
    cases: tuple = ()
    partners: tuple = ()

    def __bool__(self):
        return bool(self.articles or self.cases or self.partners)

    def uses(self):
        """The link uses this scope covers, as a filter of LinkUse."""
        where = Q(pk__in=[])
        if self.articles:
            where |= Q(article__in=self.articles)
        if self.cases:
            where |= (
                Q(case__in=self.cases)
                | Q(document__case__in=self.cases)
                | Q(event__case__in=self.cases)
            )
        if self.partners:
            where |= Q(partner__in=self.partners)
        return where


class _Anchors(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)


def hrefs_in(html):
    parser = _Anchors()
    parser.feed(html or "")
    parser.close()
    return parser.hrefs


def own_site():
    """SITE_URL's host name, and its port when it names one."""
    parts = urlsplit(settings.SITE_URL)
    return parts.hostname, parts.port


def external_url(href, own=None):
    """`href` without its fragment when it leads to another site over HTTP(S), else None."""
    own_host, own_port = own or own_site()
    try:
        parts = urlsplit(href.strip())
        host, port = parts.hostname, parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    if host == own_host and (own_port is None or port == own_port):
        return None
    url = urlunsplit(parts._replace(fragment=""))
    return url if len(url) <= MAX_URL_LENGTH else None


def urls_in_text(text):
    """The web addresses written out in plain `text`."""
    return [match.rstrip(TRAILING) for match in URL_IN_TEXT.findall(text or "")]


def published_links(now=None, scope=None):
    """{url: {(kind, id), …}} for the external links the public sees: published articles'
    bodies and "Learn more" lists, public cases' facts and aims, their public documents kept
    on other sites and the addresses in their public events' descriptions, active partners'
    descriptions and websites. A `scope` narrows it to some objects' links."""
    scope = scope or Scope()
    own = own_site()
    found = defaultdict(set)

    def add(kind, pk, hrefs):
        for href in hrefs:
            if url := external_url(href, own):
                found[url].add((kind, pk))

    if not scope or scope.articles:
        published = Article.objects.published(now or timezone.now())
        if scope:
            published = published.filter(pk__in=scope.articles)
        for pk, body_html in published.values_list("pk", "body_html").iterator(chunk_size=200):
            add("article", pk, hrefs_in(body_html))
        learn_more = ArticleLink.objects.filter(article__in=published.values("pk"))
        for pk, href in learn_more.values_list("article_id", "url").iterator():
            add("article", pk, [href])
    if not scope or scope.cases:
        for kind, pk, urls in case_links(scope.cases):
            add(kind, pk, urls)
    if not scope or scope.partners:
        partners = Partner.objects.published()
        if scope:
            partners = partners.filter(pk__in=scope.partners)
        rows = partners.values_list("pk", "description_html", "website", "translations")
        for pk, description_html, website, translations in rows.iterator(chunk_size=200):
            html = [description_html, *translated(translations, "description_html")]
            add("partner", pk, [website, *(href for text in html for href in hrefs_in(text))])
    return found


def case_links(case_ids=()):
    """(kind, id, urls) for public cases (all, or those of `case_ids`) and what their pages
    show with them: public documents, public events."""
    # Cases, documents and events keep their other languages' text beside the source's.
    cases = LitigationCase.objects.published()
    documents = CaseDocument.objects.published()
    events = CaseEvent.objects.published()
    if case_ids:
        cases = cases.filter(pk__in=case_ids)
        documents = documents.filter(case__in=case_ids)
        events = events.filter(case__in=case_ids)
    rows = cases.values_list("pk", "facts_html", "strategic_aim_html", "translations")
    for pk, facts_html, aim_html, translations in rows.iterator(chunk_size=200):
        html = [
            facts_html,
            aim_html,
            *translated(translations, "facts_html", "strategic_aim_html"),
        ]
        yield "case", pk, [href for text in html for href in hrefs_in(text)]
    # A document with a file of ours is downloaded from us; only one kept elsewhere links out.
    kept_elsewhere = documents.filter(file="").exclude(external_url="")
    for pk, url in kept_elsewhere.values_list("pk", "external_url").iterator():
        yield "document", pk, [url]
    # An event's description is plain text: the addresses written in it are what readers copy.
    rows = events.values_list("pk", "description", "translations")
    for pk, description, translations in rows.iterator(chunk_size=200):
        texts = [description, *translated(translations, "description")]
        yield "event", pk, [url for text in texts for url in urls_in_text(text)]


def translated(translations, *fields):
    """The texts of `fields` in every language a row is translated into."""
    return [
        text
        for language in (translations or {}).values()
        if isinstance(language, dict)
        for field in fields
        if isinstance(text := language.get(field), str)
    ]


@transaction.atomic
def sync(found, scope=None):
    """Make the rows match `found` (from published_links); returns how many URLs were removed.

    With a `scope`, only the uses it covers are brought up to date.
    """
    LinkCheck.objects.bulk_create(
        [LinkCheck(url=url) for url in found], ignore_conflicts=True, batch_size=500
    )
    ids = dict(LinkCheck.objects.values_list("url", "pk"))
    wanted = {(ids[url], owner) for url, owners in found.items() for owner in owners}
    uses = LinkUse.objects.all()
    if scope:
        uses = uses.filter(scope.uses())
    current = {(use.link_id, use.owner_key): use.pk for use in uses.only("pk", "link", *OWNERS)}
    stale = [pk for pair, pk in current.items() if pair not in wanted]
    for start in range(0, len(stale), 500):
        LinkUse.objects.filter(pk__in=stale[start : start + 500]).delete()
    LinkUse.objects.bulk_create(
        [
            LinkUse(link_id=link, **{f"{kind}_id": pk})
            for link, (kind, pk) in wanted - current.keys()
        ],
        batch_size=500,
        # A weekly run and an object's own update may meet.
        ignore_conflicts=True,
    )
    # A URL no published content uses any more is forgotten, with its history.
    removed, _ = LinkCheck.objects.filter(uses__isnull=True).delete()
    return removed
