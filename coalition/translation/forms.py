"""Form fields for the translations of a model's text fields, one per field and language."""

import copy

from django.forms.models import ModelChoiceField, ModelChoiceIterator
from django.utils.text import capfirst, format_lazy

from . import other_languages
from .collation import in_reader_order, translated_ordering

STORED_IN = "translations"


def form_field_name(name, language):
    """The form field holding field `name` in `language`: "summary_ru"."""
    return f"{name}_{language.replace('-', '_')}"


def translation_form_fields(model, names=None):
    """{form field name: (language, model field name)} for the other languages, in order."""
    names = [
        name for name in (names or model.translated_fields) if name in model.translated_fields
    ]
    return {
        form_field_name(name, code): (code, name)
        for code, _local in other_languages()
        for name in names
    }


def _form_field(model_field, language, local_name, like=None):
    field = model_field.formfield(required=False)
    if like is not None:
        # The source field's widget (a Markdown editor, a smaller textarea) suits it too.
        field.widget = copy.deepcopy(like.widget)
        field.widget.is_required = False
    field.label = format_lazy("{} ({})", capfirst(model_field.verbose_name), local_name)
    field.help_text = ""
    # Spelling checkers and screen readers then take the text for what it is.
    field.widget.attrs["lang"] = language
    return field


class TranslationsFormMixin:
    """Reads the translation fields from the instance's `translations` and writes them back.

    A blank field means "not translated": readers get the source text, marked as such.
    """

    translation_fields = {}
    # Form fields whose values the model keeps in another field: the revisions read this.
    stored_in = {}

    def get_initial_for_field(self, field, field_name):
        if field_name not in self.translation_fields or field_name in self.initial:
            return super().get_initial_for_field(field, field_name)
        # Read when asked, so that a draft's translations put in `initial` later count too.
        stored = self.initial.get(STORED_IN)
        if stored is None:
            stored = self.instance.translations or {}
        language, name = self.translation_fields[field_name]
        return stored.get(language, {}).get(name, "")

    def _post_clean(self):
        # Before the model's own validation, so that it sees the translations too.
        by_language = {}
        for field_name, (language, name) in self.translation_fields.items():
            if field_name in self.cleaned_data:
                by_language.setdefault(language, {})[name] = self.cleaned_data[field_name]
        for language, texts in by_language.items():
            self.instance.set_translations(language, texts)
        super()._post_clean()


def with_translations(form_class, names=None):
    """`form_class` (a ModelForm) with a field per translated field and configured language."""
    model = form_class._meta.model
    fields = translation_form_fields(model, names)
    local_names = dict(other_languages())
    attrs = {
        field_name: _form_field(
            model._meta.get_field(name),
            language,
            local_names[language],
            like=form_class.base_fields.get(name),
        )
        for field_name, (language, name) in fields.items()
    }
    attrs["__module__"] = form_class.__module__
    attrs["translation_fields"] = fields
    attrs["stored_in"] = dict.fromkeys(fields, STORED_IN)
    return type(form_class.__name__, (TranslationsFormMixin, form_class), attrs)


class AlphabeticalChoiceIterator(ModelChoiceIterator):
    """A model choice field's choices, by name in the reader's alphabet (see `collation`)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        queryset = self.queryset
        for obj in in_reader_order(queryset, queryset.model, queryset.query.order_by):
            yield self.choice(obj)


def alphabetical_choices(form):
    """Offer the topics, countries, partners… of `form`'s model choice fields by name in the
    reader's alphabet, where the database would sort them by their English names."""
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if (
            isinstance(field, ModelChoiceField)
            and queryset is not None
            and translated_ordering(queryset.model, queryset.query.order_by)
        ):
            field.iterator = AlphabeticalChoiceIterator
            field.widget.choices = field.choices
