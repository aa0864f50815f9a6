"""The admin side of translated fields: a collapsible fieldset per language."""

from django.contrib.admin.utils import flatten_fieldsets

from . import other_languages
from .forms import translation_form_fields, with_translations


class TranslationAdminMixin:
    """Adds the model's translated fields, grouped by language, to its admin form.

    Put it after RevisionAdminMixin in the bases, so that "About this save" stays last.
    """

    def translation_field_names(self):
        return set(translation_form_fields(self.model))

    def get_fieldsets(self, request, obj=None):
        names = self.translation_field_names()
        fieldsets = [
            (title, {**options, "fields": [f for f in options["fields"] if f not in names]})
            for title, options in super().get_fieldsets(request, obj)
        ]
        fields = translation_form_fields(self.model)
        for code, local_name in other_languages():
            in_language = [name for name, (language, _f) in fields.items() if language == code]
            fieldsets.append((local_name, {"fields": in_language, "classes": ["collapse"]}))
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        if "fields" not in kwargs:
            kwargs["fields"] = flatten_fieldsets(self.get_fieldsets(request, obj))
        if kwargs["fields"] is not None:
            names = self.translation_field_names()
            kwargs["fields"] = [f for f in kwargs["fields"] if f not in names]
        return with_translations(super().get_form(request, obj, change, **kwargs))
