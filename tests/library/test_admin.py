import pytest
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from coalition import revisions
from coalition.images import crop_name
from coalition.library.models import Document, Image
from coalition.library.usage import uses
from coalition.storage import public_storage
from tests import factories
from tests.admin_helpers import admin_url, admin_view_url, change_form_data, open_change_form

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model_name", ["image", "document"])
@pytest.mark.parametrize("view", ["changelist", "add"])
def test_editors_and_authors_open_the_library(client, editor, author, model_name, view):
    url = admin_view_url("library", model_name, view)

    assert client.get(url).status_code == 302
    for user in (editor, author):
        client.force_login(user)
        assert client.get(url).status_code == 200


def test_an_editor_uploads_an_image_and_is_its_uploader(client, editor):
    client.force_login(editor)

    response = client.post(
        admin_view_url("library", "image", "add"),
        {
            "file": factories.image_upload("court.png", size=(80, 60)),
            "title": "Court",
            "alt": "The court building",
            "licence": "cc-by-4.0",
            "caption_ru": "Суд",
            "alt_ru": "Здание суда",
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    image = Image.objects.get()
    assert image.uploaded_by == editor
    assert (image.width, image.height) == (80, 60)
    assert image.alt_text("ru") == "Здание суда"


def test_an_image_without_alt_text_is_refused_with_the_reason(client, editor):
    client.force_login(editor)

    response = client.post(
        admin_view_url("library", "image", "add"),
        {"file": factories.image_upload(), "title": "Court", "licence": "cc0"},
    )

    assert response.status_code == 200
    assert "alt" in response.context["adminform"].form.errors
    assert not Image.objects.exists()


def test_a_document_upload_is_checked_as_the_portal_checks_it(client, editor):
    client.force_login(editor)
    url = admin_view_url("library", "document", "add")
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")

    refused = client.post(url, {"file": fake, "title": "Report", "language": "en"})

    assert refused.status_code == 200
    assert "not one of the accepted types" in str(refused.context["adminform"].form.errors)
    assert not Document.objects.exists()

    pdf = SimpleUploadedFile("Annual Report.PDF", b"%PDF-1.7 report\n", "application/pdf")
    accepted = client.post(url, {"file": pdf, "title": "Report", "language": "ru"})

    assert accepted.status_code == 302
    document = Document.objects.get()
    assert document.file_type == "PDF"
    assert document.file.name.endswith(".pdf")
    assert "annual-report" in document.file.name
    assert document.uploaded_by == editor


def test_an_image_edit_keeps_a_revision(client, editor):
    image = factories.ImageFactory(title="Court")
    client.force_login(editor)

    response = client.post(
        admin_url(image, "change"),
        change_form_data(open_change_form(client, image), title="The court"),
    )

    assert response.status_code == 302
    image.refresh_from_db()
    assert image.title == "The court"
    assert image.version == 2


def committed():
    return TestCase.captureOnCommitCallbacks(execute=True)


def changelist(model_name="image"):
    return admin_view_url("library", model_name, "changelist")


def test_the_image_list_is_a_grid_of_square_thumbnails(client, editor):
    with committed():
        image = factories.ImageFactory(title="Court", file=factories.image_upload(size=(900, 600)))
    undescribed = factories.ImageFactory(title="Street", alt="")
    client.force_login(editor)

    response = client.get(changelist())

    assert response.status_code == 200
    html = response.content.decode()
    assert "coalition/library/library.css" in html
    image.refresh_from_db()
    assert f'src="{image.thumbnail_url()}"' in html
    assert "square" in image.thumbnail_url()
    assert 'class="library-thumb"' in html
    assert "No alt text" in html
    assert undescribed.title in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "bench"}, {"Court"}),
        ({"q": "protest"}, {"Street"}),
        ({"alt_text": "missing"}, {"Street"}),
        ({"alt_text": "given"}, {"Court", "Pattern"}),
        ({"decorative__exact": "1"}, {"Pattern"}),
        ({"licence__exact": "cc0"}, {"Pattern"}),
    ],
)
def test_the_image_grid_is_searched_and_filtered(client, editor, query, expected):
    factories.ImageFactory(title="Court", alt="Judges on the bench")
    street = factories.ImageFactory(title="Street", alt="")
    street.tags.add(factories.TagFactory(name="protest"))
    factories.ImageFactory(title="Pattern", alt="", decorative=True, licence="cc0")
    client.force_login(editor)

    response = client.get(changelist(), query)

    assert response.status_code == 200
    assert {image.title for image in response.context["cl"].result_list} == expected


