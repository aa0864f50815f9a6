"""A case's workspace for its partners: timeline, shared documents, uploads and downloads."""

from pathlib import PurePath

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.generic import DetailView, View
from django.views.generic.detail import SingleObjectMixin

from coalition.cases.downloads import attachment_response
from coalition.cases.models import CaseDocument, CaseEvent, CasePartner, Proceeding
from coalition.uploads import DOCUMENT_TYPES

from .. import access
from ..forms import DocumentUploadForm
from .mixins import PortalMixin


class CaseWorkspaceView(PortalMixin, DetailView):
    """A case my organisation works on: the whole timeline, shared documents and uploads."""

    template_name = "portal/case_workspace.html"
    context_object_name = "case"

    def get_queryset(self):
        user = self.request.user
        return access.cases(user).prefetch_related(
            "respondent_states",
            Prefetch("proceedings", queryset=Proceeding.objects.select_related("forum")),
            Prefetch(
                "case_partners",
                queryset=CasePartner.objects.select_related("partner").order_by(
                    "partner__name", "role"
                ),
            ),
            Prefetch(
                "events",
                queryset=CaseEvent.objects.order_by("-date", "-pk"),
                to_attr="timeline",
            ),
            # An event's document the user may not see is left out: event.document becomes None.
            Prefetch("timeline__document", queryset=access.documents(user)),
            Prefetch(
                "documents",
                queryset=access.documents(user)
                .select_related("partner")
                .order_by("-date", "-created_at"),
                to_attr="shared_documents",
            ),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("upload_form", DocumentUploadForm())
        return context

    def post(self, request, *args, **kwargs):
        self.object = case = self.get_object()
        document = CaseDocument(
            case=case,
            uploaded_by=request.user,
            partner=access.partners(request.user)
            .filter(case_roles__case=case)
            .order_by("name")
            .first(),
        )
        form = DocumentUploadForm(request.POST, request.FILES, instance=document)
        if form.is_valid():
            form.save()
            messages.success(request, _("The document is uploaded."))
            url = reverse("portal:case", args=[case.pk]) + "#documents"
            return HttpResponseRedirect(url, status=303)
        context = self.get_context_data(upload_form=form)
        return self.render_to_response(context, status=400)


class DocumentDownloadView(PortalMixin, SingleObjectMixin, View):
    """Send a shared document's file, checking on every request that the user may see it."""

    pk_url_kwarg = "document_pk"

    def get_queryset(self):
        return access.documents(self.request.user).filter(case=self.kwargs["pk"]).exclude(file="")

    def get(self, request, *args, **kwargs):
        document = self.get_object()
        extension = PurePath(document.file.name).suffix.lower().lstrip(".")
        document_type = DOCUMENT_TYPES.get(extension)
        name = slugify(document.title) or "document"
        return attachment_response(
            document.file,
            f"{name}.{extension}" if document_type else name,
            content_type=document_type.content_type
            if document_type
            else "application/octet-stream",
        )
