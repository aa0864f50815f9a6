"""Images and documents in portal stories: each organisation lists, sees and inserts only its
own uploads, which stay private until an editor publishes a story that uses them."""

import datetime
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article, ArticleTransition
from coalition.library.models import Document, Image
from partners.models import Membership
from tests import factories

from .conftest import staff_of
from .test_profile import profile_data
from .test_stories import story_data

pytestmark = pytest.mark.django_db

IMAGES = reverse("portal:image-chooser")
DOCUMENTS = reverse("portal:document-chooser")
PREVIEW = reverse("portal:markdown-preview")
# The session and its user, the user's organisations (for the check, the list and the upload
# form), the count and the page of items: however many items.
LIST_QUERIES = 9


def committed():
    return TestCase.captureOnCommitCallbacks(execute=True)


def pdf(name="brief.pdf", text=b"%PDF-1.4 brief\n"):
    return SimpleUploadedFile(name, text, content_type="application/pdf")


def upload_of(partner, model, **fields):
    """An item a partner's staff uploaded in the portal: theirs, private until used."""
    factory = factories.ImageFactory if model is Image else factories.DocumentFactory
    with committed():
        return factory(partner=partner, private_until_used=True, **fields)


@pytest.fixture
def our_image(partner):
    return upload_of(partner, Image, title="Our courtroom", alt="A courtroom in Almaty")


@pytest.fixture
def our_document(partner):
    return upload_of(partner, Document, title="Our shadow report")


@pytest.fixture
def their_image(other_partner):
    return upload_of(other_partner, Image, title="Their secret photo", alt="Their witness")


@pytest.fixture
def their_document(other_partner):
    return upload_of(other_partner, Document, title="Their confidential memo")


def references_in(response):
    return re.findall(r'data-reference="([^"]+)"', response.content.decode())


def preview(client, text):
    return client.post(PREVIEW, {"text": text}).json()


# Who may open the chooser -----------------------------------------------------------------