def test_a_tag_filter_and_an_unknown_filter(client, editor):
    tag = factories.TagFactory(name="court")
    tagged = factories.ImageFactory(title="Tagged")
    tagged.tags.add(tag)
    factories.ImageFactory(title="Other")
    client.force_login(editor)

    response = client.get(changelist(), {"tags__id__exact": tag.pk})
    assert [image.title for image in response.context["cl"].result_list] == ["Tagged"]
    # Django's admin answers an unknown filter by going back to the whole list, never a 500.
    assert client.get(changelist(), {"nonsense": "1"}).status_code == 302


@pytest.mark.parametrize("model_name", ["image", "document"])
def test_the_grid_runs_a_bounded_number_of_queries(
    client, editor, model_name, django_assert_max_num_queries
):
    factory = factories.ImageFactory if model_name == "image" else factories.DocumentFactory
    tags = [factories.TagFactory(name=f"tag {n}") for n in range(3)]
    for _ in range(30):
        factory(uploaded_by=editor).tags.set(tags)
    client.force_login(editor)

    # Session, user, permissions, filters and counts; never one more per item or tag.
    with django_assert_max_num_queries(18):
        response = client.get(changelist(model_name))

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 30


def test_the_document_grid_shows_type_and_size(client, editor):
    factories.DocumentFactory(title="Annual report")
    client.force_login(editor)

    response = client.get(changelist("document"), {"file_type__exact": "PDF"})

    html = response.content.decode()
    assert '<span class="library-type">PDF</span>' in html
    assert "Annual report" in html
    assert "16\xa0bytes" in html


def test_the_change_page_offers_the_focal_point_picker_and_the_fields(client, editor):
    image = factories.ImageFactory(focal_x=0.25, focal_y=0.75)
    client.force_login(editor)

    html = open_change_form(client, image).content.decode()

    assert 'class="focal-picker" data-x="0.250" data-y="0.750" hidden' in html
    assert "coalition/library/focal-point.js" in html
    assert 'name="focal_x"' in html
    assert 'name="focal_y"' in html


def test_a_focal_point_is_saved_from_the_fields_and_checked(client, editor):
    image = factories.ImageFactory()
    client.force_login(editor)
    form = open_change_form(client, image)

    refused = client.post(admin_url(image, "change"), change_form_data(form, focal_x="1.5"))
    assert refused.status_code == 200
    assert "focal_x" in refused.context["adminform"].form.errors

    saved = client.post(
        admin_url(image, "change"), change_form_data(form, focal_x="0.1", focal_y="0.9")
    )
    assert saved.status_code == 302
    image.refresh_from_db()
    assert image.focal_point == (0.1, 0.9)


def test_the_change_page_says_where_the_item_is_used(client, editor):
    image = factories.ImageFactory()
    article = factories.ArticleFactory(title="Torture report", body=f"![](image:{image.pk})")
    unused = factories.ImageFactory()
    client.force_login(editor)

    html = open_change_form(client, image).content.decode()
    assert f'href="/admin/articles/article/{article.pk}/change/"' in html
    assert "Torture report" in html
    assert "Nowhere yet" in open_change_form(client, unused).content.decode()


