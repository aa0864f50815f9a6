from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from coalition.cases.models import LitigationCase
from coalition.forms import SlugFilterField
from coalition.models import Country, Topic
from partners.models import Partner

from . import KINDS, MAX_QUERY_LENGTH, clean_query, search
from .sources import SOURCES


class SearchQueryField(forms.CharField):
    """Any text is a query: it is cleaned, never refused."""

    def to_python(self, value):
        return clean_query(super().to_python(value))


class SearchForm(forms.Form):
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
    topic = SlugFilterField(label=_("Topic"), empty_label=_("All topics"))
    country = SlugFilterField(label=_("Country"), empty_label=_("All countries"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.was_shortened = False
        articles = Article.objects.published()
        cases = LitigationCase.objects.published()
        partners = Partner.objects.published()
        self.fields["topic"].queryset = Topic.objects.filter(
            Q(pk__in=articles.values("topics"))
            | Q(pk__in=cases.values("topics"))
            | Q(pk__in=partners.values("topics"))
        )
        self.fields["country"].queryset = Country.objects.filter(
            Q(pk__in=articles.values("countries"))
            | Q(pk__in=cases.values("respondent_states"))
            | Q(pk__in=partners.values("countries"))
        )

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
