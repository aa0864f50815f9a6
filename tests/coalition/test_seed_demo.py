import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.http import HttpRequest
from django.utils import timezone

from articles.models import Article, ArticleLink, Signature
from coalition.cases.models import (
    CaseDocument,
    CaseEvent,
    CasePartner,
    Forum,
    LitigationCase,
    Proceeding,
)
from coalition.demo import content
from coalition.demo.loader import DemoLoader
from coalition.models import Topic
from coalition.storage import private_storage, public_storage
from partners.models import Membership, Partner

CAMPAIGN_SLUG = "torture-in-kazakhstan-eradicated-by-2013"
DEMO_MODELS = [
    Topic,
    Partner,
    Membership,
    Forum,
    LitigationCase,
    Proceeding,
    CasePartner,
    CaseEvent,
    CaseDocument,
    Article,
    ArticleLink,
    Signature,
    get_user_model(),
    # The many-to-many tables, which set() must not grow.
    Partner.topics.through,
    LitigationCase.respondent_states.through,
    Article.partners.through,
    Article.cases.through,
    get_user_model().groups.through,
]
DEMO_GROUPS = {
    "admin": set(),
    "editor": {"Editors"},
    "author": {"Authors"},
    "partner": {"Partner staff"},
}


def seed_demo():
    """Run the command and return what it printed."""
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def row_counts():
    return {model._meta.label: model.objects.count() for model in DEMO_MODELS}


def stored_files(settings):
    roots = [settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT]
    return sorted(
        path for root in roots if root.exists() for path in root.rglob("*") if path.is_file()
    )


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True


@pytest.fixture
def seeded(db, debug_on):
    return seed_demo()


def test_a_second_run_creates_nothing_new(db, debug_on, settings):
    seed_demo()
    first_counts, first_files = row_counts(), stored_files(settings)

    seed_demo()

    assert row_counts() == first_counts
    assert stored_files(settings) == first_files


def test_demo_content_is_a_believable_coalition(seeded):
    assert Topic.objects.count() >= 6
    assert Partner.objects.count() >= 8
    assert Forum.objects.count() >= 4
    assert LitigationCase.objects.count() >= 6
    assert Proceeding.objects.count() >= 6
    assert CaseEvent.objects.count() >= 12
    assert Article.objects.count() >= 12
    assert Signature.objects.count() >= 3
    assert Partner.objects.values("countries").distinct().count() >= 6


def test_forums_include_a_national_court_and_the_international_bodies(seeded):
    supreme_court = Forum.objects.get(slug="supreme-court-of-kazakhstan")
    assert supreme_court.kind == Forum.Kind.DOMESTIC_COURT
    assert supreme_court.country.code == "KZ"
    assert set(Forum.objects.values_list("name", flat=True)) >= {
        "European Court of Human Rights",
        "UN Human Rights Committee",
        "UN Committee against Torture",
    }


def test_cases_cover_the_range_of_statuses(seeded):
    statuses = set(LitigationCase.objects.published().values_list("status", flat=True))
    assert statuses >= {
        "lodged",
        "communicated",
        "decided",
        "implementation",
        "closed",
        "inadmissible",
    }


def test_hidden_records_exist_and_stay_hidden(seeded):
    assert Partner.objects.filter(is_active=False).exists()
    assert Partner.objects.published().count() < Partner.objects.count()
    assert LitigationCase.objects.filter(is_public=False).exists()
    confidential = CasePartner.objects.filter(is_public=False)
    assert confidential.exists()
    assert not CasePartner.objects.published().filter(pk__in=confidential).exists()
    hidden_events = CaseEvent.objects.filter(is_public=False)
    assert hidden_events.exists()
    assert not CaseEvent.objects.published().filter(pk__in=hidden_events).exists()


def test_cases_have_appeals_and_dates_of_every_precision(seeded):
    appeal = Proceeding.objects.get(parent__isnull=False)
    assert appeal.parent.case_id == appeal.case_id
    precisions = set(CaseEvent.objects.values_list("date_precision", flat=True))
    assert precisions == {"day", "month", "year"}


