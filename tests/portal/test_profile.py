import io
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from coalition.models import Revision
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def edit_url(partner):
    return reverse("portal:partner-edit", args=[partner.slug])


def profile_data(partner, **changes):
    data = {
        "summary": "Lawyers against torture in Central Asia.",
        "description": "We **represent** victims.",
        "website": "https://bureau.example.org/",
        "public_email": "office@bureau.example.org",
        "countries": [factories.country("KZ").pk],
        "topics": [],
        "version": partner.version,
    }
    data.update(changes)
    return data


def test_members_see_the_profile_read_only(client, our_member, partner):
    client.force_login(our_member)
    response = client.get(reverse("portal:partner", args=[partner.slug]))
    assert response.status_code == 200
    assert partner.summary.encode() in response.content
    assert reverse("portal:partner-edit", args=[partner.slug]).encode() not in response.content


def test_partner_admins_see_the_edit_link(client, our_admin, partner):
    client.force_login(our_admin)
    response = client.get(reverse("portal:partner", args=[partner.slug]))
    assert reverse("portal:partner-edit", args=[partner.slug]).encode() in response.content


def test_the_edit_form_carries_the_version_it_was_opened_at(client, our_admin, partner, edit_url):
    client.force_login(our_admin)
    response = client.get(edit_url)
    assert response.status_code == 200
    assert f'name="version" value="{partner.version}"'.encode() in response.content


def test_a_partner_admin_saves_the_profile_with_a_revision_and_editors_told(
    client, our_admin, partner, edit_url, editor, django_capture_on_commit_callbacks
):
    client.force_login(our_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url, profile_data(partner))
    assert response.status_code == 303
    assert response.url == reverse("portal:partner", args=[partner.slug])
    partner.refresh_from_db()
    assert partner.summary == "Lawyers against torture in Central Asia."
    assert partner.website == "https://bureau.example.org/"
    assert "<strong>represent</strong>" in partner.description_html
    assert list(partner.countries.values_list("code", flat=True)) == ["KZ"]
    assert partner.version == 2
    revision = Revision.objects.get(object_id=partner.pk, content_type__model="partner")
    assert revision.created_by == our_admin
    assert [message.to for message in mail.outbox] == [[editor.email]]
    assert partner.name in mail.outbox[0].subject
    assert f"/admin/partners/partner/{partner.pk}/change/" in mail.outbox[0].body


def test_a_stale_version_is_a_conflict_and_overwrites_nothing(
    client, our_admin, partner, edit_url
):
    client.force_login(our_admin)
    opened_at = partner.version
    first = client.post(edit_url, profile_data(partner, summary="The first save."))
    assert first.status_code == 303
    second = client.post(
        edit_url, profile_data(partner, summary="The second save.", version=opened_at)
    )
    assert second.status_code == 409
    assert b"Someone saved this profile first" in second.content
    assert b"The second save." in second.content
    partner.refresh_from_db()
    assert partner.summary == "The first save."
    assert partner.version == opened_at + 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"summary": ""}, "summary"),
        ({"website": "not a web address"}, "website"),
        ({"public_email": "not-an-email"}, "public_email"),
        ({"countries": [999999]}, "countries"),
    ],
)
def test_bad_profile_input_is_a_400_with_the_error_beside_the_field(
    client, our_admin, partner, edit_url, changes, field
):
    client.force_login(our_admin)
    response = client.post(edit_url, profile_data(partner, **changes))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    partner.refresh_from_db()
    assert partner.version == 1


def test_a_missing_version_is_refused(client, our_admin, partner, edit_url):
    client.force_login(our_admin)
    data = profile_data(partner)
    del data["version"]
    assert client.post(edit_url, data).status_code == 400


def test_a_real_png_logo_is_accepted_under_a_safe_name(client, our_admin, partner, edit_url):
    client.force_login(our_admin)
    logo = factories.image_upload("../../evil name.png")
    response = client.post(
        edit_url, profile_data(partner, logo=logo, logo_alt="Kazakhstan Bureau logo")
    )
    assert response.status_code == 303
    partner.refresh_from_db()
    # A library image of its own, in a folder of a random name nobody guesses.
    image = partner.logo
    assert re.fullmatch(rf"library/images/[\w-]{{22}}/{partner.slug}\.png", image.file.name)
    assert (image.width, image.height) == (40, 20)
    assert (image.title, image.alt) == (partner.name, "Kazakhstan Bureau logo")
    assert not image.decorative
    assert image.uploaded_by == our_admin
    assert not image.private_until_used


