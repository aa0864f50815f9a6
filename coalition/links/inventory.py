"""Which external links published content has, and the rows that keep track of them."""

from collections import defaultdict
from html.parser import HTMLParser
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from articles.models import Article, ArticleLink
from coalition.cases.models import LitigationCase
from partners.models import Partner

from .models import LinkCheck, LinkUse

MAX_URL_LENGTH = 2000
OWNERS = list(LinkUse.OWNERS)


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


def published_links(now=None, articles=None):
    """{url: {(kind, id), …}} for the external links the public sees: published articles'
    bodies and "Learn more" lists, public cases' facts and aims, active partners' descriptions
    and websites. `articles` narrows it to those articles' links alone."""
    published = Article.objects.published(now or timezone.now())
    if articles is not None:
        published = published.filter(pk__in=articles)
    own = own_site()
    found = defaultdict(set)

    def add(kind, pk, hrefs):
        for href in hrefs:
            if url := external_url(href, own):
                found[url].add((kind, pk))

    for pk, body_html in published.values_list("pk", "body_html").iterator(chunk_size=200):
        add("article", pk, hrefs_in(body_html))
    learn_more = ArticleLink.objects.filter(article__in=published.values("pk"))
    for pk, href in learn_more.values_list("article_id", "url").iterator():
        add("article", pk, [href])
    if articles is not None:
        return found
    # Cases and partners keep their other languages' text beside the source's: all are public.
    cases = LitigationCase.objects.published().values_list(
        "pk", "facts_html", "strategic_aim_html", "translations"
    )
    for pk, facts_html, aim_html, translations in cases.iterator(chunk_size=200):
        html = [
            facts_html,
            aim_html,
            *translated(translations, "facts_html", "strategic_aim_html"),
        ]
        add("case", pk, [href for text in html for href in hrefs_in(text)])
    partners = Partner.objects.published().values_list(
        "pk", "description_html", "website", "translations"
    )
    for pk, description_html, website, translations in partners.iterator(chunk_size=200):
        html = [description_html, *translated(translations, "description_html")]
        add("partner", pk, [website, *(href for text in html for href in hrefs_in(text))])
    return found


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
def sync(found, articles=None):
    """Make the rows match `found` (from published_links); returns how many URLs were removed.

    With `articles`, only those articles' uses are brought up to date.
    """
    LinkCheck.objects.bulk_create(
        [LinkCheck(url=url) for url in found], ignore_conflicts=True, batch_size=500
    )
    ids = dict(LinkCheck.objects.values_list("url", "pk"))
    wanted = {(ids[url], owner) for url, owners in found.items() for owner in owners}
    uses = LinkUse.objects.all()
    if articles is not None:
        uses = uses.filter(article__in=articles)
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
        # A weekly run and an article's own update may meet.
        ignore_conflicts=True,
    )
    # A URL no published content uses any more is forgotten, with its history.
    removed, _ = LinkCheck.objects.filter(uses__isnull=True).delete()
    return removed
