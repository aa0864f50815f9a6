import pytest
from django.core.cache import cache

from tests import factories


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Keep uploads in a temporary folder, static files unhashed, email in memory, cache empty."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Local-memory caches outlive a settings change; counters such as rate limits must not.
    cache.clear()
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def editor(db):
    return factories.UserFactory(username="editor", is_staff=True, groups=["Editors"])


@pytest.fixture
def author(db):
    return factories.UserFactory(username="author", is_staff=True, groups=["Authors"])


@pytest.fixture
def partner(db):
    return factories.PartnerFactory(name="Kazakhstan Bureau", slug="kazakhstan-bureau")


@pytest.fixture
def other_partner(db):
    return factories.PartnerFactory(name="Kyrgyz Lawyers", slug="kyrgyz-lawyers")


@pytest.fixture
def partner_member(partner):
    return factories.MembershipFactory(partner=partner).user


@pytest.fixture
def published_article(db):
    return factories.ArticleFactory(title="Torture in Kazakhstan", slug="torture-in-kazakhstan")


@pytest.fixture
def draft_article(db):
    return factories.ArticleFactory(
        title="A draft nobody may see", slug="a-draft", status="draft", publish_at=None
    )


@pytest.fixture
def public_case(db):
    return factories.LitigationCaseFactory(title="Abdullaev v. Kazakhstan")


@pytest.fixture
def private_case(db):
    return factories.LitigationCaseFactory(title="Secret v. Kazakhstan", is_public=False)
