"""Articles in several languages: each translation is an article of its own (slug, workflow,
revisions, publication), linked to its source in a translation group.

A translation records the source's version it was made from (or last brought up to date
with), and the source's content version then: "the source changed since" is the source's
content version being higher, nothing to keep. The content version moves on only when a
revision records different text to translate, not on a workflow step.
"""

import hashlib
import json

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, F, When
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from coalition import revisions
from coalition.revisions.diff import compare

from .models import Article

# What a translation does not take from its source: it has its own address, language and
# dates. It shares the hero image, chosen from the library, whose alt text is translated there.
NOT_COPIED = ("slug", "language", "translation_of", "publish_at", "unpublish_at")


def source_of(article):
    """The source of `article`'s translation group: itself unless it is a translation."""
    return article.translation_of if article.translation_of_id else article


def language_name(code):
    """The language's name in the reader's language ("Russian", "русский")."""
    return dict(settings.LANGUAGES).get(code, code)


def languages_in_group(article):
    """The languages `article`'s group has an article in, whatever their state."""
    return set(
        Article.objects.filter(translation_group=article.translation_group).values_list(
            "language", flat=True
        )
    )


def group_of(article):
    """The other articles of `article`'s translation group, their sources joined; read once
    per object."""
    if "_translation_group" not in article.__dict__:
        article.__dict__["_translation_group"] = list(
            Article.objects.filter(translation_group=article.translation_group)
            .exclude(pk=article.pk)
            .defer("body", "body_html", "search_vector")
            .select_related("translation_of")
            .order_by("language")
        )
    return article.__dict__["_translation_group"]


def missing_languages(article, group=None):
    """(code, name) of the configured languages the group has no article in yet."""
    if group is None:
        taken = languages_in_group(article)
    else:
        taken = {article.language, *(other.language for other in group)}
    return [(code, name) for code, name in settings.LANGUAGES if code not in taken]


# What a translator reads beside the form: the source's words, not its classification.
SOURCE_TEXT = ("title", "standfirst", "body", "cta_prompt", "seo_description")


def source_text(source):
    """The source's working copy's text (a live article's waiting draft, if any) and links."""
    pending = revisions.pending_revision(source)
    if pending is not None:
        return pending.data
    text = {name: getattr(source, name) for name in SOURCE_TEXT}
    text["links"] = [{"label": link.label, "url": link.url} for link in source.links.all()]
    return text


# What "the source changed" means to a translator: the text above and the "Learn more" links.
TRANSLATED_TEXT = (*SOURCE_TEXT, "links")


def content_digest(data):
    """A digest of the text a translator translates in revision `data` (or a snapshot)."""
    text = {name: data.get(name) or "" for name in SOURCE_TEXT}
    links = sorted(data.get("links") or [], key=lambda row: row.get("order") or 0)
    text["links"] = [[row.get("label") or "", row.get("url") or ""] for row in links]
    return hashlib.sha256(json.dumps(text, sort_keys=True).encode()).hexdigest()


def revision_saved(sender, instance, created, **kwargs):
    """Move an article's content version on when its new revision holds other text to
    translate. A first digest (an article never recorded) only notes the text."""
    if not created or instance.is_autosave:
        return
    if instance.content_type_id != ContentType.objects.get_for_model(Article).pk:
        return
    digest = content_digest(instance.data)
    Article.objects.filter(pk=instance.object_id).exclude(content_digest=digest).update(
        content_version=Case(
            When(content_digest="", then=F("content_version")),
            default=F("content_version") + 1,
        ),
        content_digest=digest,
    )


def content_version_of(article):
    """`article`'s content version as stored now (a revision may just have moved it)."""
    return Article.objects.filter(pk=article.pk).values_list("content_version", flat=True).get()


def _unique_slug(source, language):
    base = f"{source.slug}-{slugify(language)}"[:250]
    slug, n = base, 2
    while Article.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _revision_of_current_version(source):
    """Make sure a revision holds the source as it is now, so that a later diff can start
    from it: an article made outside the admin may have none yet."""
    latest = revisions.latest_revision(source)
    if latest is None or latest.data.get(revisions.VERSION_KEY) != source.version:
        revisions.save_revision(source, None, _("As found when a translation was made"))


def create_translation(article, language, user):
    """A new draft translating `article`'s group source into `language`, pre-filled with the
    source's working copy (a live article's waiting draft included).

    Raises ValidationError for a language not configured or already in the group.
    """
    source = source_of(article)
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("There is no such language."), code="unknown_language")
    if language in languages_in_group(source):
        raise ValidationError(
            _("This article already has a translation into %(language)s.")
            % {"language": language_name(language)},
            code="already_translated",
        )
    try:
        with transaction.atomic():
            _revision_of_current_version(source)
            data = {
                name: value
                for name, value in revisions.current_data(source).items()
                if name not in NOT_COPIED
            }
            draft = Article(
                translation_of=source,
                language=language,
                source_version=source.version,
                source_content_version=content_version_of(source),
                slug=_unique_slug(source, language),
                source_partner_id=source.source_partner_id,
            )
            revisions.write_data(draft, data)
            changed = []
            # The byline stays the source's, not the translator's name.
            if not draft.byline:
                draft.byline = source.display_byline
                changed.append("byline")
            draft.author = user
            changed.append("author")
            draft.save(update_fields=changed)
            with translation.override(settings.LANGUAGE_CODE):
                message = _("Translated from '%(title)s' (%(language)s)") % {
                    "title": source.title,
                    "language": language_name(source.language),
                }
            revisions.save_revision(draft, user, message)
    except IntegrityError:
        # Someone else translated it into this language at the same moment.
        raise ValidationError(
            _("This article already has a translation into %(language)s.")
            % {"language": language_name(language)},
            code="already_translated",
        ) from None
    return draft


def source_changed(article):
    """True when `article` is a translation whose source's text to translate changed since it
    was translated or brought up to date."""
    if not article.translation_of_id:
        return False
    return article.translation_of.content_version > (article.source_content_version or 0)


def changes_in_source(article):
    """What changed in the source since `article` translated it, as revision changes; None
    when the revision it was translated from is not kept."""
    source = article.translation_of
    translated = (
        revisions.revisions_of(source)
        .filter(**{f"data__{revisions.VERSION_KEY}": article.source_version})
        .order_by("-number")
        .first()
    )
    if translated is None:
        return None
    return compare(translated, revisions.current_data(source), model=Article)


def mark_up_to_date(article):
    """Record that `article` translates its source as it is now."""
    source = article.translation_of
    changes = {"source_version": source.version, "source_content_version": source.content_version}
    Article.objects.filter(pk=article.pk).update(**changes)
    for name, value in changes.items():
        setattr(article, name, value)


def published_translations(article):
    """The published articles translating `article` (or translated by it), one query."""
    return list(
        Article.objects.published()
        .translations_of(article)
        .only("slug", "language", "title", "translation_of")
    )


def page_languages(article, translations):
    """{language: address} of the published versions of an article page, its own included."""
    addresses = {other.language: other.get_absolute_url() for other in translations}
    addresses[article.language] = article.get_absolute_url()
    return {code: addresses[code] for code, _name in settings.LANGUAGES if code in addresses}
