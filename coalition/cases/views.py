from pathlib import Path

from django.db.models import Prefetch, prefetch_related_objects
from django.http import FileResponse, Http404, HttpResponsePermanentRedirect
from django.utils.text import slugify
from django.views.generic import DetailView, ListView, View
from django.views.generic.detail import SingleObjectMixin

from .forms import CaseFilterForm
from .models import CaseDocument, CaseEvent, CasePartner, LitigationCase, Proceeding


class CaseListView(ListView):
    """Public cases, most recently updated first, narrowed by the filter form."""

    paginate_by = 20
    context_object_name = "cases"
    template_name = "cases/case_list.html"

    def get_queryset(self):
        self.filter_form = CaseFilterForm(self.request.GET)
        if not self.filter_form.is_valid():
            raise Http404("Unknown case filter.")
        cases = self.filter_form.filter(LitigationCase.objects.published())
        return (
            cases.with_last_update()
            .prefetch_related(
                # Sorted by forum so that the template can show each forum once.
                Prefetch(
                    "proceedings",
                    queryset=Proceeding.objects.select_related("forum").order_by("forum__name"),
                    to_attr="proceedings_by_forum",
                ),
                "respondent_states",
            )
            .order_by("-last_update", "title", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        return context


class CaseDetailView(DetailView):
    """One public case with its public proceedings, partners, timeline and documents."""

    context_object_name = "case"
    template_name = "cases/case_detail.html"
    related_articles_shown = 10

    def get_queryset(self):
        return LitigationCase.objects.published()

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
        prefetch_related_objects(
            [case],
            "respondent_states",
            "topics",
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
                .order_by("-date", "-pk"),
                to_attr="public_events",
            ),
            # A linked document that is not public is left out: event.document becomes None.
            Prefetch("public_events__document", queryset=CaseDocument.objects.published()),
            Prefetch(
                "documents", queryset=CaseDocument.objects.published(), to_attr="public_documents"
            ),
        )
        context["related_articles"] = case.articles.published().order_by(
            "-first_published_at", "-pk"
        )[: self.related_articles_shown]
        context["canonical_url"] = self.request.build_absolute_uri(case.get_absolute_url())
        return context


class CaseDocumentDownloadView(SingleObjectMixin, View):
    """Serve the file of a public document of a public case, as an attachment."""

    pk_url_kwarg = "document_pk"

    def get_queryset(self):
        return CaseDocument.objects.published().filter(case=self.kwargs["pk"]).exclude(file="")

    def get(self, request, *args, **kwargs):
        document = self.get_object()
        try:
            handle = document.file.open("rb")
        except FileNotFoundError as error:
            raise Http404("The document's file is missing.") from error
        response = FileResponse(handle, as_attachment=True, filename=download_name(document))
        response["X-Content-Type-Options"] = "nosniff"
        return response


def download_name(document):
    """A file name made of the document's title and the stored file's extension."""
    extension = Path(document.file.name).suffix.lower()
    if not extension[1:].isalnum():
        extension = ""
    return f"{slugify(document.title, allow_unicode=True) or 'document'}{extension}"
