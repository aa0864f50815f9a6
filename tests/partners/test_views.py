import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db

LIST_URL = "/partners/"
LIST_QUERIES = 8
DETAIL_QUERIES = 5


@pytest.fixture
def kazakhstan():
    return factories.country("KZ")


@pytest.fixture
def kyrgyzstan():
    return factories.country("KG")


@pytest.fixture
def inactive_partner(kazakhstan):
    partner = factories.PartnerFactory(
        name="Dissolved Committee", slug="dissolved-committee", is_active=False
    )
    partner.countries.add(kazakhstan)
    return partner


def test_urls_resolve_to_the_partner_pages(partner):
    assert reverse("partners:list") == LIST_URL
    assert reverse("partners:detail", kwargs={"slug": partner.slug}) == partner.get_absolute_url()


# The list


def test_list_shows_partner_cards(client, partner, kazakhstan):
    partner.short_name = "KIBHR"
    partner.summary = "Lawyers defending people tortured in custody."
    partner.save()
    partner.countries.add(kazakhstan)

    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert response.templates[0].name == "partners/partner_list.html"
    html = response.content.decode()
    assert f'<a href="{partner.get_absolute_url()}">Kazakhstan Bureau</a>' in html
    assert "KIBHR" in html
    assert "Lawyers defending people tortured in custody." in html
    assert "Kazakhstan" in html
    assert "1 partner organisation" in html


def test_list_shows_the_logo_with_alt_text_and_size(
    client, partner, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    with django_capture_on_commit_callbacks(execute=True):
        partner.logo = factories.ImageFactory(
            file=SimpleUploadedFile("bureau.png", b"not really a png", "image/png"),
            alt="Kazakhstan Bureau logo",
        )
        partner.save()

    with django_assert_max_num_queries(LIST_QUERIES):
        html = client.get(LIST_URL).content.decode()

    # A library image: its public copy, at the logo's own name.
    assert f'src="/media/{partner.logo.file.name}"' in html
    # An unreadable file has no known size: tests/images checks the sizes of real logos.
    assert 'alt="Kazakhstan Bureau logo" loading="lazy"' in html


def test_list_without_logo_has_no_image(client, partner):
    assert b"<img" not in client.get(LIST_URL).content


def test_list_never_shows_inactive_partners(client, partner, inactive_partner):
    response = client.get(LIST_URL)

    assert list(response.context["partners"]) == [partner]
    assert b"Dissolved Committee" not in response.content
    assert b"1 partner organisation" in response.content


def test_list_filters_by_country(client, partner, other_partner, kazakhstan, kyrgyzstan):
    partner.countries.add(kazakhstan)
    other_partner.countries.add(kyrgyzstan)

    response = client.get(LIST_URL, {"country": "kyrgyzstan"})

    assert response.status_code == 200
    assert list(response.context["partners"]) == [other_partner]
    assert b"Kazakhstan Bureau</a>" not in response.content


def test_list_filters_by_topic(client, partner, other_partner, torture, fair_trial):
    partner.topics.add(torture)
    other_partner.topics.add(fair_trial)

    response = client.get(LIST_URL, {"topic": "torture"})

    assert list(response.context["partners"]) == [partner]


def test_list_filters_by_country_and_topic_together(
    client, partner, other_partner, kazakhstan, torture, fair_trial
):
    for each in (partner, other_partner):
        each.countries.add(kazakhstan)
    partner.topics.add(torture)
    other_partner.topics.add(fair_trial)

    response = client.get(LIST_URL, {"country": "kazakhstan", "topic": "fair-trial"})

    assert list(response.context["partners"]) == [other_partner]
    assert b"Clear filters" in response.content


def test_list_partner_in_two_countries_is_listed_once(client, partner, kazakhstan, kyrgyzstan):
    partner.countries.add(kazakhstan, kyrgyzstan)
    partner.topics.add(factories.TopicFactory(), factories.TopicFactory())

    response = client.get(LIST_URL)

    assert list(response.context["partners"]) == [partner]


def test_list_ignores_empty_filters(client, partner, other_partner):
    response = client.get(LIST_URL, {"country": "", "topic": ""})

    assert response.status_code == 200
    assert len(response.context["partners"]) == 2
    assert b"Clear filters" not in response.content


@pytest.mark.parametrize(
    "query",
    [
        {"country": "atlantis"},
        {"topic": "nonexistent"},
        {"country": "<script>"},
        {"page": "abc"},
        {"page": "99999"},
        {"page": "0"},
    ],
)
def test_list_answers_bad_query_strings_with_404(client, partner, kazakhstan, query):
    partner.countries.add(kazakhstan)
    assert client.get(LIST_URL, query).status_code == 404


def test_list_filter_by_country_of_inactive_partners_only_is_404(client, inactive_partner):
    assert client.get(LIST_URL, {"country": "kazakhstan"}).status_code == 404


def test_list_paginates(client):
    for number in range(30):
        factories.PartnerFactory(name=f"Partner {number:02}")

    first = client.get(LIST_URL)
    second = client.get(LIST_URL, {"page": 2})

    assert len(first.context["partners"]) == 24
    assert len(second.context["partners"]) == 6
    assert b'rel="next" href="?page=2"' in first.content


def test_list_pagination_keeps_the_filter(client, kazakhstan):
    for number in range(30):
        factories.PartnerFactory(name=f"Partner {number:02}").countries.add(kazakhstan)

    response = client.get(LIST_URL, {"country": "kazakhstan"})

    assert b'href="?country=kazakhstan&amp;page=2"' in response.content


def test_list_links_each_country_with_its_number_of_partners(
    client, partner, other_partner, inactive_partner, kazakhstan, kyrgyzstan
):
    partner.countries.add(kazakhstan, kyrgyzstan)
    other_partner.countries.add(kyrgyzstan)

    response = client.get(LIST_URL)

    assert [(c.slug, c.partner_count) for c in response.context["countries"]] == [
        ("kazakhstan", 1),
        ("kyrgyzstan", 2),
    ]
    html = response.content.decode()
    assert '<a href="?country=kazakhstan">Kazakhstan (1)</a>' in html
    assert '<a href="?country=kyrgyzstan">Kyrgyzstan (2)</a>' in html


def test_list_filter_form_offers_only_what_published_partners_cover(
    client, partner, inactive_partner, kazakhstan, torture, fair_trial
):
    partner.topics.add(torture)
    inactive_partner.topics.add(fair_trial)

    form = client.get(LIST_URL).context["filter_form"]

    assert list(form.fields["country"].queryset) == []
    assert list(form.fields["topic"].queryset) == [torture]


def test_list_filter_form_has_labelled_fields(client, partner, kazakhstan):
    partner.countries.add(kazakhstan)

    html = client.get(LIST_URL, {"country": "kazakhstan"}).content.decode()

    assert '<label for="id_country">Country:</label>' in html
    assert '<label for="id_topic">Topic:</label>' in html
    assert '<option value="kazakhstan" selected>Kazakhstan</option>' in html


def test_list_with_no_partner_says_so(client, db):
    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert b"No partner organisation matches these filters." in response.content


@pytest.mark.parametrize("number_of_partners", [3, 30])
def test_list_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, kazakhstan, kyrgyzstan, torture, number_of_partners
):
    for _ in range(number_of_partners):
        partner = factories.PartnerFactory(logo=factories.ImageFactory())
        partner.countries.add(kazakhstan, kyrgyzstan)
        partner.topics.add(torture)

    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(LIST_URL, {"country": "kazakhstan", "topic": "torture"})

    assert response.status_code == 200
    assert len(response.context["partners"]) == min(number_of_partners, 24)


