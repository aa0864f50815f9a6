from django.http import Http404
from django.utils import translation
from django.views.generic import DetailView, ListView

from coalition import pagecache
from coalition.paging import chosen_filters

from .forms import PartnerFilterForm
from .models import Partner


class PartnerListView(ListView):
    """The coalition's current partners, narrowed by country and topic, by name in the
    reader's alphabet."""

    paginate_by = 24
    context_object_name = "partners"

    def get_queryset(self):
        self.filter_form = PartnerFilterForm(self.request.GET)
        if not self.filter_form.is_valid():
            raise Http404("Unknown partner filter.")
        return self.filter_form.filter(Partner.objects.published())

    def paginate_queryset(self, queryset, page_size):
        # The database sorts the English names. The ids in the reader's order are kept per
        # filter, generation and language, as a count would be; a page reads its partners.
        name = f"order:{self.request.resolver_match.view_name}:{chosen_filters(self.filter_form)}"
        ids = pagecache.kept(name, queryset.ids_in_reader_order, in_process=False)
        paginator, page, shown, is_paginated = super().paginate_queryset(ids, page_size)
        found = (
            queryset.filter(pk__in=shown)
            .select_related("logo")
            .prefetch_related("countries")
            .in_bulk()
        )
        page.object_list = [found[pk] for pk in shown if pk in found]
        return paginator, page, page.object_list, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["countries"] = self.filter_form.countries
        return context


class PartnerDetailView(DetailView):
    """One partner with its published articles and its public roles in public cases."""

    context_object_name = "partner"
    latest_articles_shown = 10

    def get_queryset(self):
        return (
            Partner.objects.published()
            .select_related("logo")
            .prefetch_related("countries", "topics")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        partner = self.object
        context["articles"] = (
            partner.articles.published()
            .in_language(translation.get_language())
            .teasers()
            .newest_first()[: self.latest_articles_shown]
        )
        context["case_roles"] = (
            partner.case_roles.published()
            .select_related("case")
            .order_by("-case__status_changed_on", "case__title", "role")
        )
        context["canonical_url"] = self.request.build_absolute_uri(partner.get_absolute_url())
        return context
