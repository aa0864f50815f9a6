"""A large coalition for benchmarks: tens of thousands of articles written in bulk.

Everything made here has a slug or address starting with `bench-`, so a second run counts what
is there and adds only what is missing: running it again with the same sizes does nothing, and
a larger size tops the data set up.
"""

import datetime
import random
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from articles.models import Article, Signature
from coalition import vocabulary
from coalition.cases.models import CaseEvent, CasePartner, Forum, LitigationCase, Proceeding
from coalition.markdown import render_markdown
from coalition.models import Country, Topic
from coalition.search.backends import SQLITE_TABLE, has_fts_table
from partners.models import Partner

PREFIX = "bench-"
BATCH = 2000

WORDS = (
    "detention custody lawyer court appeal hearing judgment prison monitor report visit "
    "complaint investigation prosecutor witness evidence journalist protest assembly freedom "
    "expression religion belief association election observer media press blogger activist "
    "defender family release sentence charge trial appeal remedy redress compensation"
).split()
# Words that appear in some articles only, for searches that find a few.
RARE_WORDS = ["ombudsperson", "habeas", "extradition", "refoulement", "incommunicado"]


@dataclass
class Sizes:
    articles: int = 10_000
    cases: int = 2_000
    partners: int = 300
    signatures: int = 200_000


def sentence(rng, words=12):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def bodies(rng, count=40):
    """A pool of Markdown bodies with their HTML, rendered once: rendering 100,000 is slow."""
    pool = []
    for number in range(count):
        paragraphs = [
            " ".join(sentence(rng, rng.randint(8, 18)) for _ in range(5)) for _ in range(6)
        ]
        # Most articles speak of torture: a common word for the search benchmark.
        if number % 7:
            paragraphs[1] += " Allegations of torture and ill-treatment were not investigated."
        paragraphs.insert(3, f"## {sentence(rng, 4)[:-1]}")
        body = "\n\n".join(paragraphs)
        pool.append((body, render_markdown(body)))
    return pool


def existing(model, **lookup):
    """How many bench objects of `model` exist."""
    return model.objects.filter(**lookup).count()


