"""Drafts shown in the public article template, and signed links that share them."""

import datetime

from django.conf import settings
from django.core import signing
from django.http import Http404
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.generic import TemplateView

from coalition import revisions
from coalition.cases.models import LitigationCase
from coalition.markdown import render_markdown
from partners.models import Partner

from . import workflow
from .models import Article, new_preview_key
from .views import ArticleDetailView

PREVIEW_SALT = "articles.preview"


def preview_link_max_age():
    return datetime.timedelta(days=getattr(settings, "PREVIEW_LINK_MAX_AGE_DAYS", 7))


def preview_link_expiry():
    """When a link made now stops working."""
    return timezone.now() + preview_link_max_age()


def can_share_preview(user, article):
    """Editors and the article's own author may share it before it is published."""
    return workflow.is_editor(user) or workflow.is_author(user, article)


def make_preview_token(article):
    signer = signing.TimestampSigner(salt=PREVIEW_SALT)
    return signer.sign(f"{article.pk}:{article.preview_key}")


def revoke_preview_links(article):
    """Invalidate every link shared so far; an update, so no revision or version is touched."""
    article.preview_key = new_preview_key()
    Article.objects.filter(pk=article.pk).update(preview_key=article.preview_key)


class PreviewLinkExpired(Exception):
    pass


def article_for_preview_token(token):
    """The article a shared link shows; Http404 when forged or revoked, PreviewLinkExpired."""
    signer = signing.TimestampSigner(salt=PREVIEW_SALT)
    try:
        value = signer.unsign(token)
        pk, preview_key = value.split(":")
        article = Article.objects.for_detail().get(pk=int(pk), preview_key=preview_key)
    except (signing.BadSignature, ValueError, Article.DoesNotExist) as error:
        raise Http404("Unknown preview link.") from error
    # Checked only once the link is known to be genuine and not revoked.
    try:
        signer.unsign(token, max_age=preview_link_max_age())
    except signing.SignatureExpired as error:
        raise PreviewLinkExpired from error
    return article


def token_shows(token, article):
    """Whether `token` is a genuine, unexpired, unrevoked preview link of `article`."""
    signer = signing.TimestampSigner(salt=PREVIEW_SALT)
    try:
        value = signer.unsign(token, max_age=preview_link_max_age())
    except signing.BadSignature:
        return False
    return value == f"{article.pk}:{article.preview_key}"


def current_draft(article):
    """The working copy of an article read with for_detail(), and its relations by name.

    Without a pending revision the copy is the saved row, and its relations are None: the
    page reads them as the public page does.
    """
    revision = revisions.pending_revision(article)
    if revision is None:
        return article, None
    draft, relations = revisions.materialise(article, revision)
    return draft, public_relations(**relations)


def prepare_unsaved_draft(article, **relations):
    """Ready an article held in memory for the public template; the relations it lists."""
    article.body_html = render_markdown(article.body, language=article.language)
    return public_relations(**relations)


def public_relations(*, topics, countries, partners, cases, links):
    """A draft's relations as the public template reads them.

    Partners and cases are narrowed to published ones, as on the public page.
    """
    return {
        "topics": list(topics),
        "countries": list(countries),
        "links": list(links),
        "partners": list(
            Partner.objects.published().filter(pk__in=[partner.pk for partner in partners])
        ),
        "cases": list(
            LitigationCase.objects.published().filter(pk__in=[case.pk for case in cases])
        ),
    }


class ArticlePreviewMixin:
    """A draft in the public article template, marked as a preview, never cached or indexed."""

    template_name = "articles/article_detail.html"
    draft = None
    relations = None

    def get_object(self, queryset=None):
        return self.draft

    def get_relations(self):
        if self.relations is None:
            return super().get_relations()
        return self.relations

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = True
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        add_preview_headers(response)
        return response


def add_preview_headers(response):
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


class AdminPreviewView(ArticlePreviewMixin, ArticleDetailView):
    """The draft an editor has open, saved or not; the admin checks who may see it."""

    def post(self, request, *args, **kwargs):
        return self.get(request, *args, **kwargs)


class SharedPreviewView(ArticlePreviewMixin, ArticleDetailView):
    """An article's current draft for whoever holds a genuine, unexpired link."""

    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        try:
            article = article_for_preview_token(kwargs["token"])
        except PreviewLinkExpired:
            return ExpiredPreviewView.as_view()(request)
        self.draft, self.relations = current_draft(article)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        # The draft's images are served by the checked view: the link's token lets its
        # reader in there too (see coalition.templatetags.images).
        return {**super().get_context_data(**kwargs), "preview_token": self.kwargs["token"]}


class ExpiredPreviewView(TemplateView):
    template_name = "articles/preview_expired.html"

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, status=410, **response_kwargs)
        return add_preview_headers(response)
