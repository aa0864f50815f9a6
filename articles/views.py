import math

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import DetailView, ListView, TemplateView

from coalition import vocabulary
from coalition.csrf import is_same_origin
from coalition.paging import KeptCountMixin
from coalition.translation.collation import in_reader_order
from partners.models import Partner

from . import signatures, translations
from .forms import ArticleFilterForm, SignatureForm
from .models import Article, Signature


class ArticleListView(KeptCountMixin, ListView):
    """Published articles, newest first, narrowed by the filter form."""

    paginate_by = 12
    context_object_name = "articles"

    def get_queryset(self):
        self.filter_form = ArticleFilterForm(self.request.GET)
        if not self.filter_form.is_valid():
            raise Http404("Unknown article filter.")
        articles = self.filter_form.filter(
            Article.objects.published().in_language(translation.get_language())
        )
        teasers = articles.teasers().select_related("author").newest_first()
        return vocabulary.with_ids(teasers, "topics")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        vocabulary.attach(context["object_list"], "topics")
        context["filter_form"] = self.filter_form
        context["follow_feed"] = self.filter_form.follow_feed
        return context


class ArticleDetailView(DetailView):
    """One published article with its published partners, cases and related articles."""

    context_object_name = "article"
    related_articles_shown = 3

    def get_queryset(self):
        return Article.objects.published().for_public_page()

    def get_object(self, queryset=None):
        article = super().get_object(queryset)
        if hasattr(article, vocabulary.ids_field("topics")):
            vocabulary.attach([article], "topics", "countries")
        return article

    def get_relations(self):
        """What the page lists beside the article, as lists; published partners and cases only."""
        article = self.object
        return {
            "topics": list(article.topics.all()),
            "countries": list(article.countries.all()),
            "links": list(article.links.all()),
            "partners": in_reader_order(article.public_partners, Partner),
            "cases": article.public_cases,
        }

    def get(self, request, *args, **kwargs):
        try:
            self.object = self.get_object()
        except Http404:
            if Article.objects.withdrawn().filter(slug=kwargs["slug"]).exists():
                return TemplateResponse(request, "articles/article_gone.html", status=410)
            raise
        self.translations = translations.published_translations(self.object)
        language = translation.get_language()
        if self.object.language != language:
            # An article has one address, under its own language: asked for in another, it
            # is its translation into that language, when published, or else itself.
            found = [other for other in self.translations if other.language == language]
            return HttpResponseRedirect((found or [self.object])[0].get_absolute_url())
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        context.update(self.get_relations())
        topic_ids = [topic.pk for topic in context["topics"]]
        context["related_articles"] = Article.objects.related_to(article, topic_ids).in_language(
            article.language
        )[: self.related_articles_shown]
        context["canonical_url"] = self.request.build_absolute_uri(article.get_absolute_url())
        found = getattr(self, "translations", None)
        if found is not None:
            context["page_languages"] = translations.page_languages(article, found)
            context["read_in"] = [
                (other.language, other.language_name, other.get_absolute_url())
                for other in sorted(found, key=lambda other: language_order(other.language))
            ]
        if article.cta_enabled:
            voices = getattr(article, "confirmed_voices", None)
            if voices is None:
                voices = article.signatures.filter(confirmed_at__isnull=False).count()
            context["voice_count"] = voices
            context.setdefault("signature_form", SignatureForm(article=article))
        return context


@method_decorator(csrf_exempt, name="dispatch")
class AddYourVoiceView(ArticleDetailView):
    """Store a reader's signature, unconfirmed, and email them the link that makes it count.

    On a mistake or a refusal, the article is shown again with what they typed. The form sits
    on the cached article page, the same for every reader, so it has no CSRF token: the
    browser's word on where the form was sent from protects it instead (coalition/csrf.py).
    """

    def get_queryset(self):
        return super().get_queryset().filter(cta_enabled=True)

    def get(self, request, *args, **kwargs):
        """Whoever opens the form's address is taken to the form itself."""
        return HttpResponseRedirect(voice_url(self.get_object()))

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not is_same_origin(request):
            return self.refuse(
                _(
                    "Your voice could not be added: the form did not come from this site. "
                    "Nothing has been stored; check what you typed and send it again."
                ),
                status=403,
            )
        form = SignatureForm(request.POST, article=self.object)
        if form.is_honeypot_filled():
            return self.too_many_attempts() or self.refuse(
                _("Your voice could not be added; nothing has been stored. Please try again."),
                status=400,
            )
        if not form.is_valid():
            # An ordinary mistake stores and sends nothing, so it does not count against the limit.
            return self.render_to_response(self.get_context_data(signature_form=form), status=400)
        refusal = self.too_many_attempts()
        if refusal:
            return refusal
        # Every address gets the same answer; only its owner learns, by email, what it knew.
        if form.counted_signature is not None:
            signatures.send_already_counted(form.counted_signature)
        elif form.pending_signature is not None:
            signatures.send_confirmation(form.pending_signature)
        else:
            try:
                with transaction.atomic():
                    signatures.send_confirmation(form.save())
            except IntegrityError:
                # The same address sent twice at once: the first request's email is on its way.
                pass
        return self.confirmation_sent()

    def too_many_attempts(self):
        """Count this attempt; the 429 refusal when its client address is over the limit."""
        address = signatures.client_address(self.request)
        wait = signatures.signing_rate_limit().hit(address)
        if not wait:
            return None
        minutes = math.ceil(wait / 60)
        refusal = ngettext(
            "Too many attempts from your connection. Please try again in %(minutes)d "
            "minute; nothing has been stored.",
            "Too many attempts from your connection. Please try again in %(minutes)d "
            "minutes; nothing has been stored.",
            minutes,
        ) % {"minutes": minutes}
        response = self.refuse(refusal, status=429)
        response["Retry-After"] = str(wait)
        return response

    def refuse(self, refusal, status):
        """Show the form again, filled in as sent except for the trap field.

        The form is not checked: a refusal must not tell whether an address has signed.
        """
        typed = self.request.POST.dict()
        typed.pop(SignatureForm.honeypot_name, None)
        form = SignatureForm(initial=typed, article=self.object)
        context = self.get_context_data(signature_form=form, signature_refusal=refusal)
        return self.render_to_response(context, status=status)

    def confirmation_sent(self):
        # 303 See Other: the browser fetches the next page with a GET, whatever the client.
        url = reverse("articles:signature-sent", kwargs={"slug": self.object.slug})
        return HttpResponseRedirect(url, status=303)