class BenchDataBuilder:
    """Tops the bench data up to `sizes`, in bulk; `report(message)` hears of each step."""

    def __init__(self, sizes, report=print, seed=2026):
        self.sizes = sizes
        self.report = report
        self.rng = random.Random(seed)  # noqa: S311 - test data, not secrets
        self.now = timezone.now()

    def build(self):
        made = {}
        with transaction.atomic():
            self.topics = self.ensure_topics()
            self.countries = list(Country.objects.values_list("pk", flat=True))
            self.forums = self.ensure_forums()
            made["partners"] = self.add_partners()
        with transaction.atomic():
            made["cases"] = self.add_cases()
        made["articles"] = self.add_articles()
        made["signatures"] = self.add_signatures()
        if any(made.values()):
            # Fresh statistics: planned with the empty tables' guesses, the related-articles
            # query read thousands of rows (140 ms) instead of walking the index (0.1 ms).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        return made

    # Vocabulary and forums: a few of each, made once.

    def ensure_topics(self):
        topics = list(Topic.objects.values_list("pk", flat=True))
        missing = 12 - len(topics)
        if missing > 0:
            Topic.objects.bulk_create(
                Topic(name=f"Bench topic {n}", slug=f"{PREFIX}topic-{n}")
                for n in range(len(topics), len(topics) + missing)
            )
            topics = list(Topic.objects.values_list("pk", flat=True))
            vocabulary.forget()  # bulk_create sends no signal
        return topics

    def ensure_forums(self):
        for n in range(4):
            Forum.objects.get_or_create(
                slug=f"{PREFIX}forum-{n}",
                defaults={"name": f"Bench forum {n}", "kind": Forum.Kind.REGIONAL_COURT},
            )
        return list(Forum.objects.values_list("pk", flat=True))

    def sample(self, population, low, high):
        return self.rng.sample(population, min(len(population), self.rng.randint(low, high)))

    def link(self, through, left, right, pairs):
        """Bulk-create the rows of an M2M `through` table from (left id, right id) pairs."""
        through.objects.bulk_create(
            (through(**{f"{left}_id": a, f"{right}_id": b}) for a, b in pairs),
            batch_size=BATCH,
        )

    # Partners and cases.

    def add_partners(self):
        have = existing(Partner, slug__startswith=PREFIX)
        wanted = self.sizes.partners
        if have >= wanted:
            return 0
        Partner.objects.bulk_create(
            Partner(
                name=f"Bench partner {n:04d}",
                slug=f"{PREFIX}partner-{n:04d}",
                summary=sentence(self.rng, 14),
                description=(text := " ".join(sentence(self.rng) for _ in range(8))),
                description_html=f"<p>{text}</p>",
                is_active=n % 20 != 0,
            )
            for n in range(have, wanted)
        )
        new = Partner.objects.filter(slug__startswith=PREFIX).order_by("pk")[have:]
        ids = list(new.values_list("pk", flat=True))
        self.link(
            Partner.countries.through,
            "partner",
            "country",
            [(p, c) for p in ids for c in self.sample(self.countries, 1, 3)],
        )
        self.link(
            Partner.topics.through,
            "partner",
            "topic",
            [(p, t) for p in ids for t in self.sample(self.topics, 1, 3)],
        )
        self.report(f"partners: {len(ids)} added")
        return len(ids)

    def add_cases(self):
        have = existing(LitigationCase, slug__startswith=PREFIX)
        wanted = self.sizes.cases
        if have >= wanted:
            return 0
        statuses = [value for value, _label in LitigationCase.Status.choices]
        today = self.now.date()
        LitigationCase.objects.bulk_create(
            (
                LitigationCase(
                    title=f"Bench applicant {n} v. State",
                    short_title=f"Bench {n} v. State",
                    slug=f"{PREFIX}case-{n:05d}",
                    summary=sentence(self.rng, 24),
                    facts=(facts := " ".join(sentence(self.rng) for _ in range(10))),
                    facts_html=f"<p>{facts}</p>",
                    status=statuses[n % len(statuses)],
                    status_changed_on=today - datetime.timedelta(days=n % 3000),
                    rights_at_issue="Prohibition of torture (Article 3 ECHR)",
                    is_public=n % 10 != 0,
                )
                for n in range(have, wanted)
            ),
            batch_size=BATCH,
        )
        ids = list(
            LitigationCase.objects.filter(slug__startswith=PREFIX)
            .order_by("pk")
            .values_list("pk", flat=True)[have:]
        )
        partners = list(Partner.objects.values_list("pk", flat=True))
        through = LitigationCase.respondent_states.through
        self.link(
            through,
            "litigationcase",
            "country",
            [(c, s) for c in ids for s in self.sample(self.countries, 1, 2)],
        )
        self.link(
            LitigationCase.topics.through,
            "litigationcase",
            "topic",
            [(c, t) for c in ids for t in self.sample(self.topics, 1, 2)],
        )
        Proceeding.objects.bulk_create(
            (
                Proceeding(case_id=c, forum_id=self.rng.choice(self.forums), number=f"{c}/20")
                for c in ids
            ),
            batch_size=BATCH,
        )
        CasePartner.objects.bulk_create(
            (
                CasePartner(case_id=c, partner_id=p, role=CasePartner.Role.CO_COUNSEL)
                for c in ids
                for p in self.sample(partners, 1, 2)
            ),
            batch_size=BATCH,
        )
        CaseEvent.objects.bulk_create(
            (
                CaseEvent(
                    case_id=c,
                    date=today - datetime.timedelta(days=self.rng.randint(0, 3000)),
                    title=sentence(self.rng, 5),
                    is_public=True,
                )
                for c in ids
                for _ in range(3)
            ),
            batch_size=BATCH,
        )
        self.report(f"cases: {len(ids)} added")
        return len(ids)

    # Articles, in batches that commit one by one: a long run interrupted keeps its progress.

    def add_articles(self):
        have = existing(Article, slug__startswith=PREFIX)
        wanted = self.sizes.articles
        if have >= wanted:
            return 0
        self.pool, self.pool_vectors = bodies(self.rng), None
        partners = list(Partner.objects.published().values_list("pk", flat=True))
        cases = list(LitigationCase.objects.published().values_list("pk", flat=True))
        kinds = [value for value, _label in Article.Kind.choices]
        # Spread over eight years, the newest numbers the most recent.
        span = 8 * 365 * 24 * 3600
        for start in range(have, wanted, BATCH):
            numbers = range(start, min(start + BATCH, wanted))
            articles = []
            for n in numbers:
                pool_index = n % len(self.pool)
                body, body_html = self.pool[pool_index]
                if n % 997 == 0:
                    pool_index = -1
                    body += f"\n\nA rare {RARE_WORDS[n % len(RARE_WORDS)]} case."
                    body_html += f"<p>A rare {RARE_WORDS[n % len(RARE_WORDS)]} case.</p>"
                published = self.now - datetime.timedelta(seconds=span * (wanted - n) // wanted)
                cta = n % 10 == 0
                article = Article(
                    title=f"{sentence(self.rng, 6)[:-1]} ({n})",
                    slug=f"{PREFIX}article-{n:06d}",
                    kind=kinds[n % len(kinds)],
                    standfirst=sentence(self.rng, 20),
                    body=body,
                    body_html=body_html,
                    status=Article.Status.PUBLISHED,
                    live=True,
                    first_published_at=published,
                    last_published_at=published,
                    cta_enabled=cta,
                    cta_prompt="Call on the authorities to act." if cta else "",
                )
                article.pool_index = pool_index
                articles.append(article)
            with transaction.atomic():
                Article.objects.bulk_create(articles, batch_size=BATCH)
                slugs = Article.objects.filter(slug__in=[a.slug for a in articles])
                found = dict(slugs.values_list("slug", "pk"))
                ids = [found[a.slug] for a in articles]
                self.link(
                    Article.topics.through,
                    "article",
                    "topic",
                    [(a, t) for a in ids for t in self.sample(self.topics, 1, 3)],
                )
                self.link(
                    Article.countries.through,
                    "article",
                    "country",
                    [(a, c) for a in ids for c in self.sample(self.countries, 1, 2)],
                )
                self.link(
                    Article.partners.through,
                    "article",
                    "partner",
                    [(a, p) for a in ids for p in self.sample(partners, 0, 2)],
                )
                self.link(
                    Article.cases.through,
                    "article",
                    "litigationcase",
                    [(a, c) for a in ids for c in self.sample(cases, 0, 1)],
                )
                self.index(articles, ids)
            self.report(f"articles: {numbers[-1] + 1}/{wanted}")
        return wanted - have

    def index(self, articles, ids):
        """Index the new articles for search in bulk, as `coalition.search` would one by one."""
        if connection.vendor == "postgresql":
            self.index_postgresql(articles, ids)
        elif connection.vendor == "sqlite" and has_fts_table(connection):
            marks = ", ".join(["%s"] * len(ids))
            with connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {SQLITE_TABLE} (kind, object_id, title, summary, body) "  # noqa: S608
                    f"SELECT 'article', id, title, standfirst, body FROM articles_article "
                    f"WHERE id IN ({marks})",
                    ids,
                )

    def index_postgresql(self, articles, ids):
        """The bodies come from a small pool, so each body's vector is computed once."""
        config = settings.SEARCH_CONFIG
        strip = "regexp_replace(%s, '<[^>]+>', ' ', 'g')"
        with connection.cursor() as cursor:
            if self.pool_vectors is None:
                htmls = [html for _body, html in self.pool]
                cursor.execute(
                    f"SELECT array_agg(setweight(to_tsvector(%s::regconfig, "  # noqa: S608
                    f"{strip % 'h'}), 'C')::text ORDER BY n) "
                    "FROM unnest(%s::text[]) WITH ORDINALITY AS p(h, n)",
                    [config, htmls],
                )
                self.pool_vectors = cursor.fetchone()[0]
            by_slug = dict(zip((a.slug for a in articles), ids, strict=True))
            pooled = [(by_slug[a.slug], a.pool_index + 1) for a in articles if a.pool_index >= 0]
            odd = [by_slug[a.slug] for a in articles if a.pool_index < 0]
            title = "setweight(to_tsvector(%s::regconfig, a.title), 'A') || "
            title += "setweight(to_tsvector(%s::regconfig, a.standfirst), 'B')"
            cursor.execute(
                f"UPDATE articles_article a SET search_vector = {title} || "  # noqa: S608
                "(%s::tsvector[])[b.n] FROM unnest(%s::bigint[], %s::int[]) AS b(id, n) "
                "WHERE a.id = b.id",
                [
                    config,
                    config,
                    self.pool_vectors,
                    [i for i, _ in pooled],
                    [n for _, n in pooled],
                ],
            )
            if odd:
                cursor.execute(
                    f"UPDATE articles_article a SET search_vector = {title} || "  # noqa: S608
                    f"setweight(to_tsvector(%s::regconfig, {strip % 'a.body_html'}), 'C') "
                    "WHERE a.id = ANY(%s)",
                    [config, config, config, odd],
                )

    def add_signatures(self):
        have = existing(Signature, email__startswith=PREFIX)
        wanted = self.sizes.signatures
        if have >= wanted:
            return 0
        calls = list(
            Article.objects.filter(slug__startswith=PREFIX, cta_enabled=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if not calls:
            return 0
        for start in range(have, wanted, BATCH * 5):
            numbers = range(start, min(start + BATCH * 5, wanted))
            with transaction.atomic():
                Signature.objects.bulk_create(
                    (
                        Signature(
                            article_id=calls[n % len(calls)],
                            name=f"Reader {n}",
                            email=f"{PREFIX}{n}@example.org",
                            consent=True,
                            confirmed_at=self.now if n % 5 else None,
                        )
                        for n in numbers
                    ),
                    batch_size=BATCH,
                )
            self.report(f"signatures: {numbers[-1] + 1}/{wanted}")
        return wanted - have
