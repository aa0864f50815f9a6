"""The search backends: PostgreSQL full text, SQLite FTS5, and plain matching for the rest.

Each backend answers the same four questions for `coalition.search`: keep an object's text
in the index, forget it, count the matches per kind, and list one page of ranked hits.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Case, F, FloatField, Q, TextField, Value, When
from django.db.models.functions import Cast

from .highlight import MARK_START, MARK_STOP, SNIPPET_WORDS, mark_all, mark_terms

SQLITE_TABLE = "coalition_search_index"
# A word a web search query excludes: "-word".
EXCLUSION = re.compile(r"(?:^|\s)-\w")


@dataclass
class Hit:
    """One match: its kind, primary key and rank (higher is better), and marked snippets."""

    kind: str
    pk: int
    rank: float
    summary: str = ""
    body: str = ""
    # What the backend needs again to highlight the hit (SQLite: the index row).
    extra: object = None


def query_terms(query):
    """The words of a query, without operators or punctuation: what FTS5 and plain match."""
    return re.findall(r"\w+", query)


def subquery_sql(rows):
    """The SQL and parameters selecting the primary keys of `rows`."""
    return rows.values("pk").query.get_compiler(using=rows.db).as_sql()


def ranked_page_sql(candidates_sql, wanted, start, stop, limit):
    """Rank candidate rows (kind, id, rank, and more) and keep one page plus a row per kind.

    The rows kept: those of the wanted kinds at positions start < n <= stop, and the best of
    each kind, which carries the kind's count (candidates are bounded, so at most limit + 1).
    """
    marks = ", ".join(["%s"] * len(wanted))
    sql = f"""
        SELECT hit_kind, hit_id, hit_rank, kind_total, position > %s AND position <= %s AND
               wanted AS on_page, extra
        FROM (
            SELECT *, ROW_NUMBER() OVER (
                PARTITION BY wanted ORDER BY hit_rank DESC, hit_kind, hit_id DESC
            ) AS position
            FROM (
                SELECT *, hit_kind IN ({marks}) AS wanted,
                       COUNT(*) OVER (PARTITION BY hit_kind) AS kind_total,
                       ROW_NUMBER() OVER (
                           PARTITION BY hit_kind ORDER BY hit_rank DESC, hit_id DESC
                       ) AS kind_position
                FROM ({candidates_sql}) AS candidates
            ) AS counted
            WHERE kind_position <= %s
        ) AS ranked
        WHERE kind_position = 1 OR (wanted AND position > %s AND position <= %s)
        ORDER BY position
    """  # noqa: S608 - only placeholders and compiled SQL are put in
    return sql, [start, stop], [*wanted], [limit, start, stop]


def read_page(cursor, sql, params):
    """Run a ranked_page_sql() query: (count per kind, hits on the page in order)."""
    cursor.execute(sql, params)
    counts, hits = {}, []
    for kind, pk, rank, total, on_page, extra in cursor.fetchall():
        counts[kind] = total
        if on_page:
            hits.append(Hit(kind, pk, rank, extra=extra))
    return counts, hits


# PostgreSQL's own text search configurations with a stemmer, by language name.
STEMMED_CONFIGS = {
    "arabic", "armenian", "basque", "catalan", "danish", "dutch", "english", "finnish",
    "french", "german", "greek", "hindi", "hungarian", "indonesian", "irish", "italian",
    "lithuanian", "nepali", "norwegian", "portuguese", "romanian", "russian", "serbian",
    "spanish", "swedish", "tamil", "turkish", "yiddish",
}  # fmt: skip


def text_search_config(language):
    """PostgreSQL's configuration for text in `language`: the site's own for its language,
    the language's stemmer where PostgreSQL has one ('russian'), else 'simple' (Kazakh)."""
    if language == settings.LANGUAGE_CODE:
        return settings.SEARCH_CONFIG
    name = LANG_INFO.get(language, {}).get("name", "").lower()
    return name if name in STEMMED_CONFIGS else "simple"


def with_translations(document):
    """The body of `document` followed by its translations' text: one column of FTS5 holds
    every language, so that each is found while the summary shown stays the source's."""
    translated = (" ".join(parts) for _language, *parts in document.translations)
    return " ".join(part for part in (document.body, *translated) if part)


