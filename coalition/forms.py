"""Form pieces the public list pages share, and the password reset form."""

import dataclasses
import json

from django import forms
from django.contrib.auth import forms as auth_forms
from django.db.models import CharField, F, JSONField, Q, Subquery, TextField, Value, Window
from django.db.models.base import ModelState
from django.db.models.functions import Cast, RowNumber
from django.utils.html import escape
from django.utils.safestring import mark_safe

from coalition import pagecache
from coalition.converters import MAX_ID
from coalition.mail import enqueue
from coalition.tasks import password_reset_mail
from coalition.translation import is_active_language
from coalition.translation.collation import in_reader_order


class LightSelect(forms.Select):
    """A <select> written out in Python, with the same HTML as Django's.

    Django renders each option through a template: about 0.1 ms an option, which a list of
    hundreds of countries, partners or cases turns into most of a page's time. Given a
    `rendered` dict (kept with the choices, see `Offered`), the options are written once and
    each page only marks the chosen one.
    """

    rendered = None

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = {"name": name, **self.build_attrs(self.attrs, attrs)}
        if self.allow_multiple_selected or self.rendered is None:
            return self.render_choices(final_attrs, value)
        key = tuple(final_attrs.items())
        html = self.rendered.get(key)
        if html is None:
            html = self.rendered[key] = self.render_choices(final_attrs, ())
        chosen = escape(next(iter(self.format_value(value)), ""))
        # The first option with the chosen value, as Django marks it; values are unique. The
        # closing quote ends the match: an option may go on with a `lang` attribute.
        return mark_safe(  # noqa: S308 - the HTML is ours and the value escaped
            html.replace(f'<option value="{chosen}"', f'<option value="{chosen}" selected', 1)
        )

    def render_choices(self, final_attrs, value):
        chosen = {str(item) for item in self.format_value(value)}
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        options = []
        for option_value, label in self.choices:
            option_value = "" if option_value is None else str(option_value)
            selected = " selected" if option_value in chosen else ""
            # A label that fell back to another language (a topic's English name) says so.
            lang = getattr(label, "lang", "")
            lang = f' lang="{escape(lang)}"' if lang and not is_active_language(lang) else ""
            options.append(
                f'<option value="{escape(option_value)}"{selected}{lang}>{escape(label)}</option>'
            )
            if selected and not self.allow_multiple_selected:
                chosen = set()
        # Attributes in Django's order (name first), where flatatt() would sort them.
        html_attrs = "".join(
            f" {key}" if value is True else f' {key}="{escape(value)}"'
            for key, value in final_attrs.items()
            if value is not False and value is not None
        )
        return mark_safe(  # noqa: S308 - every value and label is escaped above
            f"<select{html_attrs}>\n" + "\n".join(options) + "\n</select>"
        )


@dataclasses.dataclass
class Offered:
    """What a choice field offers, in plain values that can be kept between requests.

    `rows` holds, by the value submitted, the columns an object is rebuilt from when chosen;
    `choices` the (value, label) pairs in order; `rendered` the field's <select> HTML.
    """

    model: type
    db: str
    names: list
    rows: dict
    choices: list
    rendered: dict = dataclasses.field(default_factory=dict)

    def chosen(self, value):
        """The object offered under `value`, or None."""
        row = self.rows.get(str(value))
        return None if row is None else partial_instance(self.model, self.db, self.names, row)