@pytest.mark.parametrize("url", [IMAGES, DOCUMENTS])
def test_anonymous_visitors_are_sent_to_log_in(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("url", [IMAGES, DOCUMENTS])
def test_staff_of_an_inactive_partner_get_a_404(client, partner, our_member, url):
    partner.is_active = False
    partner.save()
    client.force_login(our_member)

    assert client.get(url).status_code == 404
    assert client.post(url, {"upload-title": "x"}).status_code == 404


def test_people_without_an_organisation_get_a_404(client, author):
    client.force_login(author)

    assert client.get(IMAGES).status_code == 404


def test_the_story_form_opens_the_portals_choosers(client, our_member):
    client.force_login(our_member)

    content = client.get(reverse("portal:story-create")).content.decode()

    assert f'data-chooser-image="{IMAGES}"' in content
    assert f'data-chooser-document="{DOCUMENTS}"' in content


# What it lists ------------------------------------------------------------------------------


def test_staff_list_only_their_organisations_images(client, our_member, our_image, their_image):
    with committed():
        factories.ImageFactory(title="The coalition's own photo")
    client.force_login(our_member)

    response = client.get(IMAGES)

    assert response.status_code == 200
    assert references_in(response) == [f"![](image:{our_image.pk})"]
    content = response.content.decode()
    assert "Our courtroom" in content
    assert "Their secret photo" not in content
    assert "coalition's own photo" not in content
    assert response["Cache-Control"].startswith("max-age=0")


def test_staff_list_only_their_organisations_documents(
    client, our_member, our_document, their_document
):
    client.force_login(our_member)

    response = client.get(DOCUMENTS, {"q": "o"})

    assert references_in(response) == [f"[Our shadow report](document:{our_document.pk})"]
    assert "confidential" not in response.content.decode()


def test_searching_never_finds_another_organisations_items(client, their_member, our_document):
    client.force_login(their_member)

    response = client.get(DOCUMENTS, {"q": "shadow"})

    assert references_in(response) == []
    assert "None of your organisation&#x27;s uploads matches" in response.content.decode()


def test_the_editors_tags_are_not_offered(client, our_member, our_document):
    factories.TagFactory(name="internal: strategy")
    client.force_login(our_member)

    response = client.get(DOCUMENTS, {"tag": "999"})

    assert response.status_code == 200
    assert "internal: strategy" not in response.content.decode()
    assert 'name="tag"' not in response.content.decode()
    assert len(references_in(response)) == 1


@pytest.mark.parametrize("number", [1, 25])
def test_the_list_reads_a_fixed_number_of_queries(
    client, partner, our_member, django_assert_max_num_queries, number
):
    for _ in range(number):
        upload_of(partner, Document).tags.add(factories.TagFactory())
        upload_of(partner, Image)
    client.force_login(our_member)

    with django_assert_max_num_queries(LIST_QUERIES):
        assert client.get(DOCUMENTS).status_code == 200
    with django_assert_max_num_queries(LIST_QUERIES):
        assert client.get(IMAGES, {"q": "Image"}).status_code == 200


def test_a_page_that_does_not_exist_is_a_404(client, our_member, our_document):
    client.force_login(our_member)

    assert client.get(DOCUMENTS, {"page": "7"}).status_code == 404


# Uploads ------------------------------------------------------------------------------------


def test_an_uploaded_image_belongs_to_the_organisation_and_stays_private(
    client, partner, our_member
):
    client.force_login(our_member)

    with committed():
        response = client.post(
            IMAGES,
            {
                "upload-file": factories.image_upload("cell.png", size=(300, 200)),
                "upload-title": "The cell",
                "upload-alt": "A narrow cell with one bed",
            },
        )

    assert response.status_code == 201
    image = Image.objects.get()
    assert (image.partner, image.uploaded_by, image.private_until_used) == (
        partner,
        our_member,
        True,
    )
    assert f'data-chosen data-reference="![](image:{image.pk})"' in response.content.decode()
    image.refresh_from_db()
    assert not image.addresses().public


def test_an_uploaded_document_belongs_to_the_organisation_and_gets_no_public_copy(
    client, partner, our_member
):
    client.force_login(our_member)

    with committed():
        response = client.post(
            DOCUMENTS,
            {"upload-file": pdf(), "upload-title": "Amicus brief", "upload-language": "ru"},
        )

    assert response.status_code == 201
    document = Document.objects.get()
    assert (document.partner, document.language, document.file_type) == (partner, "ru", "PDF")
    assert document.private_until_used
    document.refresh_from_db()
    assert document.public_copy == ""
    assert document.url == reverse("library:document", args=[document.pk])
    assert f'data-reference="[Amicus brief](document:{document.pk})"' in (
        response.content.decode()
    )


@pytest.mark.parametrize(
    ("url", "data", "message"),
    [
        (IMAGES, {"upload-title": "No alt", "upload-alt": ""}, "Describe the image"),
        (
            IMAGES,
            {"upload-title": "Fake", "upload-alt": "x", "upload-file": "text"},
            "this file is not one, whatever its name says",
        ),
        (
            DOCUMENTS,
            {"upload-title": "Program", "upload-language": "en", "upload-file": "program"},
            "not one of the accepted types",
        ),
        (
            DOCUMENTS,
            {"upload-title": "Nothing", "upload-language": "en", "upload-file": None},
            "This field is required",
        ),
    ],
)
def test_a_refused_upload_is_a_400_saying_why_and_keeps_nothing(
    client, our_member, our_document, url, data, message
):
    client.force_login(our_member)
    files = {
        "upload-file": factories.image_upload() if url == IMAGES else pdf(),
        "text": SimpleUploadedFile("notes.png", b"not an image", content_type="image/png"),
        "program": SimpleUploadedFile("tool.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00"),
        None: "",
    }
    data = {**data, "upload-file": files[data.get("upload-file", "upload-file")]}

    response = client.post(url, data)

    assert response.status_code == 400
    content = response.content.decode()
    assert message in content
    assert 'role="alert"' in content
    assert "data-chosen" not in content
    assert not Image.objects.exists()
    assert list(Document.objects.all()) == [our_document]


def test_who_works_for_two_organisations_says_whose_upload_it_is(
    client, our_member, other_partner
):
    factories.MembershipFactory(user=our_member, partner=other_partner)
    client.force_login(our_member)
    data = {"upload-file": pdf(), "upload-title": "Joint brief", "upload-language": "en"}

    assert 'name="upload-organisation"' in client.get(DOCUMENTS).content.decode()
    response = client.post(DOCUMENTS, {**data, "upload-organisation": other_partner.pk})

    assert response.status_code == 201
    assert Document.objects.get().partner == other_partner


def test_an_upload_for_an_organisation_one_does_not_work_for_is_refused(
    client, our_member, other_partner
):
    third = factories.PartnerFactory(name="Third", slug="third")
    factories.MembershipFactory(user=our_member, partner=other_partner)
    client.force_login(our_member)

    response = client.post(
        DOCUMENTS,
        {
            "upload-file": pdf(),
            "upload-title": "Brief",
            "upload-language": "en",
            "upload-organisation": third.pk,
        },
    )

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Document.objects.exists()


# Files: the organisation and the editors, never the public nor another organisation ---------


def test_a_private_document_is_served_to_its_organisation_and_the_editors_only(
    client, our_member, their_member, editor, our_document
):
    url = our_document.url

    assert client.get(url).status_code == 404
    client.force_login(their_member)
    assert client.get(url).status_code == 404
    client.force_login(our_member)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    client.force_login(editor)
    assert client.get(url).status_code == 200


def test_staff_of_a_partner_no_longer_active_lose_its_private_files(
    client, partner, our_member, our_document, our_image
):
    partner.is_active = False
    partner.save()
    client.force_login(our_member)

    assert client.get(our_document.url).status_code == 404
    assert client.get(our_image.thumbnail_url()).status_code == 404


def test_a_private_images_files_are_served_to_its_organisation_and_the_editors_only(
    client, our_member, their_member, editor, our_image
):
    our_image.refresh_from_db()
    urls = [our_image.url, our_image.thumbnail_url()]

    for url in urls:
        assert client.get(url).status_code == 404
    client.force_login(their_member)
    for url in urls:
        assert client.get(url).status_code == 404
    for user in (our_member, editor):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 200


# Previews -----------------------------------------------------------------------------------


def test_the_live_preview_shows_our_items_and_never_another_organisations(
    client, our_member, our_image, our_document, their_image, their_document
):
    client.force_login(our_member)

    shown = preview(
        client,
        f"![](image:{our_image.pk})\n\nRead [the report](document:{our_document.pk}).\n\n"
        f"![](image:{their_image.pk})\n\nAnd [](document:{their_document.pk}).",
    )

    html = shown["html"]
    assert 'alt="A courtroom in Almaty"' in html
    assert f'href="{our_document.url}"' in html
    assert "(PDF, 16\xa0bytes)" in html
    # Neither their titles, alt text, type nor addresses.
    assert "Their" not in html
    assert "witness" not in html
    assert html.count("PDF") == 1
    assert their_document.url not in html
    assert f"image-file/{their_image.pk}/" not in html
    assert shown["warnings"] == [
        f"Image {their_image.pk} is not in the library.",
        f"Document {their_document.pk} is not in the library.",
    ]


def test_the_preview_without_javascript_hides_another_organisations_items(
    client, our_member, their_document
):
    client.force_login(our_member)

    response = client.post(
        reverse("portal:story-create"),
        story_data(body=f"[x](document:{their_document.pk})", preview="1"),
    )

    content = response.content.decode()
    assert f"Document {their_document.pk} is not in the library." in content
    assert "confidential" not in content


def test_the_coalitions_public_items_show_in_a_preview(client, our_member):
    with committed():
        public = factories.ImageFactory(alt="The coalition banner")
    client.force_login(our_member)

    assert "The coalition banner" in preview(client, f"![](image:{public.pk})")["html"]


# Saving and publishing ----------------------------------------------------------------------


def test_a_story_using_another_organisations_item_is_refused(
    client, our_member, our_story, their_document
):
    client.force_login(our_member)
    body = f"See [the memo](document:{their_document.pk})."

    response = client.post(
        reverse("portal:story-edit", args=[our_story.pk]),
        story_data(body=body, version=our_story.version),
    )

    assert response.status_code == 400
    assert f"Document {their_document.pk} is not in the library." in response.content.decode()
    our_story.refresh_from_db()
    assert "document:" not in our_story.body
    assert "confidential" not in response.content.decode()


def test_a_reference_the_editors_put_in_the_story_stays(client, our_member, our_story):
    with committed():
        ours = factories.DocumentFactory(title="Coalition memo", private_until_used=True)
    our_story.body = f"[Memo](document:{ours.pk})"
    our_story.save()
    client.force_login(our_member)

    response = client.post(
        reverse("portal:story-edit", args=[our_story.pk]),
        story_data(body=our_story.body + " Amended.", version=our_story.version),
    )

    assert response.status_code == 303


def test_the_story_page_shows_our_items_and_hides_another_organisations(
    client, our_member, our_story, our_document, their_document
):
    our_story.body = (
        f"[Ours](document:{our_document.pk}) and [Theirs](document:{their_document.pk})"
    )
    our_story.save()
    client.force_login(our_member)

    content = client.get(reverse("portal:story", args=[our_story.pk])).content.decode()

    assert f'href="{our_document.url}"' in content
    assert their_document.url not in content
    assert f"Document {their_document.pk} is not in the library." in content


def test_publishing_the_story_makes_its_items_public(
    client, our_member, editor, our_story, our_image, our_document, their_document
):
    our_image.refresh_from_db()
    image_url = our_image.url
    client.force_login(our_member)
    body = f"![](image:{our_image.pk})\n\nRead [our report](document:{our_document.pk})."
    response = client.post(
        reverse("portal:story-edit", args=[our_story.pk]),
        story_data(body=body, version=our_story.version, submit="1"),
    )
    assert response.status_code == 303
    client.logout()
    assert client.get(our_document.url).status_code == 404
    assert client.get(image_url).status_code == 404

    our_story.refresh_from_db()
    workflow.approve(our_story, editor)
    with committed():
        workflow.publish(our_story, editor)

    assert client.get(image_url).status_code == 200
    our_document.refresh_from_db()
    our_image.refresh_from_db()
    assert not our_document.private_until_used
    assert not our_image.private_until_used
    assert our_document.public_copy
    assert our_image.addresses().public
    page = client.get(Article.objects.published().get().get_absolute_url())
    assert page.status_code == 200
    content = page.content.decode()
    assert f'href="{our_document.url}"' in content
    assert "our report</a>" in content
    # Only what the published text uses: another organisation's upload stays private.
    their_document.refresh_from_db()
    assert their_document.private_until_used
    assert client.get(their_document.url).status_code == 404


def test_a_scheduled_story_releases_its_items_when_it_goes_live(editor, our_story, our_document):
    our_story.body = f"[Report](document:{our_document.pk})"
    our_story.save()
    workflow.publish(our_story, editor, at=timezone.now() + datetime.timedelta(hours=1))
    our_document.refresh_from_db()
    assert our_document.private_until_used

    # An hour later: scheduled then, due now.
    earlier = datetime.timedelta(hours=2)
    ArticleTransition.objects.filter(article=our_story).update(
        created_at=F("created_at") - earlier
    )
    Article.objects.filter(pk=our_story.pk).update(publish_at=F("publish_at") - earlier)
    assert workflow.publish_due()[0] == [our_story]

    our_document.refresh_from_db()
    assert not our_document.private_until_used


def test_a_secretariat_upload_stays_public_as_before(client):
    with committed():
        document = Document.objects.create(
            title="Annual report", file=ContentFile(b"%PDF-1.4 x\n", name="annual.pdf")
        )
    document.refresh_from_db()

    assert document.public_copy
    assert not document.private_until_used


def test_membership_roles_do_not_matter_for_uploads(client, partner, our_document):
    admin = staff_of(partner, Membership.Role.ADMIN, "boss")
    client.force_login(admin)

    assert references_in(client.get(DOCUMENTS)) == [
        f"[Our shadow report](document:{our_document.pk})"
    ]


def test_editors_see_every_organisations_uploads_and_filter_them_by_organisation(
    client, editor, partner, our_document, their_document
):
    client.force_login(editor)
    url = reverse("admin:library_document_changelist")

    everything = client.get(url).content.decode()
    ours = client.get(url, {"partner__id__exact": partner.pk}).content.decode()
    change = client.get(reverse("admin:library_document_change", args=[our_document.pk]))

    assert "Our shadow report" in everything
    assert "Their confidential memo" in everything
    assert "Our shadow report" in ours
    assert "Their confidential memo" not in ours
    assert "Kazakhstan Bureau" in change.content.decode()


def test_the_editors_document_page_links_the_file_at_its_checked_address(
    client, editor, our_document
):
    client.force_login(editor)

    response = client.get(reverse("admin:library_document_change", args=[our_document.pk]))

    assert response.status_code == 200
    assert f'href="{our_document.url}"' in response.content.decode()


# The organisation's profile is public at once -------------------------------------------


@pytest.mark.parametrize("field", ["description", "description_kk"])
def test_a_profile_showing_another_organisations_item_is_refused_and_tells_nothing(
    client, our_admin, partner, their_image, field
):
    client.force_login(our_admin)
    url = reverse("portal:partner-edit", args=[partner.slug])

    response = client.post(url, profile_data(partner, **{field: f"![](image:{their_image.pk})"}))

    assert response.status_code == 400
    content = response.content.decode()
    assert f"Image {their_image.pk} is not in the library." in content
    assert "witness" not in content
    partner.refresh_from_db()
    assert "image:" not in partner.description
    assert "image:" not in str(partner.translations)


def test_a_profile_showing_our_upload_makes_it_public(client, our_admin, partner, our_image):
    client.force_login(our_admin)
    url = reverse("portal:partner-edit", args=[partner.slug])

    with committed():
        response = client.post(
            url, profile_data(partner, description=f"![](image:{our_image.pk})")
        )

    assert response.status_code in (302, 303)
    our_image.refresh_from_db()
    assert not our_image.private_until_used
    assert our_image.addresses().public
