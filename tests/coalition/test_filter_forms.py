"""List pages' filter forms, made once per page generation, language and filters chosen."""

import pytest
from django.template.loader import render_to_string

from articles.forms import ArticleFilterForm
from coalition.templatetags import filter_forms
from tests import factories

pytestmark = pytest.mark.django_db


def fresh(data):
    form = ArticleFilterForm(data)
    assert form.is_valid()
    context = {"form": form, "action": "/articles/", "label": "Filter", "submit": "Show"}
    return render_to_string("includes/filter_form.html", context)


def kept(data):
    form = ArticleFilterForm(data)
    assert form.is_valid()
    return filter_forms.filter_form(form, "/articles/", "Filter", "Show")


@pytest.fixture
def on_torture(torture, partner):
    article = factories.ArticleFactory()
    article.topics.add(torture)
    article.partners.add(partner)
    return article


def test_the_kept_form_is_the_form_as_rendered_for_each_choice_of_filters(on_torture, monkeypatch):
    unfiltered, filtered = kept({}), kept({"topic": "torture"})
    renders = []
    monkeypatch.setattr(filter_forms, "render_to_string", lambda *args: renders.append(args))

    assert kept({}) == unfiltered == fresh({})
    assert kept({"topic": "torture", "page": "2"}) == filtered == fresh({"topic": "torture"})
    assert '<option value="torture" selected>' in filtered
    assert '<option value="torture" selected>' not in unfiltered
    assert renders == []


def test_the_list_page_shows_a_changed_choice_at_once(client, on_torture, partner):
    assert partner.name in client.get("/articles/").content.decode()

    partner.name = "Kazakhstan International Bureau for Human Rights"
    partner.save()
    html = client.get("/articles/").content.decode()

    assert ">Kazakhstan International Bureau for Human Rights<" in html