def test_replacing_the_file_keeps_the_id_and_remakes_the_variants(client, editor):
    with committed():
        image = factories.ImageFactory(file=factories.image_upload("old.png", size=(600, 300)))
    image.refresh_from_db()
    old_name, old_square = image.file.name, crop_name(image.variants, "square", "webp")
    factories.ArticleFactory(body=f"![](image:{image.pk})")
    client.force_login(editor)

    data = change_form_data(open_change_form(client, image))
    data["file"] = factories.image_upload("new.png", size=(500, 500), colour="red")
    with committed():
        response = client.post(admin_url(image, "change"), data)

    assert response.status_code == 302
    replaced = Image.objects.get(pk=image.pk)
    assert replaced.file.name != old_name
    assert replaced.file.name.endswith("new.png")
    assert (replaced.width, replaced.height) == (500, 500)
    assert replaced.variants["source"] == replaced.file.name
    assert crop_name(replaced.variants, "square", "webp") != old_square
    assert public_storage().exists(replaced.file.name)
    assert not public_storage().exists(old_name)
    assert len(uses(replaced)) == 1


# Deleting


def test_deleting_an_item_in_use_is_refused_with_the_places(client, editor):
    image = factories.ImageFactory()
    article = factories.ArticleFactory(title="Torture report", body=f"![](image:{image.pk})")
    client.force_login(editor)
    url = admin_url(image, "delete")

    page = client.get(url)
    refused = client.post(url, {"post": "yes"})

    assert page.status_code == 200
    assert refused.status_code == 409
    for response in (page, refused):
        html = response.content.decode()
        assert "cannot be deleted while it is in use" in html
        assert f'href="/admin/articles/article/{article.pk}/change/"' in html
    assert Image.objects.filter(pk=image.pk).exists()


def test_an_unused_item_is_deleted(client, editor):
    document = factories.DocumentFactory()
    client.force_login(editor)

    response = client.post(admin_url(document, "delete"), {"post": "yes"})

    assert response.status_code == 302
    assert not Document.objects.exists()


def test_a_bulk_delete_touching_an_item_in_use_deletes_nothing(client, editor):
    used = factories.DocumentFactory(title="Used report")
    unused = factories.DocumentFactory(title="Spare report")
    partner = factories.PartnerFactory(description=f"Read [it](document:{used.pk}).")
    client.force_login(editor)
    data = {"action": "delete_selected", "_selected_action": [used.pk, unused.pk]}

    response = client.post(changelist("document"), data, follow=True)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing was deleted" in html
    assert "Used report" in html
    assert str(partner) in html
    assert Document.objects.count() == 2

    confirmed = client.post(changelist("document"), {**data, "post": "yes"})
    assert confirmed.status_code == 302
    assert Document.objects.count() == 2


def test_a_bulk_delete_of_unused_items_asks_then_deletes(client, editor):
    images = [factories.ImageFactory(), factories.ImageFactory()]
    client.force_login(editor)
    data = {"action": "delete_selected", "_selected_action": [image.pk for image in images]}

    asked = client.post(changelist(), data)
    assert asked.status_code == 200
    assert "Are you sure" in asked.content.decode()

    assert client.post(changelist(), {**data, "post": "yes"}).status_code == 302
    assert not Image.objects.exists()


def test_authors_upload_and_edit_but_never_delete(client, author):
    image = factories.ImageFactory()
    client.force_login(author)

    assert client.get(admin_url(image, "change")).status_code == 200
    assert client.get(admin_url(image, "delete")).status_code == 403
    assert client.post(admin_url(image, "delete"), {"post": "yes"}).status_code == 403
    assert Image.objects.exists()


def test_staff_without_library_rights_see_nothing(client):
    staff = factories.UserFactory(username="clerk", is_staff=True)
    client.force_login(staff)

    assert client.get(changelist()).status_code == 403
    assert client.get(admin_view_url("library", "image", "add_many")).status_code == 403


