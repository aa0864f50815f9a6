"""Topics and countries held in each process, so that pages show them without a query.

Both tables are small and seldom change, yet nearly every public page names some. Each process
keeps them in memory under a token stored in the shared cache; saving or deleting a topic or
country replaces the token, and every process reads the table again on its next use. Pages
annotate the ids of an object's topics or countries (`with_ids`) and `attach` gives the
object's relation those instances, as `prefetch_related` would, without its query.
"""

import uuid

from django.core.cache import cache
from django.db.models import Aggregate, CharField, OuterRef, Subquery
from django.db.models.signals import post_delete, post_save
from django.utils import translation

from . import request_memo
from .models import Country, Topic
from .translation.collation import in_reader_order

GENERATION_KEY = "coalition:vocabulary-token"
MODELS = (Topic, Country)

_held = {}


class JoinedIds(Aggregate):
    """The ids of a group joined with commas: GROUP_CONCAT, or string_agg on PostgreSQL."""

    function = "GROUP_CONCAT"
    template = "%(function)s(%(expressions)s, ',')"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s(%(expressions)s::text, ',')",
            **extra_context,
        )


def current_generation():
    """The token of the tables' current state, read once per request."""
    return request_memo.remembered(GENERATION_KEY, read_generation)


def read_generation():
    token = cache.get(GENERATION_KEY)
    if token is None:
        # A first use, or the cache lost the key: a new token makes every process read again.
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        token = cache.get(GENERATION_KEY)
    return token


def held(model):
    """(rows by primary key, position of each by its name in the active language) of Topic
    or Country."""
    token = current_generation()
    entry = _held.get(model)
    if entry is None or entry[0] != token or token is None:
        rows = list(model._default_manager.order_by(*model._meta.ordering, "pk"))
        entry = _held[model] = (token, {row.pk: row for row in rows}, {})
    _token, rows, orders = entry
    language = translation.get_language()
    if language not in orders:
        # The model's order, read in SQL; by the language's alphabet in other languages, whose
        # names are in the JSON column.
        in_order = in_reader_order(rows.values(), model, language=language)
        orders[language] = {row.pk: position for position, row in enumerate(in_order)}
    return rows, orders[language]


def by_pk(model):
    """Every row of `model` (Topic or Country) by primary key, as this process holds it."""
    return held(model)[0]


def forget(**kwargs):
    """Replace the token: every process reads the tables again."""
    _held.clear()
    request_memo.forget(GENERATION_KEY)
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def ids_field(name):
    return f"{name}_vocabulary_ids"


def with_ids(queryset, *names):
    """Annotate the ids of the topics or countries in each named many-to-many relation."""
    annotations = {}
    for name in names:
        field = queryset.model._meta.get_field(name)
        through = field.remote_field.through
        owner = field.m2m_field_name()
        target = field.m2m_reverse_field_name()
        rows = (
            through.objects.filter(**{owner: OuterRef("pk")})
            .order_by()
            .values(owner)
            .annotate(ids=JoinedIds(f"{target}_id"))
            .values("ids")
        )
        annotations[ids_field(name)] = Subquery(rows)
    return queryset.annotate(**annotations)


def attach(objects, *names):
    """Fill the named relations of `objects` (annotated by `with_ids`) from the held tables.

    Afterwards `obj.<name>.all()` answers without a query, in the model's own order.
    """
    objects = list(objects)
    for name in names:
        if not objects:
            break
        field = objects[0]._meta.get_field(name)
        model = field.related_model
        rows, order = held(model)
        for obj in objects:
            text = getattr(obj, ids_field(name)) or ""
            pks = sorted(
                (int(pk) for pk in text.split(",") if pk and int(pk) in rows),
                key=order.__getitem__,
            )
            # What prefetch_related stores: a queryset already evaluated.
            related = model._default_manager.all()
            related._result_cache = [rows[pk] for pk in pks]
            related._prefetch_done = True
            obj._prefetched_objects_cache = getattr(obj, "_prefetched_objects_cache", {})
            obj._prefetched_objects_cache[field.name] = related
    return objects


def connect():
    for model in MODELS:
        post_save.connect(forget, sender=model, dispatch_uid=f"vocabulary-{model.__name__}")
        post_delete.connect(forget, sender=model, dispatch_uid=f"vocabulary-{model.__name__}")
