"""The list pages' form pieces: the Python select and choices read in one query."""

import time

import pytest
from django import forms
from django.db.models import OuterRef
from django.utils import translation

from articles.models import Article
from coalition import pagecache
from coalition.forms import FilterForm, LightSelect, SlugFilterField, with_any
from coalition.models import Topic
from tests import factories

pytestmark = pytest.mark.django_db


def django_select(choices, value, attrs=None):
    return forms.Select(choices=choices).render("topic", value, attrs=attrs)


@pytest.mark.parametrize("value", ["", "b", None])
def test_light_select_writes_what_djangos_select_writes(value):
    choices = [("", "All"), ("a", "Alpha & <Omega>"), ("b", 'Quote "B"')]
    attrs = {"id": "id_topic", "aria-describedby": "help", "required": True}

    light = LightSelect(choices=choices).render("topic", value, attrs=attrs)

    assert " ".join(light.split()) == " ".join(django_select(choices, value, attrs).split())


def test_light_select_escapes_labels_and_values():
    html = LightSelect(choices=[('"><script>', "<b>bold</b>")]).render("topic", "")

    assert "<script>" not in html
    assert "<b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


class TopicForm(FilterForm):
    topic = SlugFilterField(
        label="Topic", empty_label="All topics", label_fields=("name", "translations")
    )
    other = SlugFilterField(label="Other", empty_label="Any")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.load_choices()

    def choice_querysets(self):
        used = Article.objects.published()
        return {
            "topic": with_any(Topic.objects.all(), used.filter(topics=OuterRef("pk"))),
            "other": Topic.objects.order_by("-name"),
        }


def knows_the_next_scheduled_change():
    """Ask what pages of this generation ask once, so that a test counts the choices' queries."""
    pagecache.next_scheduled_change(pagecache.generation(), time.time())


def test_choices_of_every_field_come_from_one_query_and_validate_without_another(
    django_assert_num_queries,
):
    torture = factories.TopicFactory(name="Torture", slug="torture")
    factories.TopicFactory(name="Unused", slug="unused")
    factories.ArticleFactory().topics.add(torture)
    knows_the_next_scheduled_change()

    with django_assert_num_queries(1):
        form = TopicForm({"topic": "torture", "other": "unused"})
        assert form.is_valid(), form.errors

    assert form.cleaned_data["topic"] == torture
    assert str(form.cleaned_data["topic"]) == "Torture"
    assert [label for _value, label in form.fields["topic"].choices] == ["All topics", "Torture"]
    # Each field keeps its own queryset's order.
    assert [label for _value, label in form.fields["other"].choices] == [
        "Any",
        "Unused",
        "Torture",
    ]


def test_choices_are_kept_until_the_next_generation(django_assert_num_queries):
    torture = factories.TopicFactory(name="Torture", slug="torture")
    factories.ArticleFactory().topics.add(torture)
    knows_the_next_scheduled_change()
    TopicForm()

    with django_assert_num_queries(0):
        form = TopicForm({"topic": "torture"})
        assert form.is_valid(), form.errors
        html = str(form["topic"])
    assert form.cleaned_data["topic"] == torture
    assert '<option value="torture" selected>Torture</option>' in html

    pagecache.invalidate()
    knows_the_next_scheduled_change()
    with django_assert_num_queries(1):
        TopicForm()


def test_a_saved_change_is_offered_at_once_even_before_it_is_committed():
    torture = factories.TopicFactory(name="Torture", slug="torture")
    factories.ArticleFactory().topics.add(torture)
    assert [label for _v, label in TopicForm().fields["topic"].choices] == [
        "All topics",
        "Torture",
    ]

    fair_trial = factories.TopicFactory(name="Fair trial", slug="fair-trial")
    factories.ArticleFactory().topics.add(fair_trial)

    form = TopicForm({"topic": "fair-trial"})
    assert form.is_valid(), form.errors
    assert [label for _v, label in form.fields["topic"].choices] == [
        "All topics",
        "Fair trial",
        "Torture",
    ]


def test_choices_are_kept_per_language():
    factories.ArticleFactory().topics.add(
        factories.TopicFactory(
            name="Torture", translations={"ru": {"name": "Пытки"}}, slug="torture"
        )
    )

    with translation.override("ru"):
        russian = [label for _v, label in TopicForm().fields["topic"].choices]
    english = [label for _v, label in TopicForm().fields["topic"].choices]

    assert russian[1:] == ["Пытки"]
    assert english[1:] == ["Torture"]


@pytest.mark.parametrize("value", ["", "a", "b", None, "missing"])
def test_a_kept_select_writes_what_djangos_select_writes(value):
    choices = [("", "All"), ("a", "Alpha & <Omega>"), ("b", 'Quote "B"')]
    attrs = {"id": "id_topic"}
    widget = LightSelect(choices=choices)
    widget.rendered = {}
    widget.render("topic", "a", attrs=attrs)  # Kept with nothing chosen, then reused.

    light = widget.render("topic", value, attrs=attrs)

    assert len(widget.rendered) == 1
    assert " ".join(light.split()) == " ".join(django_select(choices, value, attrs).split())


def test_a_choice_not_offered_is_refused():
    factories.TopicFactory(name="Unused", slug="unused")

    form = TopicForm({"topic": "unused"})

    assert not form.is_valid()
    assert "topic" in form.errors
