import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import set_script_prefix
from django.utils import translation

from articles.forms import ArticleFilterForm, SignatureForm, articles_about
from articles.models import Signature
from tests import factories

pytestmark = pytest.mark.django_db


def signature_data(**overrides):
    return {
        "name": "Dana Reader",
        "email": "dana@example.org",
        "country": "",
        "message": "",
        "consent": "on",
        **overrides,
    }


# ArticleFilterForm


def test_empty_filter_form_is_valid_and_filters_nothing(published_article):
    form = ArticleFilterForm({})

    assert form.is_valid()
    assert not form.is_filtered
    assert form.chosen == []


def test_empty_filter_values_are_ignored(published_article):
    form = ArticleFilterForm(
        dict.fromkeys(["topic", "country", "partner", "case", "kind", "year"], "")
    )

    assert form.is_valid()
    assert not form.is_filtered


def test_filter_form_offers_only_what_published_articles_use(
    published_article, hidden_articles, torture, fair_trial, partner, other_partner
):
    private_case = factories.LitigationCaseFactory(title="Secret v. Kazakhstan", is_public=False)
    public_case = factories.LitigationCaseFactory(title="Abdullaev v. Kazakhstan")
    factories.LitigationCaseFactory(title="Unreported v. Kyrgyzstan")
    published_article.topics.add(torture)
    published_article.countries.add(factories.country("KZ"))
    published_article.partners.add(partner)
    published_article.cases.add(public_case, private_case)
    for hidden in hidden_articles:
        hidden.topics.add(fair_trial)
        hidden.countries.add(factories.country("KG"))
        hidden.partners.add(other_partner)
        hidden.cases.add(public_case)
    inactive = factories.PartnerFactory(name="Dissolved Committee", is_active=False)
    published_article.partners.add(inactive)

    form = ArticleFilterForm({})

    assert list(form.fields["topic"].queryset) == [torture]
    assert list(form.fields["country"].queryset) == [factories.country("KZ")]
    assert list(form.fields["partner"].queryset) == [partner]
    assert list(form.fields["case"].queryset) == [public_case]
    assert [value for value, _label in form.fields["year"].choices] == [
        "",
        published_article.first_published_at.year,
    ]


def test_filter_form_offers_each_year_with_published_articles_newest_first():
    for year in (2021, 2023, 2023):
        factories.ArticleFactory(publish_at=datetime.datetime(year, 6, 1, tzinfo=datetime.UTC))
    factories.ArticleFactory(
        status="draft", first_published_at=datetime.datetime(2019, 6, 1, tzinfo=datetime.UTC)
    )

    form = ArticleFilterForm({})

    assert form.fields["year"].choices == [("", "All years"), (2023, 2023), (2021, 2021)]


@pytest.mark.parametrize(
    "query",
    [
        {"topic": "nonexistent"},
        {"country": "atlantis"},
        {"partner": "nobody"},
        {"case": "abc"},
        {"case": "999999"},
        {"kind": "bogus"},
        {"year": "x"},
        {"year": "1999"},
    ],
)
def test_filter_form_refuses_unknown_values(published_article, query):
    assert not ArticleFilterForm(query).is_valid()


def test_filter_form_describes_the_chosen_filters(published_article, torture):
    published_article.topics.add(torture)
    published_article.kind = "press_release"
    published_article.save()
    year = published_article.first_published_at.year

    form = ArticleFilterForm({"topic": "torture", "kind": "press_release", "year": str(year)})

    assert form.is_valid()
    assert form.is_filtered
    assert form.chosen == [("Topic", torture), ("Kind", "Press release"), ("Year", year)]
    assert form.summary == f"Torture, Press release, {year}"


# SignatureForm


def test_signature_form_stores_an_unconfirmed_signature(campaign):
    form = SignatureForm(
        signature_data(country=str(factories.country("KZ").pk), message="Stop it now."),
        article=campaign,
    )

    assert form.is_valid(), form.errors
    signature = form.save()

    signature.refresh_from_db()
    assert signature.article == campaign
    assert signature.name == "Dana Reader"
    assert signature.country == factories.country("KZ")
    assert signature.message == "Stop it now."
    assert signature.consent is True
    assert signature.confirmed_at is None


def test_signature_form_needs_only_name_email_and_consent(campaign):
    form = SignatureForm(signature_data(), article=campaign)

    assert form.is_valid(), form.errors
    assert form.save().country is None


