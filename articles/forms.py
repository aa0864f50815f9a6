import datetime
import functools

from django import forms
from django.conf import settings
from django.db.models import Exists, Max, Min, OuterRef
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from coalition import vocabulary
from coalition.cases.models import LitigationCase
from coalition.forms import (
    FilterChoiceField,
    FilterForm,
    LightSelect,
    SlugFilterField,
    with_any,
)
from coalition.models import Country, Topic
from coalition.translation.forms import alphabetical_choices
from partners.models import Partner

from .models import Article, Signature


def articles_about(subject):
    """The article list narrowed to one topic or country: the page their names link to."""
    # The filter form's fields are named after the models: "topic", "country".
    return f"{article_list_url()}?{urlencode({subject._meta.model_name: subject.slug})}"


def article_list_url():
    """The article list's address in the active language; a list page links to it dozens of
    times (each teaser's topics), and reversing it each time was a tenth of the page."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _article_list_url(translation.get_language(), get_script_prefix(), urlconf)


@functools.lru_cache(maxsize=64)
def _article_list_url(language, script_prefix, urlconf):
    return reverse("articles:list", urlconf=urlconf)


class ArticleFilterForm(FilterForm):
    """The GET form narrowing the article list; it offers only what published articles use."""

    topic = SlugFilterField(
        label=_("Topic"), empty_label=_("All topics"), label_fields=("name", "translations")
    )
    country = SlugFilterField(
        label=_("Country"), empty_label=_("All countries"), label_fields=("name", "translations")
    )
    partner = SlugFilterField(
        label=_("Partner"), empty_label=_("All partners"), label_fields=("name", "translations")
    )
    case = FilterChoiceField(
        label=_("Case"),
        empty_label=_("All cases"),
        label_fields=("title", "short_title", "translations"),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            ("", _("All kinds")),
            *((value, capfirst(label)) for value, label in Article.Kind.choices),
        ],
        required=False,
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, empty_value=None, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.load_choices()

    def choice_querysets(self):
        published = Article.objects.published()
        # A check per row of the small table, each stopping at its first published article,
        # where a join with DISTINCT would read every published article's rows.
        return {
            "topic": with_any(Topic.objects.all(), published.filter(topics=OuterRef("pk"))),
            "country": with_any(Country.objects.all(), published.filter(countries=OuterRef("pk"))),
            "partner": with_any(
                Partner.objects.published(), published.filter(partners=OuterRef("pk"))
            ),
            "case": with_any(
                LitigationCase.objects.published(), published.filter(cases=OuterRef("pk"))
            ),
        }

    def read_choices(self):
        years = self.years(Article.objects.published())
        return {**super().read_choices(), "year": [("", str(_("All years"))), *years]}

    @staticmethod
    def years(published):
        """Each year with published articles, the latest first, as (year, year) choices.

        The first and last years come from the two ends of the newest-first index; then one
        query asks, for each year between, whether an article exists: each answer stops at
        the first one found, where a DISTINCT would read every article.
        """
        ends = published.aggregate(first=Min("first_published_at"), last=Max("first_published_at"))
        if ends["first"] is None:
            return []
        first, last = (timezone.localtime(ends[end]).year for end in ("first", "last"))
        checks = {}
        zone = timezone.get_current_timezone()
        for year in range(last, first - 1, -1):
            start = datetime.datetime(year, 1, 1, tzinfo=zone)
            end = datetime.datetime(year + 1, 1, 1, tzinfo=zone)
            in_year = published.filter(first_published_at__gte=start, first_published_at__lt=end)
            checks[f"year_{year}"] = Exists(in_year)
        [found] = published.order_by().annotate(**checks).values(*checks)[:1]
        return [(int(name[5:]), int(name[5:])) for name, exists in found.items() if exists]

    def filter(self, articles):
        """Narrow `articles` to the chosen filters; call after is_valid()."""
        data = self.cleaned_data
        if data.get("topic"):
            articles = articles.filter(topics=data["topic"])
        if data.get("country"):
            articles = articles.filter(countries=data["country"])
        if data.get("partner"):
            articles = articles.filter(partners=data["partner"])
        if data.get("case"):
            articles = articles.filter(cases=data["case"])
        if data.get("kind"):
            articles = articles.filter(kind=data["kind"])
        if data.get("year"):
            articles = articles.filter(first_published_at__year=data["year"])
        return articles

    @property
    def chosen(self):
        """The filters in use as (label, value) pairs, to tell readers what the list shows."""
        chosen = []
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if not value:
                continue
            if name == "kind":
                value = capfirst(Article.Kind(value).label)
            chosen.append((field.label, value))
        return chosen

    @property
    def follow_feed(self):
        """The feed of the one topic, country or partner chosen, for readers to follow."""
        for name in ("topic", "country", "partner"):
            chosen = self.cleaned_data.get(name)
            if chosen:
                return {
                    "title": str(chosen),
                    "rss": reverse(f"feeds:{name}-rss", args=[chosen.slug]),
                    "atom": reverse(f"feeds:{name}-atom", args=[chosen.slug]),
                }
        return None

    @property
    def summary(self):
        """The chosen values in one line, such as 'Torture, Kazakhstan, 2024'."""
        return ", ".join(str(value) for _label, value in self.chosen)


class CountrySelect(LightSelect):
    """The country list, rendered once per language and process and then reused.

    About 250 options through the template-based widget rendering were most of the article
    page's time. The HTML is kept per language and attributes, under the vocabulary's
    generation, so an edited country shows at once; a chosen value renders as usual.
    """

    # Not LightSelect's `rendered`, which is keyed by attributes only: each language has its
    # own "Prefer not to say" and country names.
    by_language = {}

    def render(self, name, value, attrs=None, renderer=None):
        if value not in (None, ""):
            return super().render(name, value, attrs, renderer)
        key = (
            vocabulary.current_generation(),
            translation.get_language(),
            name,
            tuple(sorted(self.build_attrs(self.attrs, attrs).items())),
        )
        html = self.by_language.get(key)
        if html is None:
            if len(self.by_language) > 100:
                self.by_language.clear()  # Old generations: drop them rather than grow.
            html = self.by_language[key] = super().render(name, value, attrs, renderer)
        return html


class SignatureForm(forms.ModelForm):
    """A reader adding their voice to an article's call: one signature per email address.

    A repeated address is no mistake, and the answer must not tell whether an address signed:
    the view sends the confirmation again (`pending_signature`) or tells the address's owner by
    email that their voice already counts (`counted_signature`).
    """

    honeypot_name = "website"

    consent = forms.BooleanField(
        label=_("I agree that the coalition keeps these details."),
        help_text=_(
            "We store your name, country and message to count your voice and present it with "
            "this call, and your email address only to confirm your voice and make sure each "
            "person is counted once. We never publish your email address or share it."
        ),
        error_messages={"required": _("Your voice can only be counted with your agreement.")},
    )
    # People never see this field; programs filling in every field do.
    website = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Signature
        fields = ["name", "email", "country", "message", "consent"]
        labels = {
            "name": _("Your name"),
            "email": _("Your email address"),
            "country": _("Your country (optional)"),
            "message": _("A message (optional)"),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 4}), "country": CountrySelect}

    # The blank form's fields as HTML, by vocabulary generation (the country names) and
    # language: the same on every article page, and most of its rendering time.
    blank_fields = {}
    fields_template = "articles/includes/signature_fields.html"

    def __init__(self, *args, article, **kwargs):
        super().__init__(*args, instance=Signature(article=article), **kwargs)
        self.fields["country"].empty_label = _("Prefer not to say")
        alphabetical_choices(self)
        self.pending_signature = None
        self.counted_signature = None
        self.is_blank = not self.is_bound and not kwargs.get("initial")

    def fields_html(self):
        """The fields, the trap field among them; a blank form's rendered once per language."""
        if not self.is_blank:
            return render_to_string(self.fields_template, {"form": self})
        key = (vocabulary.current_generation(), translation.get_language())
        html = self.blank_fields.get(key)
        if html is None:
            if len(self.blank_fields) > 20:
                self.blank_fields.clear()  # Old generations: dropped rather than grown.
            html = render_to_string(self.fields_template, {"form": self})
            self.blank_fields[key] = html
        return html

    @property
    def honeypot(self):
        return self[self.honeypot_name]

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != self.honeypot_name]

    def is_honeypot_filled(self):
        return bool(self.data.get(self.add_prefix(self.honeypot_name), "").strip())

    def clean_email(self):
        # Stored addresses are lowercase (Signature.save), so the comparison must be too.
        email = self.cleaned_data["email"].lower()
        earlier = Signature.objects.filter(article=self.instance.article, email=email).first()
        if earlier is not None and earlier.confirmed_at is not None:
            self.counted_signature = earlier
        else:
            self.pending_signature = earlier
        return email
