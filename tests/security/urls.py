"""Every URL pattern of the site, walked from the resolver, with its parameters filled in."""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter
from django.urls.resolvers import RoutePattern

from coalition.converters import IdConverter

PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class Route:
    """One URL pattern as a route string such as "cases/<id:pk>/" and its converters."""

    route: str
    converters: dict
    name: str

    @property
    def surface(self):
        """Which part of the site answers: "admin", "portal" or "public"."""
        for surface in ("admin", "portal"):
            if self.route.startswith(f"{surface}/"):
                return surface
        return "public"

    @property
    def id_parameters(self):
        """The parameters that carry an integer (an id or a number)."""
        return [
            name
            for name, converter in self.converters.items()
            if isinstance(converter, IdConverter | IntConverter)
            or (self.surface == "admin" and name == "object_id")
        ]

    def url(self, **values):
        """The address with `values` for the named parameters and a harmless value elsewhere."""

        def fill(match):
            name = match["name"]
            if name in values:
                return str(values[name])
            return "1" if name in self.id_parameters else "x"

        return "/" + PARAMETER.sub(fill, self.route)


def routes():
    """Every route pattern of the root URLconf; regular-expression patterns are left out."""
    return list(_walk(get_resolver().url_patterns, "", ""))


def _walk(patterns, prefix, namespace):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            # The language prefix of the default language is empty.
            route = "" if not isinstance(entry.pattern, RoutePattern) else str(entry.pattern)
            yield from _walk(entry.url_patterns, prefix + route, inner)
        elif isinstance(entry, URLPattern) and isinstance(entry.pattern, RoutePattern):
            yield Route(
                prefix + str(entry.pattern),
                dict(entry.pattern.converters),
                f"{namespace}{entry.name or ''}",
            )
