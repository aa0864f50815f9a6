"""The chooser the editor opens to insert a library item: who may open it, what it lists,
search, tags and pages, and uploads that create the item and choose it."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from articles.models import Article
from coalition import revisions
from coalition.library.models import Document, Image
from tests import factories
from tests.admin_helpers import admin_url

pytestmark = pytest.mark.django_db

IMAGES = reverse("library:image_chooser")
DOCUMENTS = reverse("library:document_chooser")
# The session and the user, the user's permissions (two), the count and the page of items,
# the tags of the filter, the session's update (three): however many items there are.
LIST_QUERIES = 10


def committed():
    return TestCase.captureOnCommitCallbacks(execute=True)


@pytest.fixture
def staff_without_library(db):
    return factories.UserFactory(username="clerk", is_staff=True)


@pytest.fixture
def viewer(db):
    """Staff who may see the library but add nothing to it."""
    user = factories.UserFactory(username="viewer", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="library", codename__in=["view_image", "view_document"]
        )
    )
    return user


def references_in(response):
    return re.findall(r'data-reference="([^"]+)"', response.content.decode())


@pytest.mark.parametrize("url", [IMAGES, DOCUMENTS])
def test_anonymous_visitors_are_sent_to_log_in(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("url", [IMAGES, DOCUMENTS])
def test_staff_without_the_librarys_permission_are_refused(client, staff_without_library, url):
    client.force_login(staff_without_library)

    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403


def test_an_author_sees_images_with_square_thumbnails_and_their_references(client, author):
    with committed():
        image = factories.ImageFactory(title="Court steps", alt="Steps of the court")
    client.force_login(author)

    response = client.get(IMAGES)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Court steps" in content
    assert "Alt text: Steps of the court" in content
    # The alt text is left to the library (in each text's language) unless the writer types one.
    assert references_in(response) == [f"![](image:{image.pk})"]
    image.refresh_from_db()
    assert re.search(r'<img src="[^"]*-square-[^"]*\.webp"', content)
    assert 'alt=""' in content  # the title beside it names the button
    assert 'name="upload-file"' in content


def test_documents_are_listed_with_their_type_size_and_title_as_link_text(client, author):
    report = factories.DocumentFactory(title="Annual report")
    client.force_login(author)

    response = client.get(DOCUMENTS)

    assert response.status_code == 200
    assert references_in(response) == [f"[Annual report](document:{report.pk})"]
    assert "PDF" in response.content.decode()


def test_search_finds_by_title_and_alt_text(client, author):
    with committed():
        court = factories.ImageFactory(title="Court steps", alt="Lawyers")
        crowd = factories.ImageFactory(title="Rally", alt="A crowd at the court")
        factories.ImageFactory(title="Portrait", alt="A woman smiling")
    client.force_login(author)

    response = client.get(IMAGES, {"q": "court"})

    assert sorted(references_in(response)) == sorted(
        [f"![](image:{court.pk})", f"![](image:{crowd.pk})"]
    )
    assert 'value="court"' in response.content.decode()


def test_the_tag_filter_narrows_the_list(client, author):
    tag = factories.TagFactory(name="hearings")
    tagged = factories.DocumentFactory()
    tagged.tags.add(tag)
    factories.DocumentFactory()
    client.force_login(author)

    response = client.get(DOCUMENTS, {"tag": tag.pk})

    assert references_in(response) == [f"[{tagged.title}](document:{tagged.pk})"]


def test_an_unknown_tag_is_a_clear_400(client, author):
    factories.DocumentFactory()
    client.force_login(author)

    response = client.get(DOCUMENTS, {"tag": "999999"})

    assert response.status_code == 400
    assert references_in(response) == []
    assert "Select a valid choice" in response.content.decode()


def test_pages_link_to_each_other_keeping_the_search(client, author, settings):
    documents = [factories.DocumentFactory(title=f"Brief {n}") for n in range(20)]
    client.force_login(author)

    first = client.get(DOCUMENTS, {"q": "Brief"})
    second = client.get(DOCUMENTS, {"q": "Brief", "page": 2})

    assert len(references_in(first)) == 18
    assert len(references_in(second)) == 2
    assert 'href="?q=Brief&amp;page=2" rel="next"' in first.content.decode()
    assert 'href="?q=Brief&amp;page=1" rel="prev"' in second.content.decode()
    assert f"(document:{documents[0].pk})" in second.content.decode()


@pytest.mark.parametrize("page", ["9", "0", "two"])
def test_a_page_that_does_not_exist_is_a_404(client, author, page):
    factories.DocumentFactory()
    client.force_login(author)

    assert client.get(DOCUMENTS, {"page": page}).status_code == 404


@pytest.mark.parametrize("number", [1, 30])
def test_the_list_reads_a_fixed_number_of_queries(
    client, author, django_assert_max_num_queries, number
):
    for _ in range(number):
        factories.DocumentFactory().tags.add(factories.TagFactory())
    client.force_login(author)

    with django_assert_max_num_queries(LIST_QUERIES):
        assert client.get(DOCUMENTS).status_code == 200
    with committed():
        factories.ImageFactory.create_batch(number)
    with django_assert_max_num_queries(LIST_QUERIES):
        assert client.get(IMAGES, {"q": "Image"}).status_code == 200


def test_an_uploaded_image_is_saved_and_chosen(client, author):
    client.force_login(author)

    with committed():
        response = client.post(
            IMAGES,
            {
                "upload-file": factories.image_upload("court_steps.png", size=(300, 200)),
                "upload-title": "",
                "upload-alt": "Steps of the Almaty court",
            },
        )

    assert response.status_code == 201
    image = Image.objects.get()
    assert image.title == "court steps"
    assert image.alt == "Steps of the Almaty court"
    assert image.uploaded_by == author
    assert revisions.revisions_of(image).count() == 1
    chosen = re.search(r'data-chosen data-reference="([^"]+)"', response.content.decode())
    assert chosen[1] == f"![](image:{image.pk})"
    image.refresh_from_db()
    assert image.variants.get("crops")


def test_a_decorative_image_needs_no_alt_text(client, author):
    client.force_login(author)

    response = client.post(
        IMAGES,
        {
            "upload-file": factories.image_upload(),
            "upload-title": "Dots",
            "upload-decorative": "on",
        },
    )

    assert response.status_code == 201
    assert Image.objects.get().decorative


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"upload-title": "No alt", "upload-alt": ""}, "Describe the image"),
        (
            {"upload-file": "text", "upload-title": "Not a picture", "upload-alt": "x"},
            "this file is not one, whatever its name says",
        ),
        ({"upload-title": "Nothing", "upload-alt": "x", "upload-file": None}, "required"),
    ],
)
def test_a_refused_image_upload_is_a_400_saying_why(client, author, data, message):
    client.force_login(author)
    files = {
        "upload-file": factories.image_upload(),
        "text": SimpleUploadedFile("notes.png", b"not an image", content_type="image/png"),
        None: "",
    }
    data = {**data, "upload-file": files[data.get("upload-file", "upload-file")]}

    response = client.post(IMAGES, data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'role="alert"' in response.content.decode()
    assert "data-chosen" not in response.content.decode()
    assert not Image.objects.exists()


def upload_document(client, content=b"%PDF-1.4 brief\n", **fields):
    """POST a document to the chooser: an Amicus brief in Russian unless `fields` say else."""
    data = {"title": "Amicus brief", "kind": "brief", "language": "ru", **fields}
    return client.post(
        DOCUMENTS,
        {
            "upload-file": SimpleUploadedFile(
                "brief.pdf", content, content_type="application/pdf"
            ),
            **{f"upload-{name}": value for name, value in data.items()},
        },
    )


def test_an_uploaded_document_is_saved_and_chosen(client, author):
    client.force_login(author)

    response = upload_document(client)

    assert response.status_code == 201
    document = Document.objects.get()
    assert (document.title, document.kind, document.language, document.file_type) == (
        "Amicus brief",
        "brief",
        "ru",
        "PDF",
    )
    assert document.uploaded_by == author
    assert f'data-reference="[Amicus brief](document:{document.pk})"' in response.content.decode()


def test_a_document_of_an_unknown_kind_is_a_400_and_nothing_is_kept(client, author):
    client.force_login(author)

    response = upload_document(client, kind="rumour")

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Document.objects.exists()


def test_a_document_of_a_refused_type_is_a_400(client, author):
    client.force_login(author)

    response = upload_document(client, content=b"MZ\x90\x00\x03\x00\x00\x00\x04\x00")

    assert response.status_code == 400
    assert not Document.objects.exists()
    assert "not one of the accepted types" in response.content.decode()


def test_who_may_only_view_gets_no_upload_form_and_may_not_post(client, viewer):
    client.force_login(viewer)

    assert 'name="upload-file"' not in client.get(IMAGES).content.decode()
    response = client.post(
        IMAGES, {"upload-file": factories.image_upload(), "upload-alt": "x", "upload-title": "x"}
    )
    assert response.status_code == 403
    assert not Image.objects.exists()


def test_the_article_partner_and_case_editors_open_the_chooser(client, editor, partner):
    article = factories.ArticleFactory()
    case = factories.LitigationCaseFactory()
    client.force_login(editor)

    for obj in (article, partner, case):
        content = client.get(admin_url(obj, "change")).content.decode()
        assert f'data-chooser-image="{IMAGES}"' in content, obj
        assert f'data-chooser-document="{DOCUMENTS}"' in content, obj


def test_the_editor_offers_only_the_choosers_its_user_may_open(client, author):
    article = factories.ArticleFactory(author=author, status=Article.Status.DRAFT, publish_at=None)
    Group.objects.get(name="Authors").permissions.remove(
        Permission.objects.get(content_type__app_label="library", codename="view_document")
    )
    client.force_login(author)

    content = client.get(admin_url(article, "change")).content.decode()

    assert "data-chooser-image=" in content
    assert "data-chooser-document=" not in content
