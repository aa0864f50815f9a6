"""The list pages' form pieces: the Python select and choices read in one query."""

import pytest
from django import forms
from django.db.models import OuterRef

from articles.models import Article
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
        label="Topic", empty_label="All topics", label_fields=("name", "name_ru")
    )
    other = SlugFilterField(label="Other", empty_label="Any")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        used = Article.objects.published()
        self.fields["topic"].queryset = with_any(
            Topic.objects.all(), used.filter(topics=OuterRef("pk"))
        )
        self.fields["other"].queryset = Topic.objects.order_by("-name")
        self.load_choices()


def test_choices_of_every_field_come_from_one_query_and_validate_without_another(
    django_assert_num_queries,
):
    torture = factories.TopicFactory(name="Torture", slug="torture")
    factories.TopicFactory(name="Unused", slug="unused")
    factories.ArticleFactory().topics.add(torture)

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


def test_a_choice_not_offered_is_refused():
    factories.TopicFactory(name="Unused", slug="unused")

    form = TopicForm({"topic": "unused"})

    assert not form.is_valid()
    assert "topic" in form.errors
