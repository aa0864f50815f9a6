"""The search backends: PostgreSQL full text, SQLite FTS5, and plain matching for the rest.

Each backend answers the same four questions for `coalition.search`: keep an object's text
in the index, forget it, count the matches per kind, and list one page of ranked hits.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Case, F, FloatField, Q, TextField, Value, When

from .highlight import MARK_START, MARK_STOP, SNIPPET_WORDS, mark_all, mark_terms

SQLITE_TABLE = "coalition_search_index"


@dataclass
class Hit:
    """One match: its kind, primary key and rank (higher is better), and marked snippets."""

    kind: str
    pk: int
    rank: float
    summary: str = ""
    body: str = ""


def query_terms(query):
    """The words of a query, without operators or punctuation: what FTS5 and plain match."""
    return re.findall(r"\w+", query)


def subquery_sql(rows):
    """The SQL and parameters selecting the primary keys of `rows`."""
    return rows.values("pk").query.get_compiler(using=rows.db).as_sql()


class OrmBackend:
    """Matching and ranking through the ORM, over the published querysets themselves."""

    def matching(self, rows, query, source):
        raise NotImplementedError

    def rank(self, query, source):
        raise NotImplementedError

    def counts(self, query, sources, querysets):
        return {
            kind: self.matching(rows, query, sources[kind]).count()
            for kind, rows in querysets.items()
        }

    def hits(self, query, sources, querysets, start, stop):
        parts = [
            self.matching(rows, query, sources[kind])
            .order_by()
            .annotate(
                hit_kind=Value(kind, output_field=TextField()),
                hit_id=F("pk"),
                hit_rank=self.rank(query, sources[kind]),
            )
            .values_list("hit_kind", "hit_id", "hit_rank")
            for kind, rows in querysets.items()
        ]
        combined = parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]
        ranked = combined.order_by("-hit_rank", "hit_kind", "-hit_id")[start:stop]
        return [Hit(kind, pk, rank) for kind, pk, rank in ranked]


class PostgresBackend(OrmBackend):
    """Weighted tsvector columns with GIN indexes, websearch queries, ts_rank and ts_headline."""

    def __init__(self, connection):
        self.connection = connection
        self.config = settings.SEARCH_CONFIG

    def index(self, source, obj):
        document = source.document(obj)
        vector = (
            SearchVector(Value(document.title), weight="A", config=self.config)
            + SearchVector(Value(document.summary), weight="B", config=self.config)
            + SearchVector(Value(document.body), weight="C", config=self.config)
        )
        source.model._default_manager.filter(pk=obj.pk).update(search_vector=vector)

    def remove(self, source, pk):
        """Nothing to do: the vector goes with its row."""

    def clear(self):
        """Nothing to do: every row's vector is rewritten by the rebuild."""

    def search_query(self, query):
        return SearchQuery(query, search_type="websearch", config=self.config)

    def matching(self, rows, query, source):
        return rows.filter(search_vector=self.search_query(query))

    def rank(self, query, source):
        return SearchRank(F("search_vector"), self.search_query(query))

    def highlight(self, query, found):
        """Mark the whole summaries and a passage of the bodies of a page of hits, in one query."""
        if not found:
            return
        markers = f"StartSel={MARK_START}, StopSel={MARK_STOP}"
        passage = f"{markers}, MaxWords={SNIPPET_WORDS}, MinWords={SNIPPET_WORDS // 2}"
        sql = """
            SELECT ts_headline(%s::regconfig, d.summary, q, %s),
                   ts_headline(%s::regconfig, d.body, q, %s)
            FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY AS d(summary, body, n),
                 websearch_to_tsquery(%s::regconfig, %s) AS q
            ORDER BY d.n
        """
        summaries = [document.summary for _hit, document in found]
        bodies = [document.body for _hit, document in found]
        params = [self.config, f"{markers}, HighlightAll=true", self.config, passage]
        params += [summaries, bodies, self.config, query]
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            for (hit, _document), (summary, body) in zip(found, cursor.fetchall(), strict=True):
                hit.summary, hit.body = summary, body


