import hashlib

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coalition.cases.models import CaseDocument, LitigationCase
from tests import factories
from tests.admin_helpers import admin_view_url, management_form

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4 observations of the Government\n"


def download_url(document):
    return admin_view_url("cases", "casedocument", "download", document.pk)


def staff_user(username, *permissions):
    """A staff member holding exactly `permissions`, given as 'app_label.codename'."""
    user = factories.UserFactory(username=username, is_staff=True)
    for permission in permissions:
        app_label, codename = permission.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


@pytest.fixture
def abdullaev():
    return factories.LitigationCaseFactory(
        title="Abdullaev v. Kazakhstan", slug="abdullaev-v-kazakhstan", status="lodged"
    )


@pytest.fixture
def beisenova():
    return factories.LitigationCaseFactory(
        title="Beisenova v. Kyrgyzstan",
        slug="beisenova-v-kyrgyzstan",
        status="decided",
        is_public=False,
    )


@pytest.fixture
def observations(abdullaev):
    return factories.CaseDocumentFactory(
        case=abdullaev,
        title="Government observations",
        kind="observations",
        visibility="partners",
        file=ContentFile(PDF_BYTES, name="observations.pdf"),
    )


# Per model: an object to find, one to leave out, a search term and a filter that tell them apart.
CHANGELISTS = {
    "forum": (
        lambda: factories.ForumFactory(name="Strasbourg Court", kind="regional"),
        lambda: factories.ForumFactory(name="Almaty District Court", kind="domestic"),
        "strasbourg",
        {"kind__exact": "regional"},
    ),
    "litigationcase": (
        lambda: factories.LitigationCaseFactory(title="Abdullaev v. Kazakhstan", status="lodged"),
        lambda: factories.LitigationCaseFactory(title="Beisenova v. Kazakhstan", status="closed"),
        "abdullaev",
        {"status__exact": "lodged"},
    ),
    "proceeding": (
        lambda: factories.ProceedingFactory(
            number="no. 4321/19", forum=factories.ForumFactory(kind="regional")
        ),
        lambda: factories.ProceedingFactory(
            number="no. 8765/20", forum=factories.ForumFactory(kind="domestic")
        ),
        "4321/19",
        {"forum__kind__exact": "regional"},
    ),
    "casepartner": (
        lambda: factories.CasePartnerFactory(
            partner=factories.PartnerFactory(name="Almaty Bureau"), role="lead_counsel"
        ),
        lambda: factories.CasePartnerFactory(
            partner=factories.PartnerFactory(name="Osh Committee"), role="supporter"
        ),
        "almaty",
        {"role__exact": "lead_counsel"},
    ),
    "caseevent": (
        lambda: factories.CaseEventFactory(title="Communicated to Kazakhstan", kind="filing"),
        lambda: factories.CaseEventFactory(title="Judgment delivered", kind="judgment"),
        "communicated",
        {"kind__exact": "filing"},
    ),
    "casedocument": (
        lambda: factories.CaseDocumentFactory(title="Application form", visibility="public"),
        lambda: factories.CaseDocumentFactory(title="Witness statement", visibility="editors"),
        "application",
        {"visibility__exact": "public"},
    ),
}


@pytest.mark.parametrize("model_name", CHANGELISTS)
def test_changelist_lists_searches_and_filters(admin_client, model_name):
    make_found, make_left_out, search_term, narrowing_filter = CHANGELISTS[model_name]
    found = make_found()
    left_out = make_left_out()
    url = admin_view_url("cases", model_name, "changelist")

    response = admin_client.get(url)
    assert response.status_code == 200
    assert set(response.context["cl"].result_list) == {found, left_out}

    response = admin_client.get(url, {"q": search_term})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [found]

    response = admin_client.get(url, narrowing_filter)
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [found]


@pytest.mark.parametrize("model_name", CHANGELISTS)
def test_add_and_change_pages_load(admin_client, model_name):
    found = CHANGELISTS[model_name][0]()
    assert admin_client.get(admin_view_url("cases", model_name, "add")).status_code == 200
    response = admin_client.get(admin_view_url("cases", model_name, "change", found.pk))
    assert response.status_code == 200
    assert response.context["original"] == found


def test_case_changelist_finds_a_case_by_its_application_number(admin_client, abdullaev):
    factories.ProceedingFactory(case=abdullaev, number="Application no. 12345/19")
    factories.LitigationCaseFactory(title="Beisenova v. Kazakhstan")
    response = admin_client.get(
        admin_view_url("cases", "litigationcase", "changelist"), {"q": "12345/19"}
    )
    assert "Abdullaev" in response.text
    assert "Beisenova" not in response.text


def test_case_change_page_shows_every_inline(admin_client, abdullaev, observations):
    factories.ProceedingFactory(case=abdullaev, number="no. 4321/19")
    factories.CasePartnerFactory(case=abdullaev, partner=factories.PartnerFactory(name="KIBHR"))
    factories.CaseEventFactory(case=abdullaev, title="Communicated to the Government")

    response = admin_client.get(admin_view_url("cases", "litigationcase", "change", abdullaev.pk))

    assert response.status_code == 200
    for shown in ["4321/19", "KIBHR", "Communicated to the Government", "Government observations"]:
        assert shown in response.text


