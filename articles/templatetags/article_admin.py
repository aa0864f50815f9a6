"""The article list's date hierarchy, offering its years without reading every article."""

import copy
import datetime

from django import template
from django.contrib.admin.templatetags.admin_list import date_hierarchy
from django.db import connections
from django.db.models import Max, Min, Value
from django.utils import timezone

register = template.Library()


class YearProbes:
    """A change list's queryset whose years, for the date hierarchy, come from one query asking
    for one row of each year of its range (an index probe each), where Django reads the year
    of every row with DISTINCT: a third of a second at 100,000 articles."""

    def __init__(self, queryset):
        self.queryset = queryset

    def __getattr__(self, name):
        return getattr(self.queryset, name)

    def datetimes(self, field_name, kind, order="ASC", tzinfo=None):
        queryset = self.queryset
        features = connections[queryset.db].features
        if (
            kind != "year"
            or tzinfo is not None
            or not features.supports_slicing_ordering_in_compound
        ):
            return queryset.datetimes(field_name, kind, order, tzinfo)
        span = queryset.aggregate(first=Min(field_name), last=Max(field_name))
        if span["first"] is None:
            return []
        first, last = (timezone.localtime(span[end]).year for end in ("first", "last"))
        probes = [
            queryset.filter(**{f"{field_name}__year": year})
            .order_by()
            .annotate(found=Value(year))
            .values_list("found", flat=True)[:1]
            for year in range(first, last + 1)
        ]
        found = probes[0].union(*probes[1:], all=True) if len(probes) > 1 else probes[0]
        zone = timezone.get_current_timezone()
        return [
            datetime.datetime(year, 1, 1, tzinfo=zone)
            for year in sorted(found, reverse=order == "DESC")
        ]


@register.inclusion_tag("admin/date_hierarchy.html")
def article_date_hierarchy(cl):
    """Django's date hierarchy over the change list, its years found by `YearProbes`."""
    probing = copy.copy(cl)
    probing.queryset = YearProbes(cl.queryset)
    return date_hierarchy(probing)