# Many images at once


def add_many(client, files, **data):
    return client.post(
        admin_view_url("library", "image", "add_many"),
        {"files": files, "licence": "cc-by-4.0", "credit": "Photo: KIBHR", **data},
    )


def test_the_upload_page_offers_a_multiple_file_input_and_progress(client, editor):
    client.force_login(editor)

    response = client.get(admin_view_url("library", "image", "add_many"))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'type="file" name="files"' in html
    assert "multiple" in html
    assert "coalition/library/add-many.js" in html
    assert 'class="library-progress"' in html
    assert (
        admin_view_url("library", "image", "add_many") in client.get(changelist()).content.decode()
    )


def test_several_images_are_uploaded_at_once_without_javascript(client, editor):
    tag = factories.TagFactory(name="hearing")
    client.force_login(editor)

    response = add_many(
        client,
        [
            factories.image_upload("court_hearing-1.png"),
            factories.image_upload("Street march.jpg", format="JPEG"),
        ],
        tags=[tag.pk],
    )

    images = Image.objects.order_by("pk")
    assert response.status_code == 302
    assert response["Location"] == describe_url(*images)
    assert [image.title for image in images] == ["court hearing 1", "Street march"]
    assert all(image.uploaded_by == editor for image in images)
    assert all(image.credit == "Photo: KIBHR" and image.licence == "cc-by-4.0" for image in images)
    assert all(list(image.tags.all()) == [tag] for image in images)
    assert all(image.version == 1 and image.alt == "" for image in images)


