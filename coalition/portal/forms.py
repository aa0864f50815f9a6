from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from articles.models import Article, NotificationPreference
from coalition import revisions
from coalition.cases.models import CaseDocument
from coalition.forms import IdField
from coalition.images import UploadImageFormField
from coalition.library.models import Image
from coalition.library.references import DOCUMENT, IMAGE, references
from coalition.library.rendering import missing_warning
from coalition.translation.forms import alphabetical_choices, with_translations
from coalition.uploads import check_document, safe_file_name
from coalition.widgets import MarkdownEditor
from partners.models import Partner

from . import access

LOGO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


class PartnerProfileFields(forms.ModelForm):
    """The public profile a partner admin keeps; `version` catches a colleague's newer save.

    Partner staff have no access to the media library: a logo they upload becomes a library
    image of its own, described by the alt text they give, and the partner's logo.
    """

    version = IdField(widget=forms.HiddenInput)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    logo = UploadImageFormField(
        label=_("Logo"), required=False, help_text=_("A JPEG, PNG or WebP image.")
    )
    logo_alt = forms.CharField(
        label=_("Logo alt text"),
        required=False,
        max_length=255,
        help_text=_(
            "What the new logo shows, for people who cannot see it, such as “KIBHR logo”."
        ),
    )
    logo_decorative = forms.BooleanField(
        label=_("The new logo is decorative (screen readers skip it)"), required=False
    )

    field_order = [
        "summary",
        "description",
        "website",
        "public_email",
        "logo",
        "logo_alt",
        "logo_decorative",
    ]

    class Meta:
        model = Partner
        fields = [
            "summary",
            "description",
            "website",
            "public_email",
            "countries",
            "topics",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": MarkdownEditor(preview_url=reverse_lazy("portal:markdown-preview")),
            "topics": forms.CheckboxSelectMultiple,
            "countries": forms.SelectMultiple(attrs={"size": 8}),
        }
        help_texts = {
            "description": _("Markdown: *italic*, **bold**, [a link](https://example.org)."),
            "countries": _("Hold Ctrl (or Cmd) to choose more than one."),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["version"].initial = self.instance.version
        alphabetical_choices(self)
        if self.instance.logo_id:
            # "Currently:" links to the library's view of the file, which serves a public
            # logo to anyone and another one to no partner staff.
            self.fields["logo"].initial = self.instance.logo.file
        # Of the library, the previews show only what the organisation may use.
        for name in self.description_fields():
            if name in self.fields:
                self.fields[name].widget.available = access.library_items_of([self.instance])

    def description_fields(self):
        """The names of the description's fields: its own and its translations'."""
        translated = getattr(self, "translation_fields", {})
        return ["description"] + [
            name for name, (_language, source) in translated.items() if source == "description"
        ]

    def clean(self):
        """The description (in every language) may show the organisation's own uploads and
        the coalition's public items only; references already there stay."""
        cleaned = super().clean()
        available = access.library_items_of([self.instance])
        stored = [self.instance.description] + [
            texts.get("description") or "" for texts in (self.instance.translations or {}).values()
        ]
        kept = set().union(*(references(text) for text in stored))
        for name in self.description_fields():
            try:
                check_references(cleaned.get(name) or "", kept, available)
            except ValidationError as refusal:
                self.add_error(name, refusal)
        if (
            self.new_logo() is not None
            and not cleaned.get("logo_decorative")
            and not (cleaned.get("logo_alt") or "").strip()
        ):
            self.add_error("logo_alt", _("Describe the logo for people who cannot see it."))
        return cleaned

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and logo is not self.fields["logo"].initial and hasattr(logo, "image"):
            extension = LOGO_FORMATS.get(logo.image.format)
            if extension is None:
                raise ValidationError(
                    _("The logo must be a JPEG, PNG or WebP image."), code="logo_format"
                )
            logo.name = f"{self.instance.slug}.{extension}"
        return logo

    def new_logo(self):
        """The logo uploaded with this form, or None."""
        logo = self.cleaned_data.get("logo")
        return logo if logo and hasattr(logo, "image") else None

    def save(self, commit=True):
        partner = super().save(commit=False)
        upload = self.new_logo()
        if upload is not None:
            decorative = self.cleaned_data.get("logo_decorative", False)
            partner.logo = Image.objects.create(
                file=upload,
                partner=partner,
                title=partner.name,
                alt="" if decorative else self.cleaned_data["logo_alt"].strip(),
                decorative=decorative,
                uploaded_by=self.user if getattr(self.user, "pk", None) else None,
            )
        elif self.cleaned_data.get("logo") is False:
            # Cleared: the image stays in the library, which may use it elsewhere.
            partner.logo = None
        if commit:
            partner.save()
            self._save_m2m()
        return partner


# Partner admins translate the texts they write; names stay with the editors.
PartnerProfileForm = with_translations(PartnerProfileFields, ("summary", "description"))


class StoryForm(forms.ModelForm):
    """A story partner staff write for the editors: only their organisations and cases.

    When editing, `version` catches a colleague's or an editor's newer save.
    """

    version = IdField(widget=forms.HiddenInput)

    class Meta:
        model = Article
        fields = [
            "source_partner",
            "language",
            "title",
            "standfirst",
            "body",
            "topics",
            "countries",
            "cases",
        ]
        labels = {"source_partner": _("Organisation"), "language": _("Written in")}
        widgets = {
            "standfirst": forms.Textarea(attrs={"rows": 3}),
            "body": MarkdownEditor(
                preview_url=reverse_lazy("portal:markdown-preview"),
                choosers={
                    IMAGE: reverse_lazy("portal:image-chooser"),
                    DOCUMENT: reverse_lazy("portal:document-chooser"),
                },
            ),
            "topics": forms.CheckboxSelectMultiple,
            "countries": forms.SelectMultiple(attrs={"size": 8}),
            "cases": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "language": _("The language you write the story in; the editors may translate it."),
            "body": _(
                "Markdown: *italic*, **bold**, [a link](https://example.org), ## heading. "
                "Image and Document insert your organisation's uploads; the public sees them "
                "once the editors publish the story."
            ),
            "countries": _("Hold Ctrl (or Cmd) to choose more than one."),
            "cases": _("Only your organisations' cases."),
        }

    # The writing first; what the story is about below it.
    SECTIONS = [
        (_("Your story"), ["title", "standfirst", "body"]),
        (_("What it is about"), ["source_partner", "topics", "countries", "cases"]),
    ]

    def __init__(self, *args, user, draft=None, opened_version=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            del self.fields["version"]
        else:
            # An autosave restored into the form carries the version it was typed on.
            self.fields["version"].initial = opened_version or self.instance.version
        # The references already in the story (an editor's among them) are never refused.
        self.kept_references = references(self.instance.body if self.instance.pk else "")
        if draft is not None:
            self.kept_references |= references(draft.get("body") or "")
            # A live story's pending draft is what the writer goes on working on.
            initial = revisions.form_initial(self.instance, draft)
            self.initial.update({name: initial[name] for name in initial if name in self.fields})
        my_partners = list(access.partners(user).order_by("name"))
        if self.instance.live:
            # Revisions do not keep it (it decides who may see the story), and an edit of a
            # live story is only a pending revision: a change here would be lost.
            del self.fields["source_partner"]
        elif len(my_partners) == 1:
            # Nothing to choose: the story is for the one organisation the writer works for.
            del self.fields["source_partner"]
            self.instance.source_partner = self.instance.source_partner or my_partners[0]
        else:
            source_partner = self.fields["source_partner"]
            source_partner.queryset = access.partners(user).order_by("name")
            source_partner.required = True
            source_partner.empty_label = None
        self.fields["cases"].queryset = access.cases(user).order_by("title")
        # Of the library, the preview shows only what this writer may use.
        self.available = access.library_items(user)
        self.fields["body"].widget.available = self.available
        self.choose_language()
        alphabetical_choices(self)

    def choose_language(self):
        """Any configured language, the writer's own first; fixed once translations link it."""
        linked = self.instance.pk is not None and (
            self.instance.translation_of_id or self.instance.translations.exists()
        )
        if linked:
            del self.fields["language"]
            return
        language = self.fields["language"]
        # A form sent without it (an older page) keeps the story's language.
        language.required = False
        if self.instance.pk is None:
            current = translation.get_language()
            codes = [code for code, _name in settings.LANGUAGES]
            language.initial = current if current in codes else settings.LANGUAGE_CODE

    def clean_body(self):
        """Refuse references to library items the writer may not use (another organisation's,
        or none at all); those the editors put in the story stay."""
        body = self.cleaned_data.get("body") or ""
        check_references(body, self.kept_references, self.available)
        return body

    def clean_language(self):
        return self.cleaned_data.get("language") or self.instance.language

    @property
    def sections(self):
        """(legend, bound fields) for each part of the form, leaving out fields not offered."""
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in self.SECTIONS
        ]

    def save(self, commit=True):
        story = super().save(commit=False)
        if not story.slug:
            story.slug = unique_story_slug(story.title)
        if commit:
            story.save()
            self.save_m2m()
            story.partners.add(story.source_partner)
        return story


def check_references(text, kept, available):
    """Raise ValidationError naming each library item `text` refers to that is neither among
    `available` ({kind: queryset}) nor in `kept` (references already there), with the words
    of a preview: another organisation's item reads as missing, as it shows."""
    named = references(text) - kept
    if not named:
        return
    usable = {
        (kind, pk)
        for kind, items in available.items()
        for pk in items.filter(
            pk__in=[pk for named_kind, pk in named if named_kind == kind]
        ).values_list("pk", flat=True)
    }
    refused = sorted(named - usable)
    if refused:
        raise ValidationError(
            [missing_warning(kind, pk) for kind, pk in refused], code="unusable_item"
        )


def unique_story_slug(title):
    base = slugify(title)[:200] or "story"
    slug, number = base, 1
    while Article.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


class DocumentUploadForm(forms.ModelForm):
    """A document shared on a case: never public until an editor decides so."""

    visibility = forms.ChoiceField(
        label=_("Who may see it"),
        choices=[
            (CaseDocument.Visibility.PARTNERS, _("The case's partners and the editors")),
            (CaseDocument.Visibility.EDITORS, _("The coalition's editors only")),
        ],
        initial=CaseDocument.Visibility.PARTNERS,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(label=_("File"))

    class Meta:
        model = CaseDocument
        fields = ["title", "kind", "date", "language", "file", "visibility"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "PDF, DOCX, ODT, RTF, TXT, JPEG or PNG, up to %(limit)s MB."
        ) % {"limit": settings.DOCUMENT_MAX_UPLOAD_MB}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.document_type = check_document(upload)
        upload.name = safe_file_name(upload.name, self.document_type)
        return upload

    def _post_clean(self):
        super()._post_clean()
        if self.has_error("file"):
            # With the upload refused the model finds no file and adds "upload a file or give
            # an external URL": the reason given next to the file is the only true one.
            self._errors.pop(NON_FIELD_ERRORS, None)


class NotificationPreferenceForm(forms.ModelForm):
    """Which workflow emails about our stories one person wants."""

    class Meta:
        model = NotificationPreference
        fields = ["on_changes_requested", "on_approved", "on_published"]
        labels = {
            "on_changes_requested": _("The editors ask for changes to a story of mine"),
            "on_approved": _("The editors approve a story of mine"),
            "on_published": _("A story of mine is published, scheduled or taken off the site"),
        }
