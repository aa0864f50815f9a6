"""Forms of the library's admin pages: several images uploaded at once."""

from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import modelformset_factory
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from coalition import revisions
from coalition.forms import IdField
from coalition.images import UPLOAD_FORMATS_LABEL, UploadImageFormField

from .models import Image, Licence, Tag

ACCEPTED_IMAGES = "image/jpeg,image/png,image/webp"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Every file chosen in one input, as a list; each is checked by the form."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = [file for file in (data if isinstance(data, list | tuple) else [data]) if file]
        if not files and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        return files


def title_from_file_name(name):
    """ "Court hearing" from "court_hearing-2.JPG": a start editors then correct."""
    stem = PurePath(name or "").stem.replace("_", " ").replace("-", " ")
    return " ".join(stem.split())[:200] or _("Untitled image")


class BulkUploadForm(forms.Form):
    """Several images at once, each checked on its own: those accepted are saved, each of
    the others is named with the reason it was refused."""

    files = MultipleFileField(
        label=_("Images"),
        widget=MultipleFileInput(attrs={"accept": ACCEPTED_IMAGES}),
        help_text=format_lazy(
            _("Choose one or more {formats} files; each becomes an image titled after its name."),
            formats=UPLOAD_FORMATS_LABEL,
        ),
        error_messages={"required": _("Choose one or more images to upload.")},
    )
    licence = forms.ChoiceField(
        label=_("Licence"), choices=Licence.choices, initial=Licence.ALL_RIGHTS_RESERVED
    )
    credit = forms.CharField(label=_("Credit"), max_length=255, required=False)
    tags = forms.ModelMultipleChoiceField(
        label=_("Tags"), queryset=Tag.objects.all(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.accepted = []
        self.refused = []

    def clean_files(self):
        for upload in self.cleaned_data["files"]:
            try:
                self.accepted.append(UploadImageFormField().clean(upload))
            except ValidationError as error:
                self.refused.append((upload.name, error.messages))
        return self.accepted

    def save(self, user):
        """Save an image for each accepted file, with a revision; return them."""
        images = []
        with transaction.atomic():
            for upload in self.accepted:
                image = Image.objects.create(
                    file=upload,
                    title=title_from_file_name(upload.name),
                    licence=self.cleaned_data["licence"],
                    credit=self.cleaned_data["credit"],
                    uploaded_by=user,
                )
                image.tags.set(self.cleaned_data["tags"])
                revisions.save_revision(image, user, _("Uploaded with others."))
                images.append(image)
        return images


class DescribeImageForm(forms.ModelForm):
    """What a person writes about an image just uploaded; the version guards the save."""

    opened_version = IdField(widget=forms.HiddenInput)

    class Meta:
        model = Image
        fields = ["title", "alt", "decorative", "caption", "credit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opened_version"].initial = self.instance.version

    def save_edit(self, user):
        """Save the changes with a revision; False when someone saved the image meanwhile."""
        with transaction.atomic():
            revision = revisions.save_edit(
                self.instance,
                user,
                "",
                self.cleaned_data["opened_version"],
                save=lambda: self.save(),
            )
        return revision is not None


DescribeImagesFormSet = modelformset_factory(
    Image, form=DescribeImageForm, extra=0, edit_only=True
)