def test_a_new_logo_needs_alt_text_unless_it_is_decorative(client, our_admin, partner, edit_url):
    client.force_login(our_admin)
    response = client.post(edit_url, profile_data(partner, logo=factories.image_upload()))
    assert response.status_code == 400
    assert "logo_alt" in response.context["form"].errors
    partner.refresh_from_db()
    assert partner.logo is None

    response = client.post(
        edit_url,
        profile_data(partner, logo=factories.image_upload(), logo_decorative="on"),
    )
    assert response.status_code == 303
    partner.refresh_from_db()
    assert partner.logo.decorative
    assert partner.logo_alt == ""


def test_a_new_logo_replaces_the_old_one_which_stays_in_the_library(
    client, our_admin, partner, edit_url
):
    old = factories.ImageFactory(title="Old logo")
    partner.logo = old
    partner.save()
    client.force_login(our_admin)

    response = client.post(
        edit_url,
        profile_data(partner, logo=factories.image_upload(), logo_alt="The new logo"),
    )

    assert response.status_code == 303
    partner.refresh_from_db()
    assert partner.logo != old
    assert partner.logo.alt == "The new logo"
    old.refresh_from_db()
    assert old.title == "Old logo"


def test_the_logo_can_be_removed_and_is_kept_otherwise(client, our_admin, partner, edit_url):
    image = factories.ImageFactory()
    partner.logo = image
    partner.save()
    client.force_login(our_admin)

    # The form shows it; a save without a new upload keeps it.
    assert image.file.name in client.get(edit_url).content.decode()
    assert client.post(edit_url, profile_data(partner)).status_code == 303
    partner.refresh_from_db()
    assert partner.logo == image

    response = client.post(edit_url, profile_data(partner, **{"logo-clear": "on"}))
    assert response.status_code == 303
    partner.refresh_from_db()
    assert partner.logo is None


def test_partner_staff_never_see_a_library_image_not_yet_public(
    client, our_admin, partner, edit_url
):
    private = factories.ImageFactory(private_until_used=True)
    client.force_login(our_admin)

    url = reverse(
        "images:private", kwargs={"key": "image-file", "pk": private.pk, "name": private.file.name}
    )

    assert client.get(url).status_code == 404


def test_a_text_file_named_like_an_image_is_refused_as_a_logo(
    client, our_admin, partner, edit_url
):
    client.force_login(our_admin)
    logo = SimpleUploadedFile("logo.png", b"<script>alert(1)</script>", content_type="image/png")
    response = client.post(edit_url, profile_data(partner, logo=logo))
    assert response.status_code == 400
    assert "logo" in response.context["form"].errors
    partner.refresh_from_db()
    assert not partner.logo


def test_a_gif_logo_is_refused_by_its_content(client, our_admin, partner, edit_url):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, "GIF")
    client.force_login(our_admin)
    logo = SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")
    response = client.post(edit_url, profile_data(partner, logo=logo))
    assert response.status_code == 400
    assert "JPEG, PNG or WebP" in str(response.context["form"].errors["logo"])


def test_a_logo_over_the_size_limit_is_refused(client, our_admin, partner, edit_url, settings):
    settings.IMAGE_MAX_UPLOAD_MB = 0
    client.force_login(our_admin)
    logo = factories.image_upload("logo.png")
    response = client.post(edit_url, profile_data(partner, logo=logo))
    assert response.status_code == 400
    assert "largest accepted" in str(response.context["form"].errors["logo"])


def test_scripts_in_the_description_never_reach_the_page(client, our_admin, partner, edit_url):
    client.force_login(our_admin)
    data = profile_data(partner, description="Hello <script>alert(1)</script>")
    assert client.post(edit_url, data).status_code == 303
    page = client.get(reverse("portal:partner", args=[partner.slug]))
    assert b"<script>alert(1)" not in page.content
