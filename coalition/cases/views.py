import csv
from itertools import chain
from pathlib import Path

from django.db.models import Prefetch, prefetch_related_objects
from django.http import (
    Http404,
    HttpResponsePermanentRedirect,
    JsonResponse,
    StreamingHttpResponse,
)
from django.utils import translation
from django.utils.text import slugify
from django.views.generic import DetailView, ListView, View
from django.views.generic.detail import SingleObjectMixin

from coalition import vocabulary
from coalition.csv_export import Echo, spreadsheet_safe
from coalition.paging import KeptCountMixin

from .downloads import attachment_response
from .forms import CaseFilterForm
from .models import CaseDocument, CaseEvent, CasePartner, LitigationCase, Proceeding


def filtered_cases(filter_form):
    """The public cases the form chooses, most recently updated first; 404 when it is invalid."""
    if not filter_form.is_valid():
        raise Http404("Unknown case filter.")
    return (
        filter_form.filter(LitigationCase.objects.published())
        .with_last_update()
        .order_by("-last_update", "title", "pk")
    )


class CaseListView(KeptCountMixin, ListView):
    """Public cases, most recently updated first, narrowed by the filter form."""

    paginate_by = 20
    context_object_name = "cases"
    template_name = "cases/case_list.html"

    def get_queryset(self):
        self.filter_form = CaseFilterForm(self.request.GET)
        cases = (
            filtered_cases(self.filter_form)
            .teasers()
            .prefetch_related(
                # Sorted by forum so that the template can show each forum once.
                Prefetch(
                    "proceedings",
                    queryset=Proceeding.objects.select_related("forum").order_by("forum__name"),
                    to_attr="proceedings_by_forum",
                ),
            )
        )
        return vocabulary.with_ids(cases, "respondent_states")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        vocabulary.attach(context["object_list"], "respondent_states")
        context["filter_form"] = self.filter_form
        return context


class CaseDetailView(DetailView):
    """One public case with its public proceedings, partners, timeline and documents."""

    context_object_name = "case"
    template_name = "cases/case_detail.html"
    related_articles_shown = 10

    def get_queryset(self):
        return vocabulary.with_ids(
            LitigationCase.objects.published(), "respondent_states", "topics"
        )

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.kwargs.get("slug") != self.object.slug:
            url = self.object.get_absolute_url()
            if request.GET:
                url = f"{url}?{request.GET.urlencode()}"
            return HttpResponsePermanentRedirect(url)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.object
        vocabulary.attach([case], "respondent_states", "topics")
        prefetch_related_objects(
            [case],
            Prefetch(
                "proceedings",
                queryset=Proceeding.objects.select_related("forum", "parent__forum"),
            ),
            Prefetch(
                "case_partners",
                queryset=CasePartner.objects.published().select_related("partner"),
                to_attr="public_partners",
            ),
            Prefetch(
                "events",
                queryset=CaseEvent.objects.published()
                .select_related("article")
                .defer("article__body", "article__body_html", "article__search_vector")
                .order_by("-date", "-pk"),
                to_attr="public_events",
            ),
            Prefetch(
                "documents", queryset=CaseDocument.objects.published(), to_attr="public_documents"
            ),
        )
        # The events' documents are among the case's public documents, already read; a linked
        # document that is not public is left out: event.document becomes None.
        documents = {document.pk: document for document in case.public_documents}
        for event in case.public_events:
            event.document = documents.get(event.document_id)
        context["related_articles"] = (
            case.articles.published()
            .in_language(translation.get_language())
            .teasers()
            .newest_first()[: self.related_articles_shown]
        )
        context["canonical_url"] = self.request.build_absolute_uri(case.get_absolute_url())
        return context


class CaseDocumentDownloadView(SingleObjectMixin, View):
    """Serve the file of a public document of a public case, as an attachment."""

    pk_url_kwarg = "document_pk"

    def get_queryset(self):
        return CaseDocument.objects.published().filter(case=self.kwargs["pk"]).exclude(file="")

    def get(self, request, *args, **kwargs):
        document = self.get_object()
        return attachment_response(document.file, download_name(document))


def download_name(document):
    """A file name made of the document's title and the stored file's extension."""
    extension = Path(document.file.name).suffix.lower()
    if not extension[1:].isalnum():
        extension = ""
    return f"{slugify(document.title, allow_unicode=True) or 'document'}{extension}"


class CaseExportMixin:
    """The public case list with the filters of the query string, for reuse as data."""

    fields = [
        "id",
        "title",
        "short_title",
        "status",
        "status_label",
        "implementation_status",
        "status_changed_on",
        "last_update",
        "respondent_states",
        "proceedings",
        "topics",
        "rights_at_issue",
        "url",
    ]

    def get_cases(self):
        # Only the exported columns: the facts, their HTML and the search vector stay behind.
        columns = ["title", "short_title", "slug", "status", "implementation_status"]
        columns += ["status_changed_on", "rights_at_issue"]
        return (
            filtered_cases(CaseFilterForm(self.request.GET))
            .only(*columns)
            .prefetch_related(
                Prefetch("proceedings", queryset=Proceeding.objects.select_related("forum")),
                "respondent_states",
                "topics",
            )
        )

    def records(self, cases):
        """One dictionary per case; evaluated lazily, so that large lists stream.

        Read in chunks, each with its prefetches: a few queries per thousand cases, and the
        memory of one chunk whatever the number of cases.
        """
        for case in cases.iterator(chunk_size=1000):
            yield {
                "id": case.pk,
                "title": case.title,
                "short_title": case.short_title,
                "status": case.status,
                "status_label": case.get_status_display(),
                "implementation_status": case.implementation_status,
                "status_changed_on": case.status_changed_on,
                "last_update": case.last_update,
                "respondent_states": [country.code for country in case.respondent_states.all()],
                "proceedings": [
                    {
                        "forum": proceeding.forum.name,
                        "number": proceeding.number,
                        "lodged_on": proceeding.lodged_on,
                        "decided_on": proceeding.decided_on,
                    }
                    for proceeding in case.proceedings.all()
                ],
                "topics": [topic.slug for topic in case.topics.all()],
                "rights_at_issue": case.rights,
                "url": self.request.build_absolute_uri(case.get_absolute_url()),
            }


class CaseJsonExportView(CaseExportMixin, View):
    """The filtered public case list as JSON."""

    def get(self, request, *args, **kwargs):
        cases = list(self.records(self.get_cases()))
        return JsonResponse(
            {"count": len(cases), "cases": cases}, json_dumps_params={"ensure_ascii": False}
        )


class CaseCsvExportView(CaseExportMixin, View):
    """The filtered public case list as CSV, streamed row by row."""

    def get(self, request, *args, **kwargs):
        # Validated here, so that an unknown filter is a 404 before the stream starts.
        cases = self.get_cases()
        writer = csv.writer(Echo())
        records = self.records(cases)
        rows = chain([self.fields], (csv_row(record, self.fields) for record in records))
        response = StreamingHttpResponse(
            (writer.writerow(row) for row in rows), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="cases.csv"'
        return response


def csv_row(record, fields):
    """One CSV row: lists joined with semicolons, proceedings as 'forum, number'."""
    record = {
        **record,
        "respondent_states": "; ".join(record["respondent_states"]),
        "proceedings": "; ".join(
            ", ".join(filter(None, [proceeding["forum"], proceeding["number"]]))
            for proceeding in record["proceedings"]
        ),
        "topics": "; ".join(record["topics"]),
        "rights_at_issue": "; ".join(record["rights_at_issue"]),
    }
    return [spreadsheet_safe(record[field]) for field in fields]
