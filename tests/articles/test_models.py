import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import timezone, translation

from articles.models import Article, Signature
from articles.models.articles import detail_url
from tests import factories
from tests.conftest import HIDDEN_STATES, hidden_article_fields

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


# published() and is_live


def test_published_article_is_in_published_and_live(published_article):
    assert list(Article.objects.published()) == [published_article]
    assert published_article.is_live


def test_article_published_without_publish_at_is_live():
    article = factories.ArticleFactory(publish_at=None)

    assert list(Article.objects.published()) == [article]
    assert article.is_live


def test_article_with_a_future_unpublish_at_is_still_live():
    article = factories.ArticleFactory(unpublish_at=timezone.now() + DAY)

    assert list(Article.objects.published()) == [article]
    assert article.is_live


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_article_is_neither_published_nor_live(state):
    article = factories.ArticleFactory(**hidden_article_fields(state))

    assert not Article.objects.published().exists()
    assert not article.is_live


def test_published_takes_the_moment_to_judge_by():
    article = factories.ArticleFactory(publish_at=timezone.now() + DAY)

    assert not Article.objects.published().exists()
    assert list(Article.objects.published(now=timezone.now() + 2 * DAY)) == [article]


# Publishing dates


def test_publishing_records_the_first_publication_at_publish_at():
    moment = timezone.now() - 3 * DAY
    article = factories.ArticleFactory(publish_at=moment)

    assert article.first_published_at == moment


def test_draft_has_no_publication_date(draft_article):
    assert draft_article.first_published_at is None


# Text and URLs


def test_article_str_is_its_title(published_article):
    assert str(published_article) == "Torture in Kazakhstan"


def test_article_url_is_under_articles(published_article):
    assert published_article.get_absolute_url() == "/articles/torture-in-kazakhstan/"


def test_link_str_is_its_label():
    link = factories.ArticleLinkFactory(label="The rapporteur's report")
    assert str(link) == "The rapporteur's report"


def test_signature_str_names_the_reader_and_the_article(campaign):
    signature = factories.SignatureFactory(article=campaign, name="Dana Reader")
    assert str(signature) == "Dana Reader – Torture in Kazakhstan: Eradicated by 2013?"


# The body


def test_body_is_rendered_to_html_on_save():
    article = factories.ArticleFactory(body="Torture is **absolutely** prohibited.")
    assert article.body_html == "<p>Torture is <strong>absolutely</strong> prohibited.</p>"


@pytest.mark.parametrize(
    ("body", "forbidden"),
    [
        ("Hello <script>alert('x')</script> world", "<script"),
        ('<img src="x.png" alt="" onerror="alert(1)">', "onerror"),
        ("[Read this](javascript:alert(1))", "javascript:"),
        ('<a href="javascript:alert(1)">Read this</a>', "javascript:"),
    ],
)
def test_body_html_never_keeps_unsafe_markup(body, forbidden):
    article = factories.ArticleFactory(body=body)

    assert forbidden not in article.body_html.lower()
    article.body = "Edited."
    article.save()
    assert article.body_html == "<p>Edited.</p>"


# clean()


def test_clean_requires_alt_text_with_a_hero_image():
    article = factories.ArticleFactory.build(hero=factories.ImageFactory(alt=" "))

    with pytest.raises(ValidationError) as raised:
        article.clean()
    assert list(raised.value.message_dict) == ["hero"]


def test_clean_accepts_a_decorative_hero_image_without_alt_text():
    image = factories.ImageFactory(alt="", decorative=True)
    article = factories.ArticleFactory.build(hero=image)

    article.clean()
    assert article.hero_alt == ""


def test_the_hero_alt_text_is_the_library_images_in_the_articles_language():
    image = factories.ImageFactory(alt="A prison wall", credit="Photo: Aida Nurova")
    image.set_translations("ru", {"alt": "Тюремная стена"})
    image.save()

    english = factories.ArticleFactory.build(hero=image, language="en")
    russian = factories.ArticleFactory.build(hero=image, language="ru")

    assert english.hero_alt == "A prison wall"
    assert russian.hero_alt == "Тюремная стена"
    assert russian.hero_credit == "Photo: Aida Nurova"