class OrmBackend:
    """Matching and ranking through the ORM, over the published querysets themselves."""

    def matching(self, rows, query, source):
        raise NotImplementedError

    def rank(self, query, source):
        raise NotImplementedError

    def candidates(self, rows, query, source, limit):
        """The newest `limit` + 1 matches of a kind: enough to rank a page and to count."""
        newest = self.matching(rows, query, source).order_by(*source.candidate_order)
        return rows.filter(pk__in=newest.values("pk")[: limit + 1])

    def page(self, query, sources, querysets, wanted, start, stop, limit):
        """The count of each kind's matches (up to limit + 1) and the hits at start:stop."""
        parts, params = [], []
        for kind, rows in querysets.items():
            ranked = (
                self.candidates(rows, query, sources[kind], limit)
                .order_by()
                .annotate(
                    hit_kind=Value(kind, output_field=TextField()),
                    hit_id=F("pk"),
                    hit_rank=Cast(self.rank(query, sources[kind]), FloatField()),
                    extra=Value("", output_field=TextField()),
                )
                .values_list("hit_kind", "hit_id", "hit_rank", "extra")
            )
            sql, part_params = ranked.query.get_compiler(using=ranked.db).as_sql()
            parts.append(sql)
            params += part_params
        sql, head, middle, tail = ranked_page_sql(
            " UNION ALL ".join(parts), wanted, start, stop, limit
        )
        connection = connections[ranked.db]
        with connection.cursor() as cursor:
            return read_page(cursor, sql, [*head, *middle, *params, *tail])


