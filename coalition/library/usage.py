"""Where library items are used: in the Markdown texts apps register, and by relations.

Apps above the library register the Markdown fields that may hold references
(`register_markdown`, from their AppConfig.ready()), so that the library never imports them.
Rows that point to an item by a foreign key (a hero image) are found through the relation.
"""

from dataclasses import dataclass

from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

from coalition.models import Revision

from .references import address, references

_sources = {}


@dataclass(frozen=True)
class MarkdownSource:
    model: type
    fields: tuple
    # Whether translations of these fields are kept in the row's `translations` column.
    translated: bool

    def candidates(self, kind, pk):
        """The rows whose texts may refer to item `pk` of `kind`. Coarse: "image:42" also
        matches "image:421", so read each text with `references()` to be sure."""
        needle = address(kind, pk)
        query = Q()
        for name in self.fields:
            query |= Q(**{f"{name}__contains": needle})
        if self.translated:
            query |= Q(translations__icontains=needle)
        return self.model._default_manager.filter(query)


def register_markdown(model, fields):
    """Name Markdown `fields` of `model` that may refer to library items."""
    translated = any(name in getattr(model, "translated_fields", ()) for name in fields)
    _sources[model._meta.label] = MarkdownSource(model, tuple(fields), translated)


def markdown_sources():
    return list(_sources.values())


@dataclass(frozen=True)
class Use:
    """One place an item is used: the object and what of it holds the item."""

    obj: object
    where: tuple

    @property
    def kind(self):
        return capfirst(self.obj._meta.verbose_name)

    @property
    def admin_url(self):
        opts = self.obj._meta
        try:
            return reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(self.obj.pk)]
            )
        except NoReverseMatch:
            return None

    def __str__(self):
        return f"{self.kind} “{self.obj}” ({', '.join(str(name) for name in self.where)})"


def uses(item):
    """Every place `item` (a library Image or Document) is used, as a list of Use."""
    found = []
    wanted = (item.reference_kind, item.pk)
    for source in markdown_sources():
        for obj in source.candidates(*wanted).order_by("pk"):
            where = [
                source.model._meta.get_field(name).verbose_name
                for name in source.fields
                if wanted in references(getattr(obj, name))
                or any(
                    wanted in references(texts.get(name))
                    for texts in (getattr(obj, "translations", None) or {}).values()
                )
            ]
            if where:
                found.append(Use(obj, tuple(where)))
        found += pending_uses(source, wanted)
    for relation in type(item)._meta.related_objects:
        if relation.related_model._meta.auto_created:
            continue  # The tags' link table says nothing about use.
        rows = relation.related_model._default_manager.filter(**{relation.field.name: item})
        found += [Use(obj, (relation.field.verbose_name,)) for obj in rows.order_by("pk")]
    return found


def pending_uses(source, wanted):
    """Uses in changes to live content that wait to be published (a pending revision): once
    published, they would show the item."""
    found = []
    needle = address(*wanted)
    pending = (
        Revision.objects.filter(
            content_type=ContentType.objects.get_for_model(source.model),
            is_pending=True,
            data__icontains=needle,
        )
        .prefetch_related("content_object")
        .order_by("object_id")
    )
    for revision in pending:
        data = revision.data or {}
        texts = [data, *((data.get("translations") or {}).values())]
        where = [
            format_lazy(
                _("{field}, in changes not yet published"),
                field=source.model._meta.get_field(name).verbose_name,
            )
            for name in source.fields
            if any(
                isinstance(text, dict) and wanted in references(text.get(name)) for text in texts
            )
        ]
        if where and revision.content_object is not None:
            found.append(Use(revision.content_object, tuple(where)))
    return found