def test_refused_files_are_named_and_the_others_kept(client, editor):
    client.force_login(editor)

    response = add_many(
        client,
        [
            factories.image_upload("good.png"),
            SimpleUploadedFile("evil.png", b"<script>alert(1)</script>", "image/png"),
        ],
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "evil.png" in html
    assert "Upload a JPEG, PNG or WebP image" in html
    assert [image.title for image in Image.objects.all()] == ["good"]
    assert "1 image was uploaded" in html


def test_an_upload_without_files_is_refused(client, editor):
    client.force_login(editor)

    response = add_many(client, [])

    assert response.status_code == 400
    assert "Choose one or more images" in response.content.decode()
    assert not Image.objects.exists()


def test_the_page_script_gets_json_for_each_file(client, editor):
    client.force_login(editor)
    url = admin_view_url("library", "image", "add_many")
    json = {"HTTP_ACCEPT": "application/json"}

    accepted = client.post(
        url, {"files": factories.image_upload("cell.png"), "licence": "cc0"}, **json
    )
    refused = client.post(
        url,
        {"files": SimpleUploadedFile("notes.png", b"plain text", "image/png"), "licence": "cc0"},
        **json,
    )
    bad_licence = client.post(
        url, {"files": factories.image_upload("cell.png"), "licence": "mine"}, **json
    )

    image = Image.objects.get()
    assert accepted.status_code == 201
    assert accepted.json()["images"] == [
        {"id": image.pk, "title": "cell", "url": admin_url(image, "change")}
    ]
    assert refused.status_code == 400
    assert refused.json()["refused"][0]["name"] == "notes.png"
    assert bad_licence.status_code == 400
    assert bad_licence.json()["images"] == []
    assert Image.objects.count() == 1


def test_authors_may_upload_many(client, author):
    client.force_login(author)

    assert add_many(client, [factories.image_upload()]).status_code == 302
    assert Image.objects.get().uploaded_by == author


def test_a_use_made_while_the_confirmation_was_open_still_stops_the_delete(rf, editor):
    image = factories.ImageFactory()
    factories.ArticleFactory(body=f"![](image:{image.pk})")
    request = rf.post("/")
    request.user = editor

    with pytest.raises(PermissionDenied):
        admin.site._registry[Image].delete_queryset(request, Image.objects.all())
    assert Image.objects.exists()


def test_anonymous_people_are_sent_to_log_in(client):
    for url in (admin_view_url("library", "image", "add_many"), changelist("document")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_an_image_over_the_size_limit_is_refused_by_name(client, editor, settings):
    settings.IMAGE_MAX_UPLOAD_MB = 0.001
    client.force_login(editor)

    response = add_many(client, [factories.image_upload("huge.png", size=(400, 400))])

    assert response.status_code == 400
    html = response.content.decode()
    assert "huge.png" in html
    assert "the largest accepted is" in html
    assert not Image.objects.exists()


# Describing several images at once


def describe_url(*images):
    ids = ",".join(str(image.pk) for image in images)
    return admin_view_url("library", "image", "describe") + f"?ids={ids}"


def describe_data(images, **changes):
    data = {
        "form-TOTAL_FORMS": str(len(images)),
        "form-INITIAL_FORMS": str(len(images)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for index, image in enumerate(images):
        data.update(
            {
                f"form-{index}-id": image.pk,
                f"form-{index}-opened_version": image.version,
                f"form-{index}-title": image.title,
                f"form-{index}-alt": image.alt,
                f"form-{index}-caption": image.caption,
                f"form-{index}-credit": image.credit,
            }
        )
    data.update(changes)
    return data


def test_the_describe_page_lists_the_images_with_their_fields(
    client, editor, django_assert_max_num_queries
):
    images = [factories.ImageFactory(alt="") for _ in range(5)]
    client.force_login(editor)

    with django_assert_max_num_queries(12):
        response = client.get(describe_url(*images))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="library-thumb"') == 5
    assert 'name="form-4-alt"' in html
    assert 'name="form-0-opened_version"' in html


def test_several_images_are_described_at_once_with_revisions(client, editor):
    first, second = factories.ImageFactory(alt=""), factories.ImageFactory(alt="")
    client.force_login(editor)

    response = client.post(
        describe_url(first, second),
        describe_data([first, second], **{"form-0-alt": "A court", "form-1-decorative": "on"}),
    )

    assert response.status_code == 302
    assert response["Location"] == changelist() + f"?id__in={first.pk},{second.pk}"
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.alt, first.version) == ("A court", 2)
    assert (second.decorative, second.version) == (True, 2)
    assert revisions.revisions_of(first).count() == 2  # as found, then this save


def test_an_image_left_undescribed_is_refused_and_nothing_saved(client, editor):
    first, second = factories.ImageFactory(alt=""), factories.ImageFactory(alt="")
    client.force_login(editor)

    response = client.post(
        describe_url(first, second), describe_data([first, second], **{"form-0-alt": "A court"})
    )

    assert response.status_code == 400
    assert "Describe the image for people who cannot see it" in response.content.decode()
    first.refresh_from_db()
    assert first.alt == ""


def test_a_save_over_someone_elses_is_refused_for_that_image(client, editor):
    first, second = factories.ImageFactory(alt=""), factories.ImageFactory(alt="")
    data = describe_data([first, second], **{"form-0-alt": "Mine", "form-1-alt": "Mine too"})
    Image.objects.filter(pk=first.pk).update(alt="Theirs", version=2)
    client.force_login(editor)

    response = client.post(describe_url(first, second), data, follow=True)

    assert "Someone else saved" in response.content.decode()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.alt == "Theirs"
    assert second.alt == "Mine too"


@pytest.mark.parametrize("ids", ["1,x", "1;2", ",".join(["1"] * 101), "9" * 19])
def test_a_malformed_list_of_images_is_a_400(client, editor, ids):
    client.force_login(editor)

    response = client.get(admin_view_url("library", "image", "describe"), {"ids": ids})

    assert response.status_code == 400


def test_describing_needs_the_right_to_change_images(client):
    image = factories.ImageFactory()
    client.force_login(factories.UserFactory(username="clerk", is_staff=True))

    assert client.get(describe_url(image)).status_code == 403
