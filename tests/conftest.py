import datetime
import random
import socket
import threading
import uuid
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests import factories, servers
from tests.servers import SeaweedFS

# What a browser sends with a form posted from one of the site's own pages (coalition/csrf.py).
FROM_OUR_PAGE = {"HTTP_SEC_FETCH_SITE": "same-origin"}


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
    # Tests see each change at once: their transactions never commit, so nothing would
    # invalidate a cached page. The page cache's own tests turn it on (tests/pagecache/).
    settings.PAGE_CACHE_ENABLED = False
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
def torture(db):
    return factories.TopicFactory(name="Torture", slug="torture")


@pytest.fixture
def fair_trial(db):
    return factories.TopicFactory(name="Fair trial", slug="fair-trial")


HIDDEN_STATES = [
    "draft",
    "in_review",
    "changes_requested",
    "approved",
    "scheduled",
    "expired",
    "unpublished",
]


def hidden_article_fields(state):
    """Model fields of an article in `state` that the public must not see."""
    now = timezone.now()
    if state == "scheduled":
        return {"status": "published", "publish_at": now + datetime.timedelta(days=1)}
    if state == "expired":
        return {
            "status": "published",
            "publish_at": now - datetime.timedelta(days=2),
            "unpublish_at": now - datetime.timedelta(hours=1),
        }
    return {"status": state, "publish_at": None}


@pytest.fixture(params=HIDDEN_STATES)
def hidden_article(request, db):
    """An article the public must not see, once for each way of being hidden."""
    return factories.ArticleFactory(
        title=f"Hidden {request.param} article",
        slug=f"hidden-{request.param.replace('_', '-')}",
        **hidden_article_fields(request.param),
    )


@pytest.fixture
def hidden_articles(db):
    """One article in each hidden state."""
    return [
        factories.ArticleFactory(
            title=f"Hidden {state} article",
            slug=f"hidden-{state.replace('_', '-')}",
            **hidden_article_fields(state),
        )
        for state in HIDDEN_STATES
    ]


@pytest.fixture
def hero_png():
    """A real 64 x 48 PNG, so that Pillow can read its width and height."""
    return factories.image_upload("hero.png", size=(64, 48))


@pytest.fixture
def public_case(db):
    return factories.LitigationCaseFactory(title="Abdullaev v. Kazakhstan")


@pytest.fixture
def private_case(db):
    return factories.LitigationCaseFactory(title="Secret v. Kazakhstan", is_public=False)


PUBLIC_BUCKET = "coalition-public"
PRIVATE_BUCKET = "coalition-private"


@pytest.fixture(scope="session")
def seaweedfs(tmp_path_factory):
    """A real S3-compatible server for the session: a public and a private bucket."""
    server = SeaweedFS(tmp_path_factory.mktemp("seaweedfs")).start()
    try:
        server.create_bucket(PUBLIC_BUCKET, public=True)
        server.create_bucket(PRIVATE_BUCKET)
        yield server
    finally:
        server.stop()


def s3_storages(server, prefix):
    """settings.STORAGES as MEDIA_STORAGE=s3 makes them, on `server`, under `prefix`."""
    common = {
        "access_key": server.access_key,
        "secret_key": server.secret_key,
        "endpoint_url": server.endpoint_url,
        "region_name": "us-east-1",
        "addressing_style": "path",
        "file_overwrite": False,
        "location": prefix,
    }
    return {
        "default": {
            "BACKEND": "coalition.object_storage.PublicS3Storage",
            "OPTIONS": {
                **common,
                "bucket_name": PUBLIC_BUCKET,
                "querystring_auth": False,
                "url_protocol": "http:",
            },
        },
        "private": {
            "BACKEND": "coalition.object_storage.PrivateS3Storage",
            "OPTIONS": {**common, "bucket_name": PRIVATE_BUCKET, "default_acl": "private"},
        },
    }


@pytest.fixture
def s3_media(settings, seaweedfs):
    """Media and documents in SeaweedFS's two buckets, under a prefix of this test's own."""
    prefix = f"test-{uuid.uuid4().hex[:12]}"
    settings.MEDIA_STORAGE = "s3"
    settings.PUBLIC_MEDIA_BUCKET, settings.PRIVATE_MEDIA_BUCKET = PUBLIC_BUCKET, PRIVATE_BUCKET
    settings.STORAGES = {**settings.STORAGES, **s3_storages(seaweedfs, prefix)}
    return SimpleNamespace(
        server=seaweedfs,
        prefix=prefix,
        public_keys=lambda: seaweedfs.keys(PUBLIC_BUCKET, f"{prefix}/"),
        private_keys=lambda: seaweedfs.keys(PRIVATE_BUCKET, f"{prefix}/"),
        private_url=lambda name: f"{seaweedfs.endpoint_url}/{PRIVATE_BUCKET}/{prefix}/{name}",
    )


# Mail servers and dead ports on loopback, in TEST_PORTS (see tests/servers.py) so that parallel
# runs and other services on the machine are left alone.


def bound_socket():
    """A TCP socket bound to a free loopback port in TEST_PORTS (not yet listening)."""
    for port in random.sample(servers.port_range(), len(servers.port_range())):
        if port in servers.handed_out:
            continue
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            sock.close()
            continue
        return sock
    raise RuntimeError("No free port in the test range.")


def free_port():
    """A loopback port in TEST_PORTS that was free a moment ago, for a server to bind."""
    sock = bound_socket()
    port = sock.getsockname()[1]
    sock.close()
    return port


def use_smtp(settings, port, timeout=2):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = timeout


@pytest.fixture
def refusing_smtp(settings):
    """Mail goes to a loopback port where nothing listens: every connection is refused."""
    sock = bound_socket()  # bound, never listening: the port stays ours and refuses
    use_smtp(settings, sock.getsockname()[1])
    yield sock.getsockname()[1]
    sock.close()


@pytest.fixture
def silent_smtp(settings):
    """A mail server that accepts connections and never says a word (EMAIL_TIMEOUT 1 s)."""
    sock = bound_socket()
    sock.listen(16)
    accepted = []
    stop = threading.Event()

    def accept():
        sock.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(sock.accept()[0])
            except TimeoutError:
                continue
            except OSError:
                return

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    use_smtp(settings, sock.getsockname()[1], timeout=1)
    yield accepted
    stop.set()
    thread.join(5)
    for connection in accepted:
        connection.close()
    sock.close()


class SinkHandler:
    """Keeps every message aiosmtpd receives."""

    def __init__(self):
        self.messages = []
        self.received = threading.Event()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(
            (envelope.rcpt_tos, envelope.content.decode("utf-8", errors="replace"))
        )
        self.received.set()
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_sink():
    """A real SMTP server on loopback that keeps what it receives: `.messages`, `.port`."""
    from aiosmtpd.controller import Controller

    handler = SinkHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    handler.port = controller.port
    yield handler
    controller.stop()