class SQLiteBackend:
    """One FTS5 table for every kind, ranked by bm25 with weighted columns."""

    # bm25 weights for the table's columns: kind, object_id, title, summary, body.
    weights = (0.0, 0.0, 10.0, 4.0, 1.0)

    def __init__(self, connection):
        self.connection = connection

    def index(self, source, obj):
        document = source.document(obj)
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {SQLITE_TABLE} WHERE kind = %s AND object_id = %s",  # noqa: S608
                [source.kind, obj.pk],
            )
            cursor.execute(
                f"INSERT INTO {SQLITE_TABLE} (kind, object_id, title, summary, body) "  # noqa: S608
                "VALUES (%s, %s, %s, %s, %s)",
                [source.kind, obj.pk, document.title, document.summary, document.body],
            )

    def remove(self, source, pk):
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {SQLITE_TABLE} WHERE kind = %s AND object_id = %s",  # noqa: S608
                [source.kind, pk],
            )

    def clear(self):
        with self.connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {SQLITE_TABLE}")  # noqa: S608

    def match_expression(self, query):
        """Each word quoted, so that nothing the reader types is read as FTS5 syntax."""
        return " ".join(f'"{term}"' for term in query_terms(query))

    def published_condition(self, querysets):
        """SQL keeping only rows whose object is in its kind's published queryset."""
        conditions, params = [], []
        for kind, rows in querysets.items():
            sql, row_params = subquery_sql(rows)
            conditions.append(f"(kind = %s AND object_id IN ({sql}))")
            params += [kind, *row_params]
        return " OR ".join(conditions), params

    def counts(self, query, sources, querysets):
        expression = self.match_expression(query)
        if not expression:
            return {}
        condition, params = self.published_condition(querysets)
        sql = (
            f"SELECT kind, count(*) FROM {SQLITE_TABLE} "  # noqa: S608
            f"WHERE {SQLITE_TABLE} MATCH %s AND ({condition}) GROUP BY kind"
        )
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [expression, *params])
            return dict(cursor.fetchall())

    def hits(self, query, sources, querysets, start, stop):
        expression = self.match_expression(query)
        if not expression:
            return []
        condition, params = self.published_condition(querysets)
        weights = ", ".join(str(weight) for weight in self.weights)
        sql = (
            f"SELECT kind, object_id, -bm25({SQLITE_TABLE}, {weights}) AS score, "  # noqa: S608
            f"highlight({SQLITE_TABLE}, 3, %s, %s), "
            f"snippet({SQLITE_TABLE}, 4, %s, %s, '…', {SNIPPET_WORDS}) FROM {SQLITE_TABLE} "
            f"WHERE {SQLITE_TABLE} MATCH %s AND ({condition}) "
            "ORDER BY score DESC, kind, object_id DESC LIMIT %s OFFSET %s"
        )
        markers = [MARK_START, MARK_STOP]
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [*markers, *markers, expression, *params, stop - start, start])
            return [Hit(*row) for row in cursor.fetchall()]

    def highlight(self, query, found):
        """Nothing to do: FTS5 marked the snippets while matching."""


class PlainBackend(OrmBackend):
    """Case-insensitive containment of every word: for databases without full-text search."""

    def index(self, source, obj):
        """Nothing to do: matching reads the tables themselves."""

    def remove(self, source, pk):
        """Nothing to do."""

    def clear(self):
        """Nothing to do."""

    def contains_any(self, fields, term):
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": term})
        return condition

    def counts(self, query, sources, querysets):
        return super().counts(query, sources, querysets) if query_terms(query) else {}

    def hits(self, query, sources, querysets, start, stop):
        return super().hits(query, sources, querysets, start, stop) if query_terms(query) else []

    def matching(self, rows, query, source):
        fields = (*source.title_fields, *source.summary_fields, *source.body_fields)
        for term in query_terms(query):
            rows = rows.filter(self.contains_any(fields, term))
        return rows

    def rank(self, query, source):
        in_title, in_summary = Q(), Q()
        for term in query_terms(query):
            in_title |= self.contains_any(source.title_fields, term)
            in_summary |= self.contains_any(source.summary_fields, term)
        return Case(
            When(in_title, then=Value(3.0)),
            When(in_summary, then=Value(2.0)),
            default=Value(1.0),
            output_field=FloatField(),
        )

    def highlight(self, query, found):
        terms = query_terms(query)
        for hit, document in found:
            hit.summary = mark_all(document.summary, terms)
            hit.body = mark_terms(document.body, terms)


_databases_with_fts = set()


def has_fts_table(connection):
    """Whether this SQLite database has the FTS5 table (its SQLite may lack FTS5)."""
    name = connection.settings_dict["NAME"]
    if name not in _databases_with_fts:
        # Only a yes is remembered: a database migrated later is then noticed.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [SQLITE_TABLE]
            )
            if cursor.fetchone() is not None:
                _databases_with_fts.add(name)
    return name in _databases_with_fts


def get_backend(using=DEFAULT_DB_ALIAS):
    """The best backend the database offers."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        return PostgresBackend(connection)
    if connection.vendor == "sqlite" and has_fts_table(connection):
        return SQLiteBackend(connection)
    return PlainBackend()
