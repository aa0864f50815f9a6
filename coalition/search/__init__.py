"""Site search across articles, cases and partners: one interface over the database's backend.

`search(query, kinds, topic, country)` answers ranked, highlighted results of published
content only; `index`, `remove` and `rebuild` keep the index in step with the content.
"""

import re
from dataclasses import dataclass
from functools import cached_property

from django.contrib.humanize.templatetags.humanize import intcomma
from django.db import transaction
from django.db.models import Model
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from .backends import get_backend
from .highlight import SUMMARY_WORDS, is_marked, render_marked
from .sources import SOURCES, source_for_model

MAX_QUERY_LENGTH = 200
# Matches ranked and counted per kind: the newest ones, so a common word stays cheap. Ranking
# costs the database about 20 µs a match (reading its vector); 200 is twenty pages of results.
MAX_COUNTED = 200
KINDS = tuple(SOURCES)


def clean_query(text):
    """The query as searched: control characters dropped, spaces collapsed, length capped."""
    text = " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", text or "").split())
    if len(text) > MAX_QUERY_LENGTH:
        # Cut between words, so that the last word searched is a whole one.
        shortened = text[: MAX_QUERY_LENGTH + 1].rsplit(" ", 1)[0]
        text = shortened if " " in text[: MAX_QUERY_LENGTH + 1] else text[:MAX_QUERY_LENGTH]
    return text


@dataclass
class SearchResult:
    kind: str
    object: Model
    rank: float
    snippet: SafeString


class SearchResults:
    """The matches of a query, counted per kind and sliced page by page like a queryset.

    Only the newest MAX_COUNTED matches of each kind are ranked and counted: a common word
    finds a bounded set, and its count reads "200+". Counts and a page come from one query;
    `prepare(start, stop)` asks for the page before the paginator counts.
    """

    def __init__(self, query, kinds=None, topic=None, country=None, backend=None, language=None):
        self.query = query
        self.kinds = [kind for kind in KINDS if not kinds or kind in kinds]
        # Readers find the articles of their language (see Article.objects.in_language).
        self.language = language or translation.get_language()
        self.querysets = {
            kind: source.published(topic=topic, country=country, language=self.language)
            for kind, source in SOURCES.items()
        }
        self.backend = backend or get_backend()
        self.found = None  # (start, stop, counts, hits) of the last page read

    def prepare(self, start, stop):
        """Read the counts and the hits at start:stop in one query, for what follows."""
        if not self.query or not self.kinds:
            self.found = (start, stop, {}, [])
            return self.found
        counts, hits = self.backend.page(
            self.query, SOURCES, self.querysets, self.kinds, start, stop, MAX_COUNTED
        )
        self.found = (start, stop, counts, hits)
        return self.found

    @property
    def found_counts(self):
        if self.found is None:
            self.prepare(0, 0)
        return self.found[2]

    @cached_property
    def counts(self):
        """The number of matches of each kind (at most MAX_COUNTED), whatever kinds were asked."""
        return {kind: min(self.found_counts.get(kind, 0), MAX_COUNTED) for kind in KINDS}

    @cached_property
    def capped(self):
        """The kinds with more matches than were counted."""
        return {kind for kind in KINDS if self.found_counts.get(kind, 0) > MAX_COUNTED}

    @property
    def is_capped(self):
        """True when more matches exist, among the kinds asked for, than are counted."""
        return any(kind in self.capped for kind in self.kinds)

    @property
    def total(self):
        """The number of matches of every kind."""
        return sum(self.counts.values())

    @property
    def total_label(self):
        return counted_label(self.total, bool(self.capped))

    @property
    def kind_counts(self):
        """(kind, label, count) for each kind, in the order readers see them."""
        return [
            (kind, SOURCES[kind].label, counted_label(self.counts[kind], kind in self.capped))
            for kind in KINDS
        ]

    def count(self):
        return sum(self.counts[kind] for kind in self.kinds)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("Search results are read a page (a slice) at a time.")
        start, stop = index.start or 0, index.stop
        if stop is None:
            stop = self.count()
        if not self.query or not self.kinds or stop <= start:
            return []
        found = self.found
        if found is None or found[0] != start or found[1] < stop:
            found = self.prepare(start, stop)
        hits = found[3][: stop - start]
        objects = self.fetch_objects(hits)
        found = [(hit, objects[hit.kind][hit.pk]) for hit in hits if hit.pk in objects[hit.kind]]
        documents = [(hit, SOURCES[hit.kind].document(obj)) for hit, obj in found]
        self.backend.highlight(self.query, documents)
        return [
            SearchResult(hit.kind, obj, hit.rank, choose_snippet(hit, document))
            for (hit, obj), (_hit, document) in zip(found, documents, strict=True)
        ]

    def fetch_objects(self, hits):
        """The published objects behind `hits`, one query per kind."""
        objects = {kind: {} for kind in KINDS}
        for kind, source in SOURCES.items():
            ids = [hit.pk for hit in hits if hit.kind == kind]
            if ids:
                rows = source.fetch(self.querysets[kind].filter(pk__in=ids))
                objects[kind] = {obj.pk: obj for obj in rows}
        return objects


def counted_label(count, capped):
    """A count as readers see it: "200+" when more were found than counted."""
    if capped:
        return f"{intcomma(count)}+"
    return count


def choose_snippet(hit, document):
    """The marked summary, else the marked passage of the body, else the summary as it is."""
    if is_marked(hit.summary):
        return render_marked(Truncator(hit.summary).words(SUMMARY_WORDS))
    if is_marked(hit.body):
        return render_marked(hit.body)
    return render_marked(Truncator(document.summary).words(SUMMARY_WORDS))


def search(query, kinds=None, topic=None, country=None):
    """Published articles, cases and partners matching `query`, best first."""
    return SearchResults(clean_query(query), kinds=kinds, topic=topic, country=country)


def index(obj):
    """Store or refresh the searchable text of an article, case or partner."""
    source = source_for_model(type(obj))
    if source is not None:
        get_backend().index(source, obj)


def index_later(rows):
    """Refresh the index of `rows` (a queryset changed in bulk, without save()) in a task,
    after the current transaction commits."""
    source = source_for_model(rows.model)
    if source is None:
        return
    pks = list(rows.values_list("pk", flat=True))

    def queue_after_commit():
        from .tasks import index_objects

        index_objects.delay(source.kind, pks)

    if pks:
        transaction.on_commit(queue_after_commit, robust=True)


def remove(obj):
    source = source_for_model(type(obj))
    if source is not None:
        get_backend().remove(source, obj.pk)


def rebuild(progress=None, batch_size=500):
    """Index everything again from the tables; `progress(source, done, total)` is told.

    Each batch is indexed in one statement and committed on its own: a long run that stops
    half-way keeps what it did, and running it again finishes the job.
    """
    backend = get_backend()
    for source in SOURCES.values():
        rows = source.model._default_manager.order_by("pk")
        total = rows.count()
        done, last = 0, None
        while True:
            batch = rows if last is None else rows.filter(pk__gt=last)
            batch = list(batch[:batch_size])
            if not batch:
                break
            with transaction.atomic():
                backend.index_many(source, batch)
            done, last = done + len(batch), batch[-1].pk
            if progress is not None:
                for step in range(done - len(batch) + 1, done + 1):
                    progress(source, step, total)
        with transaction.atomic():
            backend.prune(source)
        if progress is not None and total == 0:
            progress(source, 0, 0)