def case_form(**changes):
    return {
        "title": "Nurlanov v. Kazakhstan",
        "short_title": "Nurlanov",
        "slug": "nurlanov-v-kazakhstan",
        "summary": "Torture to extract a confession.",
        "facts": "The applicant was <script>alert(1)</script> beaten.",
        "strategic_aim": "",
        "rights_at_issue": "Prohibition of torture",
        "respondent_states": [factories.country("KZ").pk],
        "status": "lodged",
        "implementation_status": "not_applicable",
        "status_changed_on": "2024-03-01",
        "is_public": "on",
        **management_form("proceedings"),
        **management_form("case_partners"),
        **management_form("events"),
        **management_form("documents"),
        **changes,
    }


def test_posting_the_case_add_form_creates_it_with_a_proceeding(admin_client):
    forum = factories.ForumFactory(name="European Court of Human Rights")
    data = case_form(
        **management_form("proceedings", total=1),
        **{
            "proceedings-0-forum": forum.pk,
            "proceedings-0-number": "no. 55555/24",
            "proceedings-0-lodged_on": "2024-02-01",
        },
    )

    response = admin_client.post(admin_view_url("cases", "litigationcase", "add"), data)

    assert response.status_code == 302
    case = LitigationCase.objects.get(slug="nurlanov-v-kazakhstan")
    assert "<script>" not in case.facts_html
    proceeding = case.proceedings.get()
    assert (proceeding.forum, proceeding.number_normalised) == (forum, "55555/24")


def test_case_add_form_refuses_proceeding_dates_out_of_order(admin_client):
    forum = factories.ForumFactory()
    data = case_form(
        **management_form("proceedings", total=1),
        **{
            "proceedings-0-forum": forum.pk,
            "proceedings-0-lodged_on": "2024-02-01",
            "proceedings-0-decided_on": "2023-02-01",
        },
    )

    response = admin_client.post(admin_view_url("cases", "litigationcase", "add"), data)

    assert response.status_code == 200
    assert not LitigationCase.objects.filter(slug="nurlanov-v-kazakhstan").exists()


def test_case_inline_offers_only_the_cases_own_documents_and_proceedings(
    admin_client, abdullaev, beisenova, observations
):
    factories.CaseEventFactory(case=abdullaev)
    factories.CaseDocumentFactory(case=beisenova, title="Someone else's judgment")
    factories.ProceedingFactory(case=abdullaev, number="no. 1111/11")
    factories.ProceedingFactory(case=beisenova, number="no. 9999/99")

    response = admin_client.get(admin_view_url("cases", "litigationcase", "change", abdullaev.pk))

    event_form = response.context["inline_admin_formsets"][2].formset.forms[0]
    assert list(event_form.fields["document"].queryset) == [observations]
    proceeding_form = response.context["inline_admin_formsets"][0].formset.forms[0]
    assert list(proceeding_form.fields["parent"].queryset) == []
    assert "Someone else&#x27;s judgment" not in response.text
    assert "9999/99" not in response.text


def test_case_document_change_page_links_to_the_staff_download(admin_client, observations):
    response = admin_client.get(admin_view_url("cases", "casedocument", "change", observations.pk))
    assert response.status_code == 200
    assert f'href="{download_url(observations)}">observations.pdf</a>' in response.text


def test_case_page_document_inline_links_to_the_staff_download(admin_client, observations):
    response = admin_client.get(
        admin_view_url("cases", "litigationcase", "change", observations.case.pk)
    )
    assert response.status_code == 200
    assert f'href="{download_url(observations)}">observations.pdf</a>' in response.text


def test_view_only_staff_see_the_download_link_instead_of_a_file_input(client, observations):
    reader = staff_user("reader", "cases.view_casedocument", "cases.view_litigationcase")
    client.force_login(reader)

    for url in [
        admin_view_url("cases", "casedocument", "change", observations.pk),
        admin_view_url("cases", "litigationcase", "change", observations.case.pk),
    ]:
        response = client.get(url)
        assert response.status_code == 200
        assert f'href="{download_url(observations)}">observations.pdf</a>' in response.text
        assert 'type="file"' not in response.text


def test_download_serves_the_stored_bytes_as_an_attachment(admin_client, observations):
    response = admin_client.get(download_url(observations))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Disposition"] == 'attachment; filename="observations.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-cache" in response["Cache-Control"]


def test_editor_may_download_a_confidential_document(client, editor, observations):
    client.force_login(editor)
    response = client.get(download_url(observations))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_staff_without_permission_cannot_download(client, observations):
    client.force_login(staff_user("clerk", "cases.view_litigationcase"))
    assert client.get(download_url(observations)).status_code == 403


def test_author_cannot_download_a_case_document(client, author, observations):
    client.force_login(author)
    assert client.get(download_url(observations)).status_code == 403


