from django import forms
from django.db.models import OuterRef
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from coalition.forms import FilterForm, SlugFilterField, with_any
from coalition.models import Country, Topic

from .models import Forum, LitigationCase


class CaseFilterForm(FilterForm):
    """The GET form narrowing the case list; its choices are only what the public sees."""

    ACTIVE = "active"
    FINISHED = "finished"

    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            ("", _("Any status")),
            *((value, capfirst(label)) for value, label in LitigationCase.Status.choices),
        ],
        required=False,
    )
    progress = forms.ChoiceField(
        label=_("Ongoing or finished"),
        choices=[
            ("", _("Ongoing and finished")),
            (ACTIVE, _("Ongoing only")),
            (FINISHED, _("Finished only")),
        ],
        required=False,
    )
    forum = SlugFilterField(label=_("Court or body"), empty_label=_("Any court or body"))
    country = SlugFilterField(
        label=_("Respondent state"),
        empty_label=_("Any state"),
        label_fields=("name", "translations"),
    )
    topic = SlugFilterField(
        label=_("Topic"), empty_label=_("Any topic"), label_fields=("name", "translations")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.load_choices()

    def choice_querysets(self):
        public_cases = LitigationCase.objects.published()
        # A check per row rather than a join with DISTINCT: each stops at its first case.
        return {
            "forum": with_any(
                Forum.objects.all(), public_cases.filter(proceedings__forum=OuterRef("pk"))
            ),
            "country": with_any(
                Country.objects.all(), public_cases.filter(respondent_states=OuterRef("pk"))
            ),
            "topic": with_any(Topic.objects.all(), public_cases.filter(topics=OuterRef("pk"))),
        }

    def filter(self, cases):
        """Narrow `cases` to the chosen filters; call after is_valid()."""
        data = self.cleaned_data
        if data.get("status"):
            cases = cases.filter(status=data["status"])
        if data.get("progress") == self.ACTIVE:
            cases = cases.active()
        elif data.get("progress") == self.FINISHED:
            cases = cases.filter(status__in=LitigationCase.Status.finished())
        if data.get("forum"):
            # Distinct: a case can have several proceedings before the same forum.
            cases = cases.filter(proceedings__forum=data["forum"]).distinct()
        if data.get("country"):
            cases = cases.filter(respondent_states=data["country"])
        if data.get("topic"):
            cases = cases.filter(topics=data["topic"])
        return cases
