"""Paginated public lists whose count is kept between requests, as their filter choices are."""

import hashlib
from functools import cached_property

from django.core.paginator import Paginator
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
        form = self.filter_form
        chosen = sorted((name, form.data[name]) for name in form.fields if form.data.get(name))
        filters = hashlib.sha256(urlencode(chosen).encode()).hexdigest()
        name = f"count:{self.request.resolver_match.view_name}:{filters}"
        return super().get_paginator(queryset, per_page, count_name=name, **kwargs)
