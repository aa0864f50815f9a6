"""Paginated public lists whose count is kept between requests, as their filter choices are;
admin lists of whole large tables counted from the database's statistics."""

import hashlib
from functools import cached_property

from django.core.paginator import Paginator
from django.db import connections
from django.utils.http import urlencode

from coalition import pagecache


class KeptCountPaginator(Paginator):
    """A paginator whose count is read once per page generation (`pagecache.kept`).

    Counting every published article matching a filter is a whole scan of them, the same for
    every reader and every page of the list, until something public changes.
    """

    def __init__(self, *args, count_name, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_name = count_name

    @cached_property
    def count(self):
        return pagecache.kept(self.count_name, self.count_uncached, in_process=False)

    def count_uncached(self):
        return Paginator.count.func(self)


class KeptCountMixin:
    """For a ListView filtered by `self.filter_form`: the count kept per filter chosen."""

    paginator_class = KeptCountPaginator

    def get_paginator(self, queryset, per_page, **kwargs):
        name = f"count:{self.request.resolver_match.view_name}:{chosen_filters(self.filter_form)}"
        return super().get_paginator(queryset, per_page, count_name=name, **kwargs)


def chosen_filters(form):
    """A short name for the filters chosen in `form`, the same whatever their order."""
    chosen = sorted((name, form.data[name]) for name in form.fields if form.data.get(name))
    return hashlib.sha256(urlencode(chosen).encode()).hexdigest()


# Below this many rows a table is counted exactly: COUNT(*) is then cheap.
ESTIMATE_FROM = 10_000


def estimated_count(queryset):
    """PostgreSQL's estimate of the rows of `queryset`'s table when it is the whole table, else
    None (other databases, a filter, DISTINCT, grouping, a slice, a table never analysed)."""
    query = queryset.query
    connection = connections[queryset.db]
    if (
        connection.vendor != "postgresql"
        or query.where
        or query.distinct
        or query.combinator
        or query.is_sliced
        or query.group_by is not None
    ):
        return None
    table = connection.ops.quote_name(queryset.model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass", [table])
        row = cursor.fetchone()
    return row[0] if row and row[0] >= 0 else None


class EstimatedCountPaginator(Paginator):
    """For admin lists: a whole large table counted from PostgreSQL's statistics.

    COUNT(*) reads every row (a sixth of a second at 100,000 articles, on every page of the
    list); the planner's estimate, kept by autovacuum, is read at once and is close. Narrowed
    lists and small tables are counted exactly. The last page is not cut at the estimate: it
    shows up to a page more, what the estimate missed.
    """

    @cached_property
    def estimated(self):
        estimate = estimated_count(self.object_list)
        return estimate if estimate is not None and estimate >= ESTIMATE_FROM else None

    @cached_property
    def count(self):
        if self.estimated is not None:
            return self.estimated
        return Paginator.count.func(self)

    def page(self, number):
        if self.estimated is None:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if number == self.num_pages:
            top += self.orphans + self.per_page
        return self._get_page(self.object_list[bottom:top], number, self)