def test_public_documents_link_out_and_private_ones_are_in_private_storage(seeded):
    public = CaseDocument.objects.published()
    assert public.exists()
    assert all(document.external_url.startswith("https://") for document in public)
    for visibility in ("partners", "editors"):
        document = CaseDocument.objects.filter(visibility=visibility).exclude(file="").first()
        assert document.file.storage is private_storage()
        assert private_storage().exists(document.file.name)
        assert not public_storage().exists(document.file.name)
        assert document.size == private_storage().size(document.file.name)
        assert len(document.checksum) == 64
    pdf = CaseDocument.objects.filter(file__endswith=".pdf").first()
    with private_storage().open(pdf.file.name) as stored:
        assert stored.read().startswith(b"%PDF-")


def test_campaign_article_is_published_with_its_call_to_action(seeded):
    campaign = Article.objects.get(slug=CAMPAIGN_SLUG)
    assert campaign.title == "Torture in Kazakhstan: Eradicated by 2013?"
    assert Article.objects.published().filter(pk=campaign.pk).exists()
    assert campaign.cta_enabled
    assert campaign.cta_prompt
    assert 2 <= campaign.links.count() <= 4
    assert campaign.partners.count() >= 2
    assert campaign.signatures.filter(confirmed_at__isnull=False).count() >= 3


def test_campaign_article_quotes_the_report_and_links_its_case(seeded):
    campaign = Article.objects.get(slug=CAMPAIGN_SLUG)
    case = campaign.cases.get()
    assert case.is_public
    assert f'href="{case.get_absolute_url()}"' in campaign.body_html
    assert "<blockquote>" in campaign.body_html
    assert "the Special Rapporteur’s report" in campaign.body_html
    for partner in campaign.partners.all():
        assert f'href="{partner.get_absolute_url()}"' in campaign.body_html


def test_hero_images_are_library_images_with_alt_text_and_credit(seeded):
    with_hero = Article.objects.exclude(hero=None).select_related("hero")
    assert with_hero.exists()
    for article in with_hero:
        assert article.hero_alt
        assert article.hero_credit
        assert article.hero.width
        assert article.hero.height
    # A translation shares its source's image, described in its own language.
    translated = with_hero.exclude(translation_of=None).first()
    assert translated.hero == translated.translation_of.hero
    assert translated.hero_alt != translated.translation_of.hero_alt


def test_some_published_articles_are_featured(seeded):
    assert Article.objects.published().filter(is_featured=True).exists()


@pytest.mark.parametrize(
    "status", ["draft", "in_review", "changes_requested", "approved", "unpublished"]
)
def test_each_unpublished_status_has_an_article_the_public_never_sees(seeded, status):
    articles = Article.objects.filter(status=status)
    assert articles.exists()
    assert not Article.objects.published().filter(pk__in=articles).exists()


def test_a_scheduled_article_waits_for_its_date(seeded):
    scheduled = Article.objects.filter(status="published", publish_at__gt=timezone.now())
    assert scheduled.exists()
    assert not Article.objects.published().filter(pk__in=scheduled).exists()


def test_articles_cover_every_kind(seeded):
    assert set(Article.objects.values_list("kind", flat=True)) == set(Article.Kind.values)


@pytest.mark.parametrize(("username", "groups"), DEMO_GROUPS.items())
def test_demo_users_have_their_groups_and_log_in_with_the_demo_password(
    seeded, client, settings, username, groups
):
    user = get_user_model().objects.get(username=username)
    assert set(user.groups.values_list("name", flat=True)) == groups
    assert user.is_staff == (username != "partner")
    assert user.is_superuser == (username == "admin")
    # django-axes needs the request that Django's test client does not pass on.
    assert client.login(request=HttpRequest(), username=username, password=settings.DEMO_PASSWORD)


def test_partner_user_is_admin_of_one_partner(seeded):
    membership = Membership.objects.get(user__username="partner")
    assert membership.role == Membership.Role.ADMIN
    assert membership.partner.is_active


