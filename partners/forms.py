from django.db.models import Count, OuterRef
from django.utils.translation import gettext_lazy as _

from coalition.forms import FilterForm, SlugFilterField, with_any
from coalition.models import Country, Topic
from coalition.translation.collation import in_reader_order

from .models import Partner


def countries_with_partners():
    """Countries where at least one published partner works, with `partner_count`."""
    return (
        Country.objects.filter(partners__in=Partner.objects.published())
        .annotate(partner_count=Count("partners"))
        .order_by("name")
    )


def topics_with_partners():
    """Topics at least one published partner works on."""
    return with_any(Topic.objects.all(), Partner.objects.published().filter(topics=OuterRef("pk")))


class PartnerFilterForm(FilterForm):
    """The GET form narrowing the partner list; its choices are only what the public sees."""

    country = SlugFilterField(
        label=_("Country"), empty_label=_("All countries"), label_fields=("name", "translations")
    )
    topic = SlugFilterField(
        label=_("Topic"), empty_label=_("All topics"), label_fields=("name", "translations")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.countries = self.load_choices()["countries"]

    def read_choices(self):
        # Read once: the list page shows these countries with their counts too.
        countries = in_reader_order(countries_with_partners(), Country)
        self.fields["country"].queryset = countries_with_partners()
        self.fields["topic"].queryset = topics_with_partners()
        return {
            "country": self.fields["country"].offered_from(countries),
            "topic": self.fields["topic"].offered_from(list(self.fields["topic"].queryset)),
            "countries": countries,
        }

    def filter(self, partners):
        """Narrow `partners` to the chosen country and topic; call after is_valid()."""
        if country := self.cleaned_data.get("country"):
            partners = partners.filter(countries=country)
        if topic := self.cleaned_data.get("topic"):
            partners = partners.filter(topics=topic)
        return partners