class PostgresBackend(OrmBackend):
    """Weighted tsvector columns with GIN indexes, websearch queries, ts_rank and ts_headline."""

    def __init__(self, connection):
        self.connection = connection
        self.config = settings.SEARCH_CONFIG

    def document_config(self, source, obj):
        """An article's text is stemmed by its own language's configuration."""
        language = source.language_of(obj)
        return text_search_config(language) if language else self.config

    def index(self, source, obj):
        self.store_vector(source, obj.pk, source.document(obj), self.document_config(source, obj))

    def store_vector(self, source, pk, document, config=None):
        """The weighted vector of the document, its translations each in their own config."""
        parts = [(config or self.config, document.title, document.summary, document.body)]
        parts += [
            (text_search_config(language), title, summary, body)
            for language, title, summary, body in document.translations
        ]
        vector = None
        for config, *texts in parts:
            for text, weight in zip(texts, "ABC", strict=True):
                part = SearchVector(Value(text), weight=weight, config=config)
                vector = part if vector is None else vector + part
        source.model._default_manager.filter(pk=pk).update(search_vector=vector)

    def index_many(self, source, objects):
        """Store the vectors of many objects in one UPDATE."""
        documents = [source.document(obj) for obj in objects]
        table = self.connection.ops.quote_name(source.model._meta.db_table)
        weighted = "setweight(to_tsvector(d.config::regconfig, d.{}), '{}')"
        vector = " || ".join(
            weighted.format(part, weight)
            for part, weight in (("title", "A"), ("summary", "B"), ("body", "C"))
        )
        sql = (
            f"UPDATE {table} SET search_vector = {vector} "  # noqa: S608
            "FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[]) "
            f"AS d(id, config, title, summary, body) WHERE {table}.id = d.id"
        )
        with self.connection.cursor() as cursor:
            cursor.execute(
                sql,
                [
                    [obj.pk for obj in objects],
                    [self.document_config(source, obj) for obj in objects],
                    [document.title for document in documents],
                    [document.summary for document in documents],
                    [document.body for document in documents],
                ],
            )
        # Few rows have translations; each adds its languages' parts with their stemmers.
        for obj, document in zip(objects, documents, strict=True):
            if document.translations:
                self.store_vector(source, obj.pk, document, self.document_config(source, obj))

    def remove(self, source, pk):
        """Nothing to do: the vector goes with its row."""

    def prune(self, source):
        """Nothing to do: the vector goes with its row."""

    def search_query(self, query):
        """The query in the site's configuration, or in that of any translation's language."""
        configs = dict.fromkeys([self.config])
        # A word excluded ("-word") is absent in one configuration's forms and so trivially
        # "absent" in the others: such a query keeps to the site's configuration.
        if not EXCLUSION.search(query):
            configs.update(
                dict.fromkeys(text_search_config(code) for code, _name in settings.LANGUAGES)
            )
        combined = None
        for config in configs:
            part = SearchQuery(query, search_type="websearch", config=config)
            combined = part if combined is None else combined | part
        return combined

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
        body = with_translations(document)
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {SQLITE_TABLE} WHERE kind = %s AND object_id = %s",  # noqa: S608
                [source.kind, obj.pk],
            )
            cursor.execute(
                f"INSERT INTO {SQLITE_TABLE} (kind, object_id, title, summary, body) "  # noqa: S608
                "VALUES (%s, %s, %s, %s, %s)",
                [source.kind, obj.pk, document.title, document.summary, body],
            )

    def index_many(self, source, objects):
        rows = []
        for obj in objects:
            document = source.document(obj)
            rows.append(
                [
                    source.kind,
                    obj.pk,
                    document.title,
                    document.summary,
                    with_translations(document),
                ]
            )
        marks = ", ".join(["%s"] * len(objects))
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {SQLITE_TABLE} WHERE kind = %s AND object_id IN ({marks})",  # noqa: S608
                [source.kind, *(obj.pk for obj in objects)],
            )
            cursor.executemany(
                f"INSERT INTO {SQLITE_TABLE} (kind, object_id, title, summary, body) "  # noqa: S608
                "VALUES (%s, %s, %s, %s, %s)",
                rows,
            )

    def remove(self, source, pk):
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {SQLITE_TABLE} WHERE kind = %s AND object_id = %s",  # noqa: S608
                [source.kind, pk],
            )

    def prune(self, source):
        """Forget the index rows of objects that no longer exist."""
        table = self.connection.ops.quote_name(source.model._meta.db_table)
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {SQLITE_TABLE} WHERE kind = %s "  # noqa: S608
                f"AND object_id NOT IN (SELECT id FROM {table})",
                [source.kind],
            )

    def match_expression(self, query):
        """Each word quoted, so that nothing the reader types is read as FTS5 syntax."""
        return " ".join(f'"{term}"' for term in query_terms(query))

    def page(self, query, sources, querysets, wanted, start, stop, limit):
        """The counts and one page of hits, ranked by bm25 over each kind's newest matches.

        Snippets are left for `highlight()`, which makes them for the page's rows only.
        """
        expression = self.match_expression(query)
        if not expression:
            return {}, []
        weights = ", ".join(str(weight) for weight in self.weights)
        parts, params = [], []
        for kind, rows in querysets.items():
            published, published_params = subquery_sql(rows)
            parts.append(
                f"SELECT kind AS hit_kind, object_id AS hit_id, "  # noqa: S608
                f"-bm25({SQLITE_TABLE}, {weights}) AS hit_rank, rowid AS extra "
                f"FROM {SQLITE_TABLE} WHERE {SQLITE_TABLE} MATCH %s AND rowid IN ("
                f"SELECT newest FROM (SELECT rowid AS newest FROM {SQLITE_TABLE} "
                f"WHERE {SQLITE_TABLE} MATCH %s AND kind = %s AND object_id IN ({published}) "
                "ORDER BY object_id DESC LIMIT %s))"
            )
            params += [expression, expression, kind, *published_params, limit + 1]
        sql, head, middle, tail = ranked_page_sql(
            " UNION ALL ".join(parts), wanted, start, stop, limit
        )
        with self.connection.cursor() as cursor:
            return read_page(cursor, sql, [*head, *middle, *params, *tail])

    def highlight(self, query, found):
        """Mark the whole summaries and a passage of the bodies of a page of hits, one query."""
        if not found:
            return
        expression = self.match_expression(query)
        rowids = [hit.extra for hit, _document in found]
        marks = ", ".join(["%s"] * len(rowids))
        sql = (
            f"SELECT rowid, highlight({SQLITE_TABLE}, 3, %s, %s), "  # noqa: S608
            f"snippet({SQLITE_TABLE}, 4, %s, %s, '…', {SNIPPET_WORDS}) FROM {SQLITE_TABLE} "
            f"WHERE {SQLITE_TABLE} MATCH %s AND rowid IN ({marks})"
        )
        markers = [MARK_START, MARK_STOP]
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [*markers, *markers, expression, *rowids])
            marked = {rowid: (summary, body) for rowid, summary, body in cursor.fetchall()}
        for hit, _document in found:
            hit.summary, hit.body = marked.get(hit.extra, ("", ""))


class PlainBackend(OrmBackend):
    """Case-insensitive containment of every word: for databases without full-text search."""

    def index(self, source, obj):
        """Nothing to do: matching reads the tables themselves."""

    def index_many(self, source, objects):
        """Nothing to do: matching reads the tables themselves."""

    def remove(self, source, pk):
        """Nothing to do."""

    def prune(self, source):
        """Nothing to do."""

    def contains_any(self, fields, term):
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": term})
        return condition

    def page(self, query, sources, querysets, wanted, start, stop, limit):
        if not query_terms(query):
            return {}, []
        return super().page(query, sources, querysets, wanted, start, stop, limit)

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
