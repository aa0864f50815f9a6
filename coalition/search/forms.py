from django import forms
from django.db.models import OuterRef
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from coalition.cases.models import LitigationCase
from coalition.forms import KeptChoicesMixin, SlugFilterField, with_any
from coalition.models import Country, Topic
from partners.models import Partner

from . import KINDS, MAX_QUERY_LENGTH, clean_query, search
from .sources import SOURCES


class SearchQueryField(forms.CharField):
    """Any text is a query: it is cleaned, never refused."""

    def to_python(self, value):
        return clean_query(super().to_python(value))


class SearchForm(KeptChoicesMixin, forms.Form):
    """The GET form of the search page: words, and what to look in."""

    q = SearchQueryField(
        label=_("Search for"),
        required=False,
        widget=forms.SearchInput(attrs={"maxlength": MAX_QUERY_LENGTH}),
    )
    kind = forms.ChoiceField(
        label=_("Look in"),
        choices=[("", _("Everything")), *((kind, SOURCES[kind].label) for kind in KINDS)],
        required=False,
    )
    topic = SlugFilterField(
        label=_("Topic"), empty_label=_("All topics"), label_fields=("name", "translations")
    )
    country = SlugFilterField(
        label=_("Country"), empty_label=_("All countries"), label_fields=("name", "translations")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.was_shortened = False
        self.load_choices()

    def choice_querysets(self):
        articles = Article.objects.published()
        cases = LitigationCase.objects.published()
        partners = Partner.objects.published()
        # A check per topic and country, each stopping at its first published match, rather
        # than collecting the topics of every published article.
        return {
            "topic": with_any(
                Topic.objects.all(),
                articles.filter(topics=OuterRef("pk")),
                cases.filter(topics=OuterRef("pk")),
                partners.filter(topics=OuterRef("pk")),
            ),
            "country": with_any(
                Country.objects.all(),
                articles.filter(countries=OuterRef("pk")),
                cases.filter(respondent_states=OuterRef("pk")),
                partners.filter(countries=OuterRef("pk")),
            ),
        }

    def clean_q(self):
        query = self.cleaned_data["q"]
        self.was_shortened = len(self.data.get("q", "")) > MAX_QUERY_LENGTH
        return query

    def search(self):
        """The results of the valid form's query; call after is_valid()."""
        data = self.cleaned_data
        return search(
            data["q"],
            kinds=[data["kind"]] if data["kind"] else None,
            topic=data["topic"],
            country=data["country"],
        )