# The detail page


def test_detail_shows_the_partner(client, partner, kazakhstan, torture):
    partner.short_name = "KIBHR"
    partner.description = "We **document** torture."
    partner.website = "https://bureau.example.org/"
    partner.public_email = "info@bureau.example.org"
    partner.member_since = datetime.date(2015, 3, 1)
    partner.save()
    partner.countries.add(kazakhstan)
    partner.topics.add(torture)

    response = client.get(partner.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Kazakhstan Bureau</h1>" in html
    assert "KIBHR" in html
    assert partner.summary in html
    assert "<p>We <strong>document</strong> torture.</p>" in html
    assert 'href="https://bureau.example.org/"' in html
    assert '<a href="mailto:info@bureau.example.org">' in html
    assert "March 2015" in html
    assert '<a href="/partners/?country=kazakhstan">Kazakhstan</a>' in html
    assert '<a href="/partners/?topic=torture">Torture</a>' in html


def test_detail_shows_the_logo_with_alt_text(client, partner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        partner.logo = factories.ImageFactory(
            file=SimpleUploadedFile("bureau.png", b"not really a png", "image/png"),
            alt="Kazakhstan Bureau logo",
        )
        partner.save()

    html = client.get(partner.get_absolute_url()).content.decode()

    assert f'<img src="/media/{partner.logo.file.name}" alt="Kazakhstan Bureau logo"' in html


def test_detail_has_meta_description_and_canonical_link(client, partner):
    response = client.get(partner.get_absolute_url(), {"utm_source": "newsletter"})

    html = response.content.decode()
    assert f'<meta name="description" content="{partner.summary}">' in html
    assert '<link rel="canonical" href="http://testserver/partners/kazakhstan-bureau/">' in html


def test_detail_never_renders_unsafe_markup(client, partner):
    partner.description = '<script>alert(1)</script><img src="x" onerror="alert(1)">'
    partner.save()

    html = client.get(partner.get_absolute_url()).content.decode()

    assert "<script>alert" not in html
    assert "onerror" not in html


def test_detail_of_inactive_partner_is_404(client, inactive_partner):
    response = client.get(inactive_partner.get_absolute_url())

    assert response.status_code == 404
    assert b"Dissolved Committee" not in response.content


def test_detail_of_unknown_partner_is_404(client, db):
    assert client.get("/partners/no-such-partner/").status_code == 404


def test_detail_lists_published_articles_newest_first(client, partner):
    now = timezone.now()
    older = factories.ArticleFactory(title="Older story", publish_at=now - datetime.timedelta(5))
    newer = factories.ArticleFactory(title="Newer story", publish_at=now - datetime.timedelta(1))
    for article in (older, newer):
        article.partners.add(partner)

    response = client.get(partner.get_absolute_url())

    assert list(response.context["articles"]) == [newer, older]
    html = response.content.decode()
    assert html.index("Newer story") < html.index("Older story")
    assert f'<a href="{newer.get_absolute_url()}">Newer story</a>' in html
    assert '<a href="/articles/?partner=kazakhstan-bureau">' in html


def test_detail_never_shows_unpublished_articles(client, partner, draft_article):
    scheduled = factories.ArticleFactory(
        title="Scheduled story", publish_at=timezone.now() + datetime.timedelta(days=3)
    )
    withdrawn = factories.ArticleFactory(
        title="Withdrawn story", status="unpublished", publish_at=None
    )
    for article in (draft_article, scheduled, withdrawn):
        article.partners.add(partner)

    response = client.get(partner.get_absolute_url())

    assert list(response.context["articles"]) == []
    for title in (b"A draft nobody may see", b"Scheduled story", b"Withdrawn story"):
        assert title not in response.content
    assert b"No article yet." in response.content


def test_detail_shows_only_this_partners_articles(client, partner, other_partner):
    factories.ArticleFactory(title="Someone else's story").partners.add(other_partner)

    response = client.get(partner.get_absolute_url())

    assert b"Someone else&#x27;s story" not in response.content


def test_detail_lists_at_most_ten_articles(client, partner):
    for _ in range(12):
        factories.ArticleFactory().partners.add(partner)

    response = client.get(partner.get_absolute_url())

    assert len(response.context["articles"]) == 10


def test_detail_shows_public_roles_in_public_cases(client, partner, public_case):
    factories.CasePartnerFactory(partner=partner, case=public_case, role="intervener")

    response = client.get(partner.get_absolute_url())

    html = response.content.decode()
    assert f'<a href="{public_case.get_absolute_url()}">Abdullaev v. Kazakhstan</a>' in html
    assert "Role: third-party intervener" in html
    assert "Lodged" in html


def test_detail_never_shows_confidential_roles_or_private_cases(
    client, partner, public_case, private_case
):
    factories.CasePartnerFactory(partner=partner, case=public_case, is_public=False)
    factories.CasePartnerFactory(partner=partner, case=private_case)

    response = client.get(partner.get_absolute_url())

    assert list(response.context["case_roles"]) == []
    assert b"Abdullaev v. Kazakhstan" not in response.content
    assert b"Secret v. Kazakhstan" not in response.content
    assert b"No public case yet." in response.content


def test_detail_shows_only_this_partners_cases(client, partner, other_partner, public_case):
    factories.CasePartnerFactory(partner=other_partner, case=public_case)

    response = client.get(partner.get_absolute_url())

    assert b"Abdullaev v. Kazakhstan" not in response.content


@pytest.mark.parametrize("number_of_items", [3, 30])
def test_detail_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, partner, kazakhstan, torture, number_of_items
):
    partner.logo = factories.ImageFactory()
    partner.save()
    partner.countries.add(kazakhstan, factories.country("KG"))
    partner.topics.add(torture, factories.TopicFactory())
    for _ in range(number_of_items):
        factories.ArticleFactory().partners.add(partner)
        factories.CasePartnerFactory(partner=partner)

    with django_assert_max_num_queries(DETAIL_QUERIES):
        response = client.get(partner.get_absolute_url())

    assert response.status_code == 200
    assert len(response.context["articles"]) == min(number_of_items, 10)
    assert len(response.context["case_roles"]) == number_of_items