class ChoicesFromQuerysetMixin:
    """A model choice field whose choices can be read with other fields' in one query.

    `label_fields` name the columns that `__str__` and the templates read (besides the slug);
    `load_choices()` fills the field from rows holding just those columns, so that choosing
    validates against what was offered, without another query.
    """

    def __init__(self, *, label_fields=("name",), **kwargs):
        super().__init__(**kwargs)
        self.label_fields = tuple(label_fields)
        self.offered = None

    def set_loaded(self, objects):
        """Offer `objects`, model instances holding at least the label fields."""
        self.offer(self.offered_from(objects))

    def offered_from(self, objects, model=None, db=None):
        """What offering `objects` (of `model`, by default the queryset's) comes to."""
        key = self.to_field_name or "pk"
        names = ["pk", "slug", *self.label_fields]
        model = model or self.queryset.model
        choices = [("", str(self.empty_label))] if self.empty_label is not None else []
        rows = {}
        # Names sorted in the reader's alphabet (the database sorted the English ones); kept
        # per language with the choices.
        ordering = self.queryset.query.order_by if self.queryset is not None else ()
        for obj in in_reader_order(objects, model, ordering):
            value = str(getattr(obj, key))
            rows[value] = [getattr(obj, name) for name in names]
            label = self.label_from_instance(obj)
            # Lazy labels become text; a translated one stays as it is, with its language.
            choices.append((value, label if isinstance(label, str) else str(label)))
        names[0] = model._meta.pk.attname
        return Offered(model, db or self.queryset.db, names, rows, choices)

    def offer(self, offered):
        self.offered = offered
        # Already normalised: the choices setters would walk hundreds of them again.
        self._choices = self.widget._choices = offered.choices
        self.widget.rendered = offered.rendered

    def to_python(self, value):
        if self.offered is None or value in self.empty_values:
            return super().to_python(value)
        chosen = self.offered.chosen(value)
        if chosen is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return chosen


class SlugFilterField(ChoicesFromQuerysetMixin, forms.ModelChoiceField):
    """An optional filter chosen by slug; the form sets its queryset to what the public sees."""

    widget = LightSelect

    def __init__(self, *, label, empty_label, **kwargs):
        kwargs.setdefault("queryset", None)
        super().__init__(
            label=label, empty_label=empty_label, to_field_name="slug", required=False, **kwargs
        )


class FilterChoiceField(ChoicesFromQuerysetMixin, forms.ModelChoiceField):
    """An optional filter chosen by primary key, loadable with the form's other choices."""

    widget = LightSelect

    def __init__(self, *, label, empty_label, **kwargs):
        kwargs.setdefault("queryset", None)
        super().__init__(label=label, empty_label=empty_label, required=False, **kwargs)


def with_any(queryset, *related):
    """The rows of `queryset` for which any of `related` (querysets using OuterRef) has a row.

    Each check is a subquery with LIMIT 1, which PostgreSQL runs per row and stops at the
    first match. (EXISTS may be planned as a join that reads every related row first.)
    """
    names = {f"any_related_{n}": rows for n, rows in enumerate(related)}
    condition = Q()
    for name in names:
        condition |= Q(**{f"{name}__isnull": False})
    first = {name: Subquery(rows.order_by().values("pk")[:1]) for name, rows in names.items()}
    return queryset.alias(**first).filter(condition)


def ordering_expressions(queryset):
    """The queryset's ordering (or its model's) as expressions, for a window's ORDER BY."""
    names = queryset.query.order_by or queryset.model._meta.ordering or ["pk"]
    return [F(name[1:]).desc() if name.startswith("-") else F(name).asc() for name in names]


def load_choices(fields):
    """Offer each of several loadable fields its choices, read in one query."""
    for name, offered in read_choices(fields).items():
        fields[name].offer(offered)


