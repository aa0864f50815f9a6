import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coalition.models import Topic
from coalition.validators import MaxUploadSizeValidator
from tests import factories
from tests.admin_helpers import admin_view_url

pytestmark = pytest.mark.django_db


def test_admin_index_carries_the_site_name(admin_client, settings):
    response = admin_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert f"{settings.SITE_NAME} administration" in response.text
    assert "Content and records" in response.text


def test_partner_staff_without_staff_status_is_sent_to_the_admin_login(client, partner_member):
    client.force_login(partner_member)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_anonymous_visitor_is_sent_to_the_admin_login(client):
    response = client.get(admin_view_url("coalition", "topic", "changelist"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_topic_changelist_lists_and_searches(admin_client):
    factories.TopicFactory(name="Torture", slug="torture")
    factories.TopicFactory(name="Fair trial", slug="fair-trial")
    url = admin_view_url("coalition", "topic", "changelist")

    response = admin_client.get(url)
    assert response.status_code == 200
    assert "Torture" in response.text
    assert "Fair trial" in response.text

    response = admin_client.get(url, {"q": "tortu"})
    assert response.status_code == 200
    assert "Torture" in response.text
    assert "Fair trial" not in response.text


def test_topic_add_and_change_pages_load(admin_client):
    topic = factories.TopicFactory(name="Torture", slug="torture")
    assert admin_client.get(admin_view_url("coalition", "topic", "add")).status_code == 200
    response = admin_client.get(admin_view_url("coalition", "topic", "change", topic.pk))
    assert response.status_code == 200
    assert 'value="Torture"' in response.text


def test_posting_the_topic_add_form_creates_a_topic(admin_client):
    response = admin_client.post(
        admin_view_url("coalition", "topic", "add"),
        {"name": "Freedom of expression", "slug": "freedom-of-expression", "description": ""},
    )
    assert response.status_code == 302
    assert Topic.objects.filter(slug="freedom-of-expression").exists()


def test_topic_add_form_refuses_a_taken_slug(admin_client):
    factories.TopicFactory(name="Torture", slug="torture")
    response = admin_client.post(
        admin_view_url("coalition", "topic", "add"),
        {"name": "Torture in prisons", "slug": "torture"},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["slug"]
    assert Topic.objects.count() == 1


def test_country_changelist_lists_and_searches(admin_client):
    url = admin_view_url("coalition", "country", "changelist")
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "Afghanistan" in response.text

    response = admin_client.get(url, {"q": "kazakh"})
    assert response.status_code == 200
    assert "Kazakhstan" in response.text
    assert "Kyrgyzstan" not in response.text


def test_country_add_and_change_pages_load(admin_client):
    kazakhstan = factories.country("KZ")
    assert admin_client.get(admin_view_url("coalition", "country", "add")).status_code == 200
    response = admin_client.get(admin_view_url("coalition", "country", "change", kazakhstan.pk))
    assert response.status_code == 200
    assert 'value="Kazakhstan"' in response.text


def configured_autocomplete_fields():
    """Every (model, field) pair an admin page or inline offers autocomplete for."""
    pairs = set()
    for model_admin in admin.site._registry.values():
        for inline in model_admin.inlines:
            pairs.update((inline.model._meta, name) for name in inline.autocomplete_fields)
        pairs.update((model_admin.opts, name) for name in model_admin.autocomplete_fields)
    return sorted((opts.app_label, opts.model_name, name) for opts, name in pairs)


@pytest.mark.parametrize(
    ("app_label", "model_name", "field_name"), configured_autocomplete_fields()
)
def test_every_configured_autocomplete_field_answers(
    admin_client, app_label, model_name, field_name
):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": "a"},
    )
    assert response.status_code == 200
    assert "results" in response.json()


def test_the_autocomplete_fields_cover_the_big_tables():
    fields = {(model, field) for _app, model, field in configured_autocomplete_fields()}
    assert {
        ("article", "topics"),
        ("article", "countries"),
        ("article", "partners"),
        ("article", "cases"),
        ("article", "author"),
        ("membership", "user"),
        ("proceeding", "forum"),
        ("caseevent", "article"),
        ("litigationcase", "respondent_states"),
    } <= fields


def test_upload_size_validator_refuses_a_file_over_the_limit():
    validator = MaxUploadSizeValidator(1)
    validator(SimpleUploadedFile("small.pdf", b"x" * 1024 * 1024))
    with pytest.raises(ValidationError) as refused:
        validator(SimpleUploadedFile("big.pdf", b"x" * (1024 * 1024 + 1)))
    assert refused.value.code == "file_too_large"