def test_signature_form_lowercases_the_email(campaign):
    form = SignatureForm(signature_data(email="  Dana@Example.ORG "), article=campaign)

    assert form.is_valid()
    assert form.cleaned_data["email"] == "dana@example.org"


@pytest.mark.parametrize("email", ["dana@example.org", "DANA@Example.org"])
def test_signature_form_finds_the_voice_an_address_already_gave(campaign, email):
    counted = factories.SignatureFactory(article=campaign, email="dana@example.org")

    form = SignatureForm(signature_data(email=email), article=campaign)

    # No form error: the answer must not tell whether the address signed.
    assert form.is_valid(), form.errors
    assert form.counted_signature == counted
    assert form.pending_signature is None


def test_signature_form_accepts_the_same_email_on_another_article(campaign):
    other = factories.ArticleFactory(cta_enabled=True, cta_prompt="Free the lawyers.")
    factories.SignatureFactory(article=other, email="dana@example.org")

    assert SignatureForm(signature_data(), article=campaign).is_valid()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"consent": ""}, "consent"),
        ({"name": ""}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"email": ""}, "email"),
        ({"email": "not-an-address"}, "email"),
        ({"country": "999999"}, "country"),
        ({"message": "x" * 1001}, "message"),
    ],
)
def test_signature_form_refuses_bad_input(campaign, overrides, field):
    form = SignatureForm(signature_data(**overrides), article=campaign)

    assert not form.is_valid()
    assert list(form.errors) == [field]
    assert not Signature.objects.exists()


def test_signature_form_explains_consent(campaign):
    consent = SignatureForm(article=campaign)["consent"]

    assert consent.field.required
    assert "email address" in consent.help_text
    assert "never publish" in consent.help_text


def test_signature_form_offers_every_country_and_none(campaign):
    field = SignatureForm(article=campaign).fields["country"]

    assert not field.required
    assert field.empty_label == "Prefer not to say"
    assert field.queryset.filter(code="KZ").exists()


def test_a_topic_links_to_the_articles_on_it():
    topic = factories.TopicFactory(slug="torture")
    assert articles_about(topic) == "/articles/?topic=torture"


def test_a_country_links_to_the_articles_about_it():
    assert articles_about(factories.country("KZ")) == "/articles/?country=kazakhstan"


def render_fresh(form):
    return render_to_string(SignatureForm.fields_template, {"form": form})


def test_a_blank_signature_form_is_rendered_once_per_language(campaign):
    other_campaign = factories.ArticleFactory(cta_enabled=True, slug="another-call")
    SignatureForm.blank_fields.clear()
    english = SignatureForm(article=campaign).fields_html()
    with translation.override("ru"):
        russian = SignatureForm(article=campaign).fields_html()
        assert russian == render_fresh(SignatureForm(article=campaign))

    assert english == render_fresh(SignatureForm(article=campaign))
    assert "Your email address" in english
    assert 'name="website"' in english
    assert russian != english
    assert len(SignatureForm.blank_fields) == 2
    # Another article's form reuses the HTML: nothing in it names the article.
    assert SignatureForm(article=other_campaign).fields_html() is english


def test_a_renamed_country_shows_in_the_blank_signature_form_at_once(campaign):
    SignatureForm(article=campaign).fields_html()
    kazakhstan = factories.country("KZ")
    kazakhstan.name = "Republic of Kazakhstan"
    kazakhstan.save()

    assert ">Republic of Kazakhstan<" in SignatureForm(article=campaign).fields_html()


def test_a_signature_form_with_what_was_typed_or_its_mistakes_is_rendered_afresh(campaign):
    blank = SignatureForm(article=campaign).fields_html()
    typed = SignatureForm(initial={"name": "Dana Reader"}, article=campaign).fields_html()
    wrong = SignatureForm(signature_data(email="not-an-address"), article=campaign)

    assert 'value="Dana Reader"' in typed
    assert 'value="Dana Reader"' not in blank
    assert wrong.fields_html() != blank
    assert "field-error" in wrong.fields_html()


def test_topic_links_follow_the_language_and_the_script_prefix():
    topic = factories.TopicFactory(slug="torture")

    with translation.override("ru"):
        assert articles_about(topic) == "/ru/articles/?topic=torture"
    set_script_prefix("/coalition/")
    try:
        assert articles_about(topic) == "/coalition/articles/?topic=torture"
    finally:
        set_script_prefix("/")
    assert articles_about(topic) == "/articles/?topic=torture"
