"""One small factory per model; tests override only what they are about."""

import datetime
import io

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from factory.django import DjangoModelFactory
from PIL import Image

from articles import workflow
from articles.models import Article, ArticleLink, Signature
from coalition.cases.models import (
    CaseDocument,
    CaseEvent,
    CasePartner,
    Forum,
    LitigationCase,
    Proceeding,
)
from coalition.library import models as library
from coalition.models import Country, Topic
from partners.models import Membership, Partner

PASSWORD = "correct-horse-battery"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = "Aigerim"
    last_name = factory.Sequence(lambda n: f"Tester{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        if create and names:
            for name in names:
                self.groups.add(Group.objects.get(name=name))
        if create:
            self.save()


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")
    description = "A theme the coalition works on."


def image_upload(name="image.png", size=(40, 20), colour="navy", format="PNG", mode="RGB"):
    """A real image file as a form would upload it, so that Pillow can read it."""
    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, format=format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{format.lower()}")


def country(code):
    """A country loaded by the data migration, such as country('KZ')."""
    return Country.objects.get(code=code)


class PartnerFactory(DjangoModelFactory):
    class Meta:
        model = Partner
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Bureau for Rights {n}")
    short_name = factory.Sequence(lambda n: f"BR{n}")
    slug = factory.Sequence(lambda n: f"bureau-{n}")
    summary = "Lawyers defending people who were tortured in custody."
    description = "We **document** torture and represent victims."
    website = "https://example.org/"
    public_email = "info@example.org"
    member_since = datetime.date(2015, 3, 1)
    is_active = True


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory, groups=["Partner staff"])
    partner = factory.SubFactory(PartnerFactory)
    role = Membership.Role.MEMBER


class ForumFactory(DjangoModelFactory):
    class Meta:
        model = Forum
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Court number {n}")
    short_name = factory.Sequence(lambda n: f"C{n}")
    slug = factory.Sequence(lambda n: f"court-{n}")
    kind = Forum.Kind.REGIONAL_COURT


class LitigationCaseFactory(DjangoModelFactory):
    class Meta:
        model = LitigationCase
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Applicant {n} v. Kazakhstan")
    short_title = ""
    slug = factory.Sequence(lambda n: f"applicant-{n}-v-kazakhstan")
    summary = "Torture in police custody and an unfair trial."
    facts = "The applicant was **beaten** in custody."
    strategic_aim = "End impunity for torture."
    status = LitigationCase.Status.LODGED
    rights_at_issue = "Prohibition of torture\nRight to a fair trial"
    is_public = True

    @factory.post_generation
    def respondent_states(self, create, countries, **kwargs):
        if create:
            self.respondent_states.set(countries or [country("KZ")])


class ProceedingFactory(DjangoModelFactory):
    class Meta:
        model = Proceeding

    case = factory.SubFactory(LitigationCaseFactory)
    forum = factory.SubFactory(ForumFactory)
    number = factory.Sequence(lambda n: f"no. {1000 + n}/19")
    lodged_on = datetime.date(2019, 5, 2)


class CasePartnerFactory(DjangoModelFactory):
    class Meta:
        model = CasePartner

    case = factory.SubFactory(LitigationCaseFactory)
    partner = factory.SubFactory(PartnerFactory)
    role = CasePartner.Role.LEAD_COUNSEL
    is_public = True


class CaseEventFactory(DjangoModelFactory):
    class Meta:
        model = CaseEvent

    case = factory.SubFactory(LitigationCaseFactory)
    date = datetime.date(2020, 1, 15)
    kind = CaseEvent.Kind.FILING
    title = factory.Sequence(lambda n: f"Event {n}")
    description = "The application was lodged."
    is_public = True


class CaseDocumentFactory(DjangoModelFactory):
    class Meta:
        model = CaseDocument

    case = factory.SubFactory(LitigationCaseFactory)
    title = factory.Sequence(lambda n: f"Document {n}")
    kind = CaseDocument.Kind.APPLICATION
    date = datetime.date(2020, 1, 15)
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 test\n", name="application.pdf"))
    visibility = CaseDocument.Visibility.PUBLIC


class ArticleFactory(DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article number {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    kind = Article.Kind.NEWS
    standfirst = "A short summary of the piece."
    body = "The body, with **emphasis**."
    author = factory.SubFactory(UserFactory, groups=["Authors"])
    status = Article.Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # As the workflow would leave it: a published article is live and dated.
        article = model_class(*args, **kwargs)
        workflow.place(article, article.status)
        article.save()
        return article


class ArticleLinkFactory(DjangoModelFactory):
    class Meta:
        model = ArticleLink

    article = factory.SubFactory(ArticleFactory)
    label = "The Special Rapporteur's report"
    url = "https://example.org/report"
    order = factory.Sequence(int)


class SignatureFactory(DjangoModelFactory):
    class Meta:
        model = Signature

    article = factory.SubFactory(ArticleFactory, cta_enabled=True, cta_prompt="Stop torture.")
    name = "Dana Reader"
    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    consent = True
    confirmed_at = factory.LazyFunction(timezone.now)


def signature_form_data(**overrides):
    """What a reader types into the "Add your voice" form."""
    return {
        "name": "Dana Reader",
        "email": "dana@example.org",
        "country": str(country("KZ").pk),
        "message": "Every complaint deserves an investigation.",
        "consent": "on",
        **overrides,
    }


class TagFactory(DjangoModelFactory):
    class Meta:
        model = library.Tag
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"tag {n}")


class ImageFactory(DjangoModelFactory):
    """A library image; its variants are made once the test's transaction "commits"."""

    class Meta:
        model = library.Image

    file = factory.LazyFunction(lambda: image_upload("protest.png", size=(64, 48)))
    title = factory.Sequence(lambda n: f"Image {n}")
    alt = "People holding placards outside a courthouse"
    credit = "Photo: Coalition"


class DocumentFactory(DjangoModelFactory):
    class Meta:
        model = library.Document

    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 report\n", name="report.pdf"))
    title = factory.Sequence(lambda n: f"Report {n}")
    date = datetime.date(2024, 5, 1)