def test_output_lists_the_demo_logins_when_debug_is_on(seeded, settings):
    for username in DEMO_GROUPS:
        assert f"  {username} " in seeded
    assert settings.DEMO_PASSWORD in seeded
    assert "http://127.0.0.1:8000/admin/" in seeded
    assert "http://127.0.0.1:8000/portal/" in seeded


def test_no_demo_users_when_debug_is_off(db, settings):
    settings.DEBUG = False

    output = seed_demo()

    assert not get_user_model().objects.exists()
    assert not Membership.objects.exists()
    assert "skipped" in output
    assert "DEBUG is off" in output
    assert settings.DEMO_PASSWORD not in output
    assert Article.objects.count() >= 12


def test_turning_debug_on_later_adds_the_accounts_without_duplicating_content(db, settings):
    settings.DEBUG = False
    seed_demo()
    articles = Article.objects.count()
    settings.DEBUG = True

    seed_demo()

    assert Article.objects.count() == articles
    assert get_user_model().objects.count() == len(DEMO_GROUPS)
    assert Article.objects.get(slug=CAMPAIGN_SLUG).author.username == "editor"


def test_a_second_run_resets_an_edited_demo_object(seeded):
    campaign = Article.objects.get(slug=CAMPAIGN_SLUG)
    campaign.title = "Edited by hand"
    campaign.body = "Replaced."
    campaign.save()

    seed_demo()

    campaign.refresh_from_db()
    assert campaign.title == "Torture in Kazakhstan: Eradicated by 2013?"
    assert "<blockquote>" in campaign.body_html
    assert Article.objects.filter(slug=CAMPAIGN_SLUG).count() == 1


def test_status_change_by_hand_is_reset_with_the_demo_date(seeded):
    case = LitigationCase.objects.get(slug="zhaksylykov-v-kazakhstan")
    demo_date = case.status_changed_on
    case.status = LitigationCase.Status.CLOSED
    case.save()

    seed_demo()

    case.refresh_from_db()
    assert case.status == LitigationCase.Status.IMPLEMENTATION
    assert case.status_changed_on == demo_date


def test_a_failure_leaves_nothing_half_loaded(db, debug_on, monkeypatch):
    def fail(loader):
        raise RuntimeError("disk full")

    monkeypatch.setattr(DemoLoader, "load_case_events", fail)

    with pytest.raises(RuntimeError):
        seed_demo()

    assert not Topic.objects.exists()
    assert not Article.objects.exists()


def test_demo_topics_have_russian_names(seeded):
    assert not Topic.objects.filter(translations__ru__name__isnull=True).exists()
    assert Topic.objects.get(slug="fair-trial").in_language("ru").name == "Справедливый суд"
    assert Topic.objects.get(slug="fair-trial").in_language("kk").name == "Әділ сот"


def test_demo_partners_and_cases_have_russian_names_and_summaries(seeded):
    for record in [*Partner.objects.all(), *LitigationCase.objects.all()]:
        russian = record.translations.get("ru", {})
        assert russian.get("name" if isinstance(record, Partner) else "title"), record
        assert russian.get("summary"), record
    almaty = Partner.objects.get(slug="almaty-centre-for-detainees-rights")
    assert almaty.in_language("kk").name.lang == "kk"


def test_every_demo_translation_finds_its_record(seeded):
    assert set(content.PARTNER_TRANSLATIONS) <= set(Partner.objects.values_list("slug", flat=True))
    assert set(content.CASE_TRANSLATIONS) <= set(
        LitigationCase.objects.values_list("slug", flat=True)
    )
    for slug, records in content.RECORD_TRANSLATIONS.items():
        case = LitigationCase.objects.get(slug=slug)
        titles = {*case.events.values_list("title", flat=True)}
        titles |= {*case.documents.values_list("title", flat=True)}
        assert set(records) <= titles, slug
        translated = [
            *case.events.exclude(translations={}),
            *case.documents.exclude(translations={}),
        ]
        assert len(translated) == len(records)
