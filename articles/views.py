from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.http import Http404, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from coalition.cases.models import LitigationCase
from partners.models import Partner

from .forms import ArticleFilterForm, SignatureForm
from .models import Article

NEWEST_FIRST = ("-first_published_at", "-pk")


class ArticleListView(ListView):
    """Published articles, newest first, narrowed by the filter form."""

    paginate_by = 12
    context_object_name = "articles"

    def get_queryset(self):
        self.filter_form = ArticleFilterForm(self.request.GET)
        if not self.filter_form.is_valid():
            raise Http404("Unknown article filter.")
        articles = self.filter_form.filter(Article.objects.published())
        return articles.for_listing().order_by(*NEWEST_FIRST)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        return context


class ArticleDetailView(DetailView):
    """One published article with its published partners, cases and related articles."""

    context_object_name = "article"
    related_articles_shown = 3

    def get_queryset(self):
        return (
            Article.objects.published()
            .select_related("author")
            .prefetch_related(
                "topics",
                "countries",
                "links",
                Prefetch(
                    "partners", queryset=Partner.objects.published(), to_attr="public_partners"
                ),
                Prefetch(
                    "cases", queryset=LitigationCase.objects.published(), to_attr="public_cases"
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        topic_ids = [topic.pk for topic in article.topics.all()]
        context["related_articles"] = (
            Article.objects.published()
            .filter(topics__in=topic_ids)
            .exclude(pk=article.pk)
            .distinct()
            .order_by(*NEWEST_FIRST)[: self.related_articles_shown]
        )
        context["canonical_url"] = self.request.build_absolute_uri(article.get_absolute_url())
        if article.cta_enabled:
            context["voice_count"] = article.signatures.filter(confirmed_at__isnull=False).count()
            context.setdefault("signature_form", SignatureForm(article=article))
        return context


class AddYourVoiceView(ArticleDetailView):
    """Store a reader's signature; on a mistake, show the article again with the errors."""

    def get_queryset(self):
        return super().get_queryset().filter(cta_enabled=True)

    def get(self, request, *args, **kwargs):
        """Whoever opens the form's address is taken to the form itself."""
        return HttpResponseRedirect(voice_url(self.get_object()))

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = SignatureForm(request.POST, article=self.object)
        if form.is_valid():
            try:
                with transaction.atomic():
                    form.save()
            except IntegrityError:
                # The same address sent twice at once: the database refuses the second.
                form.add_duplicate_error()
            else:
                messages.success(request, _("Thank you: your voice has been added."))
                # 303 See Other: the browser fetches the article with a GET, whatever the client.
                return HttpResponseRedirect(voice_url(self.object), status=303)
        context = self.get_context_data(signature_form=form)
        return self.render_to_response(context, status=400)


def voice_url(article):
    return f"{article.get_absolute_url()}#add-your-voice"