def test_partner_staff_are_sent_to_the_admin_login_not_the_file(
    client, partner_member, observations
):
    client.force_login(partner_member)
    response = client.get(download_url(observations))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_download_of_an_unknown_document_is_404(admin_client):
    assert (
        admin_client.get(admin_view_url("cases", "casedocument", "download", 999999)).status_code
        == 404
    )
    assert (
        admin_client.get(admin_view_url("cases", "casedocument", "download", "abc")).status_code
        == 404
    )


def test_download_of_a_document_without_a_stored_file_is_404(admin_client, abdullaev):
    linked = factories.CaseDocumentFactory(
        case=abdullaev, file="", external_url="https://hudoc.echr.coe.int/eng?i=001-1"
    )
    assert admin_client.get(download_url(linked)).status_code == 404


def test_download_of_a_file_missing_from_storage_is_404(admin_client, observations):
    observations.file.storage.delete(observations.file.name)
    assert admin_client.get(download_url(observations)).status_code == 404


def document_form(case, **changes):
    return {
        "case": case.pk,
        "title": "Reply to the Government",
        "kind": "observations",
        "date": "2024-05-01",
        "language": "en",
        "external_url": "",
        "visibility": "partners",
        **changes,
    }


def test_uploading_a_document_records_its_fingerprint_and_uploader(
    admin_client, admin_user, abdullaev
):
    upload = SimpleUploadedFile("reply.pdf", PDF_BYTES, "application/pdf")

    response = admin_client.post(
        admin_view_url("cases", "casedocument", "add"), document_form(abdullaev, file=upload)
    )

    assert response.status_code == 302
    document = CaseDocument.objects.get(title="Reply to the Government")
    assert document.checksum == hashlib.sha256(PDF_BYTES).hexdigest()
    assert document.size == len(PDF_BYTES)
    assert document.uploaded_by == admin_user
    assert document.file.read() == PDF_BYTES


def test_replacing_a_documents_file_records_the_new_fingerprint(admin_client, observations):
    new_bytes = b"%PDF-1.4 the corrected version\n"
    upload = SimpleUploadedFile("corrected.pdf", new_bytes, "application/pdf")

    response = admin_client.post(
        admin_view_url("cases", "casedocument", "change", observations.pk),
        document_form(observations.case, title=observations.title, file=upload),
    )

    assert response.status_code == 302
    observations.refresh_from_db()
    assert observations.checksum == hashlib.sha256(new_bytes).hexdigest()
    assert observations.size == len(new_bytes)


def test_saving_a_document_without_a_new_file_keeps_the_stored_one(admin_client, observations):
    response = admin_client.post(
        admin_view_url("cases", "casedocument", "change", observations.pk),
        document_form(observations.case, title="Observations, renamed"),
    )

    assert response.status_code == 302
    observations.refresh_from_db()
    assert observations.title == "Observations, renamed"
    assert observations.checksum == hashlib.sha256(PDF_BYTES).hexdigest()


def test_document_over_the_size_limit_is_refused(admin_client, settings, abdullaev):
    settings.DOCUMENT_MAX_UPLOAD_MB = 0
    upload = SimpleUploadedFile("reply.pdf", PDF_BYTES, "application/pdf")

    response = admin_client.post(
        admin_view_url("cases", "casedocument", "add"), document_form(abdullaev, file=upload)
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["file"]
    assert not CaseDocument.objects.filter(title="Reply to the Government").exists()


def test_document_needs_a_file_or_a_link(admin_client, abdullaev):
    response = admin_client.post(
        admin_view_url("cases", "casedocument", "add"), document_form(abdullaev)
    )
    assert response.status_code == 200
    assert not CaseDocument.objects.exists()


def test_uploading_through_the_case_page_records_the_fingerprint(
    admin_client, admin_user, abdullaev
):
    upload = SimpleUploadedFile("judgment.pdf", PDF_BYTES, "application/pdf")
    data = case_form(
        title=abdullaev.title,
        slug=abdullaev.slug,
        **management_form("documents", total=1),
        **{
            "documents-0-title": "Judgment",
            "documents-0-kind": "judgment",
            "documents-0-language": "en",
            "documents-0-visibility": "public",
            "documents-0-file": upload,
        },
    )

    response = admin_client.post(
        admin_view_url("cases", "litigationcase", "change", abdullaev.pk), data
    )

    assert response.status_code == 302
    document = abdullaev.documents.get()
    assert document.checksum == hashlib.sha256(PDF_BYTES).hexdigest()
    assert document.uploaded_by == admin_user


def test_forum_autocomplete_finds_forums(admin_client):
    factories.ForumFactory(name="European Court of Human Rights")
    factories.ForumFactory(name="UN Committee against Torture")
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "cases", "model_name": "proceeding", "field_name": "forum", "term": "europ"},
    )
    assert response.status_code == 200
    texts = [result["text"] for result in response.json()["results"]]
    assert texts == ["European Court of Human Rights"]
