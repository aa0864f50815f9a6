import pytest

from tests import factories


@pytest.fixture
def page_cache(settings):
    """The page cache on, as in production, with the short lifetimes the tests expect."""
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_TIMEOUT = 600
    settings.PAGE_CACHE_MAX_AGE = 30
    settings.PAGE_CACHE_S_MAXAGE = 60


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a change as if committed: what waits for the commit (the invalidation) runs."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def site(db, torture):
    """One of each thing a public page shows, all published."""
    partner = factories.PartnerFactory(name="Kazakhstan Bureau", slug="kazakhstan-bureau")
    case = factories.LitigationCaseFactory(title="Abdullaev v. Kazakhstan", slug="abdullaev")
    case.topics.add(torture)
    role = factories.CasePartnerFactory(case=case, partner=partner)
    event = factories.CaseEventFactory(case=case, title="Application lodged")
    document = factories.CaseDocumentFactory(case=case, title="The application")
    article = factories.ArticleFactory(
        title="Torture in Kazakhstan",
        slug="torture-in-kazakhstan",
        cta_enabled=True,
        cta_prompt="Call on Kazakhstan to investigate.",
    )
    article.topics.add(torture)
    article.partners.add(partner)
    article.cases.add(case)
    translation = factories.ArticleFactory(
        title="Пытки в Казахстане",
        slug="pytki-v-kazakhstane",
        language="ru",
        translation_of=article,
    )
    translation.topics.add(torture)
    return {
        "translation": translation,
        "partner": partner,
        "case": case,
        "role": role,
        "event": event,
        "document": document,
        "article": article,
        "topic": torture,
    }