def test_clean_requires_a_prompt_with_add_your_voice():
    article = factories.ArticleFactory.build(cta_enabled=True, cta_prompt="")

    with pytest.raises(ValidationError) as raised:
        article.clean()
    assert list(raised.value.message_dict) == ["cta_prompt"]


@pytest.mark.parametrize("gap", [datetime.timedelta(0), -DAY])
def test_clean_requires_unpublishing_after_publishing(gap):
    moment = timezone.now()
    article = factories.ArticleFactory.build(publish_at=moment, unpublish_at=moment + gap)

    with pytest.raises(ValidationError) as raised:
        article.clean()
    assert list(raised.value.message_dict) == ["unpublish_at"]


def test_clean_accepts_a_complete_article():
    moment = timezone.now()
    article = factories.ArticleFactory.build(
        hero=factories.ImageFactory(alt="Prisoners behind bars"),
        cta_enabled=True,
        cta_prompt="Stop torture.",
        publish_at=moment,
        unpublish_at=moment + DAY,
    )

    article.clean()


# Database constraints


def test_article_slug_is_unique(published_article):
    with pytest.raises(IntegrityError):
        factories.ArticleFactory(slug=published_article.slug)


def test_database_refuses_unpublishing_before_publishing():
    moment = timezone.now()
    with pytest.raises(IntegrityError):
        factories.ArticleFactory(publish_at=moment, unpublish_at=moment - DAY)


def test_one_signature_per_article_and_email(campaign):
    factories.SignatureFactory(article=campaign, email="dana@example.org")

    with pytest.raises(IntegrityError), transaction.atomic():
        factories.SignatureFactory(article=campaign, email="Dana@Example.org")
    assert Signature.objects.count() == 1


def test_same_email_may_sign_different_articles(campaign):
    other = factories.ArticleFactory(cta_enabled=True, cta_prompt="Free the lawyers.")
    factories.SignatureFactory(article=campaign, email="dana@example.org")
    factories.SignatureFactory(article=other, email="dana@example.org")

    assert Signature.objects.count() == 2


def test_database_refuses_a_signature_without_consent(campaign):
    with pytest.raises(IntegrityError):
        factories.SignatureFactory(article=campaign, consent=False)


def test_signature_email_is_stored_lowercase(campaign):
    signature = factories.SignatureFactory(article=campaign, email="  Dana.Reader@Example.ORG ")

    signature.refresh_from_db()
    assert signature.email == "dana.reader@example.org"


# "Learn more" links


def test_links_follow_their_order_then_creation():
    article = factories.ArticleFactory()
    third = factories.ArticleLinkFactory(article=article, label="Third", order=2)
    first = factories.ArticleLinkFactory(article=article, label="First", order=0)
    second = factories.ArticleLinkFactory(article=article, label="Second", order=1)
    also_third = factories.ArticleLinkFactory(article=article, label="Also third", order=2)

    assert list(article.links.all()) == [first, second, third, also_third]


def test_an_article_address_follows_its_language_and_the_script_prefix():
    english = factories.ArticleFactory(slug="torture-report")
    russian = factories.ArticleFactory(slug="doklad", language="ru", translation_of=english)

    with translation.override("kk"):
        assert english.get_absolute_url() == "/articles/torture-report/"
        assert russian.get_absolute_url() == "/ru/articles/doklad/"
    set_script_prefix("/coalition/")
    try:
        assert russian.get_absolute_url() == "/coalition/ru/articles/doklad/"
    finally:
        set_script_prefix("/")


def test_an_address_is_exactly_what_reverse_gives():
    for language, slug in [("en", "a_b-9"), ("kk", "x"), ("ru", "articles"), ("ru", "x-x")]:
        with translation.override(language):
            expected = reverse("articles:detail", kwargs={"slug": slug})
        assert detail_url(language, slug) == expected
    with pytest.raises(NoReverseMatch):
        detail_url("en", "not a slug")