def read_choices(fields):
    """Read the choices of several loadable fields in one query: a UNION ALL of small rows.

    Each row carries the field's name, the object's key and its label columns; the objects
    are rebuilt from those columns alone, in each queryset's own order. Answers an `Offered`
    per field.
    """
    fields = {name: field for name, field in fields.items() if field.queryset is not None}
    width = max((len(field.label_fields) for field in fields.values()), default=0)
    parts = []
    for name, field in fields.items():
        columns = {
            f"choice_{n}": Cast(F(column), TextField())
            for n, column in enumerate(field.label_fields)
        }
        columns.update({f"choice_{n}": Value("") for n in range(len(field.label_fields), width)})
        rows = (
            field.queryset.annotate(
                choice_field=Value(name, output_field=CharField()),
                choice_slug=Cast(F("slug"), TextField()),
                choice_order=Window(RowNumber(), order_by=ordering_expressions(field.queryset)),
                **columns,
            )
            .order_by()
            .values_list(
                "choice_field", "pk", "choice_slug", "choice_order", *columns, named=False
            )
        )
        parts.append(rows)
    if not parts:
        return {}
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    rows = rows.order_by("choice_field", "choice_order")
    found = {name: [] for name in fields}
    shapes = {
        name: (field.queryset.model, field.queryset.db, ["id", "slug", *field.label_fields])
        for name, field in fields.items()
    }
    for name, pk, slug, _order, *labels in rows:
        model, db, names = shapes[name]
        texts = zip(names[2:], labels, strict=False)  # labels are padded to the widest field
        values = [pk, slug, *(from_text(model, column, text) for column, text in texts)]
        found[name].append(partial_instance(model, db, names, values))
    return {
        name: field.offered_from(found[name], *shapes[name][:2]) for name, field in fields.items()
    }


def from_text(model, name, value):
    """A label column read back from text: JSON (such as `translations`) parsed again."""
    if isinstance(model._meta.get_field(name), JSONField):
        return json.loads(value) if value else {}
    return value


def partial_instance(model, db, names, values):
    """A saved `model` instance holding only the named fields, made without __init__.

    Hundreds of choices built through __init__ (defaults, signals) cost more than the query
    reading them; the labels and lookups need only these fields.
    """
    obj = model.__new__(model)
    obj.__dict__.update(zip(names, values, strict=False))
    obj._state = ModelState()
    obj._state.adding = False
    obj._state.db = db
    return obj


class KeptChoicesMixin:
    """A public form whose choices are what the public may see, the same for every reader:
    read in one query once per generation and language, then kept (`pagecache.kept`) with
    their HTML. Call `load_choices()` at the end of `__init__`."""

    def choice_querysets(self):
        """{field name: what the field offers}, asked only when the choices are not kept."""
        return {}

    def read_choices(self):
        """{field name: an `Offered`, or the (value, label) choices of a plain field}."""
        fields = {
            name: field
            for name, field in self.fields.items()
            if isinstance(field, ChoicesFromQuerysetMixin)
        }
        for name, queryset in self.choice_querysets().items():
            fields[name].queryset = queryset
        return read_choices(fields)

    def load_choices(self):
        """Offer every field its choices, as kept for this generation and language.

        Answers all that was kept: `read_choices` may keep more than the fields' choices.
        """
        form = type(self)
        kept = pagecache.kept(f"choices:{form.__module__}.{form.__qualname__}", self.read_choices)
        for name, offered in kept.items():
            field = self.fields.get(name)
            if isinstance(field, ChoicesFromQuerysetMixin):
                field.offer(offered)
            elif field is not None:
                field.choices = offered
        return kept


class FilterForm(KeptChoicesMixin, forms.Form):
    """A GET form narrowing a public list; every field is optional."""

    @property
    def is_filtered(self):
        """True when any filter is chosen; call after is_valid()."""
        return any(self.cleaned_data.get(name) for name in self.fields)


class IdField(forms.IntegerField):
    """A positive number that a database column can hold, such as an id or a version.

    Larger numbers are a form error, not a server error from the database driver.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's form, its email sent by a task so that the page never waits on the mail server."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        # The task makes the link again from the user's id: no token goes to the broker.
        extra = {key: value for key, value in context.items() if key not in RESET_CONTEXT}
        enqueue(
            password_reset_mail,
            context["user"].pk,
            context["domain"],
            context["site_name"],
            context["protocol"] == "https",
            subject_template_name,
            email_template_name,
            html_email_template_name,
            extra,
        )


# What Django's form puts in the email's context; the rest is the view's extra_email_context.
RESET_CONTEXT = {"email", "domain", "site_name", "uid", "user", "token", "protocol"}