class SignatureSentView(DetailView):
    """Tell the reader to look for the confirmation email; it names nobody."""

    context_object_name = "article"
    template_name = "articles/signature_sent.html"

    def get_queryset(self):
        return Article.objects.published().filter(cta_enabled=True)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["confirm_days"] = signatures.confirmation_max_age().days
        return context


def public_call(signature):
    """The signature's article when the public may still add their voice to it, else None."""
    if signature is None:
        return None
    return signatures.open_calls().filter(pk=signature.article_id).first()


class ConfirmSignatureView(TemplateView):
    """Show what the emailed link confirms; only pressing the button (a POST) makes it count.

    Mail scanners open the links in emails, so opening one must change nothing.
    """

    def dispatch(self, request, *args, **kwargs):
        try:
            self.signature = signatures.signature_for_confirmation(kwargs["token"])
        except Signature.DoesNotExist:
            raise Http404("Unknown or withdrawn signature.") from None
        except signatures.LinkExpired as expired:
            if expired.signature is None or expired.signature.confirmed_at is None:
                context = {"article": public_call(expired.signature)}
                return TemplateResponse(
                    request, "articles/signature_expired.html", context, status=410
                )
            # The voice was counted in time: an old link just says so.
            self.signature = expired.signature
        if self.signature.confirmed_at is None and public_call(self.signature) is None:
            return call_closed(request, self.signature)
        return super().dispatch(request, *args, **kwargs)

    def get_template_names(self):
        if self.signature.confirmed_at is None:
            return ["articles/signature_confirm.html"]
        return ["articles/signature_confirmed.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["signature"] = self.signature
        context["article"] = self.signature.article
        if self.signature.confirmed_at is not None:
            context["public_article"] = public_call(self.signature)
            context["withdraw_url"] = reverse(
                "articles:withdraw-signature", args=[signatures.withdrawal_token(self.signature)]
            )
        return context

    def post(self, request, *args, **kwargs):
        if not signatures.confirm(self.signature):
            # The call closed between opening the page and pressing the button.
            return call_closed(request, self.signature)
        # 303: reloading the page that follows shows the confirmation, never posts again.
        return HttpResponseRedirect(request.path, status=303)


def call_closed(request, signature):
    """A confirmation that comes too late: the call is closed or the article withdrawn.

    Nothing is counted; the reader may still withdraw the details they gave.
    """
    context = {
        "withdraw_url": reverse(
            "articles:withdraw-signature", args=[signatures.withdrawal_token(signature)]
        )
    }
    return TemplateResponse(request, "articles/signature_closed.html", context, status=410)


class WithdrawSignatureView(TemplateView):
    """Ask before deleting: mail scanners open links, only a person presses the button."""

    template_name = "articles/signature_withdraw.html"

    def dispatch(self, request, *args, **kwargs):
        try:
            self.signature = signatures.signature_for_withdrawal(kwargs["token"])
        except Signature.DoesNotExist:
            raise Http404("Unknown or withdrawn signature.") from None
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["signature"] = self.signature
        context["article"] = self.signature.article
        return context

    def post(self, request, *args, **kwargs):
        self.signature.delete()
        return HttpResponseRedirect(reverse("articles:signature-withdrawn"), status=303)


class SignatureWithdrawnView(TemplateView):
    template_name = "articles/signature_withdrawn.html"


def language_order(code):
    codes = [language for language, _name in settings.LANGUAGES]
    return codes.index(code) if code in codes else len(codes)


def voice_url(article):
    return f"{article.get_absolute_url()}#add-your-voice"
