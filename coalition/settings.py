"""Settings for the Coalition site, every value read from the environment.

`.env.example` is the one list of the variables, each with its default and what it does (a test
keeps it complete); a `.env` file beside `manage.py` is read when present. Comments here say why.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from coalition.logs import logging_config
from coalition.monitoring import init_error_reporting

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Core
DEBUG = env.bool("DEBUG", default=False)
# The development key is public: the WSGI and ASGI entry points refuse to serve with it
# unless DEBUG is on (see coalition/checks.py).
DEVELOPMENT_SECRET_KEY = "django-insecure-local-development-key-change-me"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_NAME = env.str("SITE_NAME", default="Coalition for Justice")
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "axes",
    "csp",
    "coalition",
    "coalition.library",
    "partners",
    "coalition.cases",
    "articles",
    "coalition.search",
    "coalition.links",
]

MIDDLEWARE = [
    "coalition.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Serves stored pages before any work below (it finds the page's language as
    # LocaleMiddleware does), and must see every header the middleware below adds (Vary and
    # Content-Language, the session's Set-Cookie, the CSP header) to store whole responses.
    "coalition.pagecache.PageCacheMiddleware",
    "coalition.middleware.LocaleMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "coalition.middleware.PermissionsPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
    "coalition.middleware.DatabaseOutageMiddleware",
]

ROOT_URLCONF = "coalition.urls"
WSGI_APPLICATION = "coalition.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "coalition.context_processors.site",
            ],
        },
    },
]

# Data
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# Keep connections between requests in production, and test them before reuse, so that a
# restarted database costs one reconnect instead of an error page.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0 if DEBUG else 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def cache_config(url):
    """The cache a CACHE_URL names; Redis URLs get Django's own Redis backend.

    django-environ would hand redis:// to django-redis, which we do not use.
    """
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {"BACKEND": "coalition.cache.RedisCache", "LOCATION": url}
    return environ.Env.cache_url_config(url)


# Shared by every app server when it is Redis: cached pages, rate limits, login lockouts.
CACHES = {"default": cache_config(env.str("CACHE_URL", default="locmemcache://coalition"))}
# Put before every cache key, so that several sites (or test runs) can share one Redis.
CACHES["default"]["KEY_PREFIX"] = env.str("CACHE_KEY_PREFIX", default="")
# One machine only: lets `check --deploy` accept the in-process cache and local mail and media.
ALLOW_SINGLE_MACHINE = env.bool("ALLOW_SINGLE_MACHINE", default=False)
# Whole cached pages for anonymous readers (coalition/pagecache.py). The server-side copy
# lives PAGE_CACHE_TIMEOUT seconds at most and is invalidated exactly; browsers and shared
# caches in front (a CDN), which nothing invalidates, keep it only for the short times below.
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_TIMEOUT = env.int("PAGE_CACHE_TIMEOUT", default=600)
PAGE_CACHE_MAX_AGE = env.int("PAGE_CACHE_MAX_AGE", default=60)
PAGE_CACHE_S_MAXAGE = env.int("PAGE_CACHE_S_MAXAGE", default=60)

# Accounts and login protection
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "coalition.lockout.UsernameThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "after-login"
LOGOUT_REDIRECT_URL = "home"
# Partner staff have no admin: the emails that partners and articles send them link to these
# portal pages. Named here, as LOGIN_URL is, because the portal sits above both apps.
PARTNER_WELCOME_URL = "portal:welcome"
PARTNER_STORY_URL = "portal:story"
PARTNER_NOTIFICATIONS_URL = "portal:notifications"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
# Failed logins are counted in the shared cache (Redis in production), not in the database;
# so axes' admin would list nothing.
AXES_HANDLER = "coalition.lockout.LoginLockHandler"
AXES_ENABLE_ADMIN = False
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
# Axes counts per client address as the signature rate limit does (see TRUSTED_PROXY_COUNT),
# not per REMOTE_ADDR, which behind a proxy is the proxy's for everyone.
AXES_CLIENT_IP_CALLABLE = "coalition.clients.client_address"
# Counted per username from any address too (coalition/lockout.py): a botnet spreading its
# guesses over many addresses stays under the per-address limit.
LOGIN_USERNAME_FAILURE_LIMIT = env.int("LOGIN_USERNAME_FAILURE_LIMIT", default=50)
LOGIN_USERNAME_FAILURE_WINDOW = env.int("LOGIN_USERNAME_FAILURE_WINDOW", default=60 * 60)
LOGIN_KNOWN_ADDRESS_DAYS = env.int("LOGIN_KNOWN_ADDRESS_DAYS", default=90)
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 8)
SESSION_SAVE_EVERY_REQUEST = True

# Languages and time
LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="en")
# A coalition adds a language without code: its code here, then its catalogue (`make messages`).
# The names come from Django's own list, which Django's catalogues translate.
language_codes = env.list("LANGUAGES", default=["en", "ru", "kk"])
if unknown := [code for code in language_codes if code not in LANG_INFO]:
    raise ImproperlyConfigured(f"LANGUAGES: Django knows no language {', '.join(unknown)}.")
LANGUAGES = [(code, _(LANG_INFO[code]["name"])) for code in language_codes]
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ImproperlyConfigured(f"LANGUAGE_CODE {LANGUAGE_CODE} is not one of LANGUAGES.")
if len(LANGUAGES) < 2:
    # The public URLs (English unprefixed, the others under their code) need a second language.
    raise ImproperlyConfigured("LANGUAGES needs at least two languages.")
LOCALE_PATHS = [BASE_DIR / "coalition" / "locale"]
# Each language's date and number formats where Django's own do not suit (or it has none).
FORMAT_MODULE_PATH = ["coalition.formats"]
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

# Static files and uploads
STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
# Where readers fetch public media: a path on this site, or a full address (a CDN or the
# public bucket's own domain) with MEDIA_STORAGE=s3.
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
# Uploads live in two storages (coalition/storage.py): "default" for public images, logos and
# their variants, "private" for case documents, which only permission-checking views serve.
# "filesystem" keeps them on this machine's disk; "s3" in two buckets of an S3-compatible
# object store that every app server shares.
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="filesystem")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private")
# Filesystem media only: let the site itself serve MEDIA_URL from MEDIA_ROOT.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)
PUBLIC_MEDIA_BUCKET = env.str("PUBLIC_MEDIA_BUCKET", default="")
PRIVATE_MEDIA_BUCKET = env.str("PRIVATE_MEDIA_BUCKET", default="")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "coalition.storage.PrivateFileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if MEDIA_STORAGE == "s3":
    _s3 = {
        # Empty keys leave boto3 to its own sources, such as the machine's IAM role.
        "access_key": env.str("AWS_S3_ACCESS_KEY_ID", default="") or None,
        "secret_key": env.str("AWS_S3_SECRET_ACCESS_KEY", default="") or None,
        "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
        "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
        "addressing_style": env.str("AWS_S3_ADDRESSING_STYLE", default="") or None,
        # Two uploads of "photo.jpg" must not replace each other, as on a disk.
        "file_overwrite": False,
        # Larger files read from the bucket wait in a temporary file rather than in memory.
        "max_memory_size": 5 * 1024 * 1024,
    }
    _media_url = urlsplit(MEDIA_URL)
    STORAGES["default"] = {
        "BACKEND": "coalition.object_storage.PublicS3Storage",
        "OPTIONS": {
            **_s3,
            "bucket_name": PUBLIC_MEDIA_BUCKET,
            "querystring_auth": False,
            # A full MEDIA_URL names the public bucket's address; otherwise the endpoint's.
            "custom_domain": (_media_url.netloc + _media_url.path).rstrip("/")
            if _media_url.netloc
            else None,
            "url_protocol": f"{_media_url.scheme or 'https'}:",
            "object_parameters": {"CacheControl": "public, max-age=86400"},
        },
    }
    STORAGES["private"] = {
        "BACKEND": "coalition.object_storage.PrivateS3Storage",
        "OPTIONS": {**_s3, "bucket_name": PRIVATE_MEDIA_BUCKET, "default_acl": "private"},
    }
elif MEDIA_STORAGE != "filesystem":
    raise ImproperlyConfigured(f"MEDIA_STORAGE is {MEDIA_STORAGE!r}: use filesystem or s3.")
DOCUMENT_MAX_UPLOAD_MB = env.int("DOCUMENT_MAX_UPLOAD_MB", default=25)
IMAGE_MAX_UPLOAD_MB = env.int("IMAGE_MAX_UPLOAD_MB", default=10)
# Largest accepted image in pixels (width × height). A small file can hold a huge image, and
# resizing it takes about 4 bytes a pixel: 40 megapixels is a 7300×5500 photo, about 160 MB.
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_PIXELS", default=40_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# Email
# By default mail is written to files under build/mail (git ignores build/), never to the
# log, which must not carry readers' addresses or confirmation links.
_email = env.email("EMAIL_URL", default="filemail://")
EMAIL_FILE_PATH = env.path("EMAIL_FILE_PATH", default=BASE_DIR / "build" / "mail")
# Seconds an SMTP connection may wait on the mail server before the attempt fails and retries.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "")
EMAIL_PORT = _email.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Coalition <noreply@localhost>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
ADMINS = [("Administrators", address) for address in env.list("ADMIN_EMAILS", default=[])]

# Security: on by default, switched off only for local HTTP development.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancers probe the health check over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_HTTPS_PROXY", default=False) else None
)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
X_FRAME_OPTIONS = "DENY"
# A page opened from ours (or ours from another) cannot reach our window object.
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Submitting the domain to browsers' HSTS preload list is the operator's decision, not ours.
SILENCED_SYSTEM_CHECKS = env.list("SILENCED_SYSTEM_CHECKS", default=["security.W021"])

# Content-Security-Policy (django-csp): only our own scripts, styles and fonts, images from
# the site and its media host, no plugins, no framing, forms post only to us. No inline
# script or style anywhere, so that no page needs a per-response nonce and whole cached pages
# stay valid. Django 5.2's admin needs nothing more (tests/browser/test_csp.py drives it), so
# it has the same policy.
# Where public images load from besides the site itself: MEDIA_URL's host when it is a full
# address (a CDN, the bucket's domain); with MEDIA_STORAGE=s3 and a path, the bucket's address.
_media_url = urlsplit(MEDIA_URL)
MEDIA_ORIGINS = []
if _media_url.netloc:
    MEDIA_ORIGINS = [f"{_media_url.scheme}://{_media_url.netloc}"]
elif MEDIA_STORAGE == "s3" and _s3["endpoint_url"]:
    _endpoint = urlsplit(_s3["endpoint_url"])
    MEDIA_ORIGINS = [f"{_endpoint.scheme}://{_endpoint.netloc}"]
elif MEDIA_STORAGE == "s3":
    _region = f".{_s3['region_name']}" if _s3["region_name"] else ""
    MEDIA_ORIGINS = [
        f"https://{PUBLIC_MEDIA_BUCKET}.s3{_region}.amazonaws.com",
        f"https://s3{_region}.amazonaws.com",
    ]
_csp_directives = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, *MEDIA_ORIGINS],
    "object-src": [NONE],
    "base-uri": [NONE],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}
# Where browsers send violation reports (a URL that accepts them), if anywhere.
# (django-csp 4 refuses settings named CSP_*, so these two stay local names.)
_csp_report_uri = env.str("CSP_REPORT_URI", default="")
if _csp_report_uri:
    _csp_directives["report-uri"] = _csp_report_uri
# Report-only: browsers report what the policy would block but block nothing; for operators
# trying a change of policy, or a new media host, on the live site first.
_csp_report_only = env.bool("CSP_REPORT_ONLY", default=False)
CONTENT_SECURITY_POLICY = None if _csp_report_only else {"DIRECTIVES": _csp_directives}
CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": _csp_directives} if _csp_report_only else None
# Browser features no page of ours uses, switched off for our pages and anything they embed.
PERMISSIONS_POLICY_DISABLED = [
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "encrypted-media",
    "geolocation",
    "gyroscope",
    "hid",
    "idle-detection",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
]

# Search
# "russian" stems Russian words and sends Latin-script ones to the English stemmer: our text
# mixes both. (SQLite's FTS5 stems English only.)
SEARCH_CONFIG = env.str("SEARCH_CONFIG", default="russian")

# "Add your voice"
SIGNATURE_CONFIRM_DAYS = env.int("SIGNATURE_CONFIRM_DAYS", default=7)
# Counted in the cache, so that every app server sees the same count.
SIGNATURE_RATE_LIMIT = env.int("SIGNATURE_RATE_LIMIT", default=5)
SIGNATURE_RATE_PERIOD = env.int("SIGNATURE_RATE_PERIOD", default=60 * 60)

# Editorial workflow
PREVIEW_LINK_MAX_AGE_DAYS = env.int("PREVIEW_LINK_MAX_AGE_DAYS", default=7)
EDITOR_AUTOSAVE_SECONDS = env.int("EDITOR_AUTOSAVE_SECONDS", default=30)
AGING_CONTENT_DAYS = env.int("AGING_CONTENT_DAYS", default=365)
# Lists in a language also show the articles not translated into it, marked with their own.
SHOW_UNTRANSLATED_ARTICLES = env.bool("SHOW_UNTRANSLATED_ARTICLES", default=True)

# Background tasks (Celery, Redis as broker)
# With no broker (`make run`, tests) each task runs in the web process after its transaction
# commits; production sets redis://host:6379/1 and runs `make worker`.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="coalition")
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged once done, so that a worker killed midway leaves it to another.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A web process never waits long on a broker that is down: the task is recorded instead.
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BEAT_SCHEDULE = {
    "publish-scheduled-articles": {"task": "articles.publish_scheduled", "schedule": 60.0},
    # Sunday night, when the sites we link to and our own worker are quietest.
    "check-links-weekly": {
        "task": "links.check_links",
        "schedule": crontab(minute=0, hour=2, day_of_week="sunday"),
    },
}
# Mail that fails is tried again MAIL_RETRIES times, after MAIL_RETRY_DELAY seconds, then
# twice as long each time; after the last try it is listed in the admin ("Mail not delivered").
MAIL_RETRIES = env.int("MAIL_RETRIES", default=5)
MAIL_RETRY_DELAY = env.int("MAIL_RETRY_DELAY", default=60)

# Link checker (coalition/links): every external link of published content, weekly.
# Other sites are asked politely: a few requests per host per minute, each waiting at most
# LINK_CHECK_TIMEOUT seconds.
LINK_CHECK_PER_HOST_PER_MINUTE = env.int("LINK_CHECK_PER_HOST_PER_MINUTE", default=10)
LINK_CHECK_TIMEOUT = env.float("LINK_CHECK_TIMEOUT", default=10.0)
LINK_CHECK_MAX_REDIRECTS = env.int("LINK_CHECK_MAX_REDIRECTS", default=5)
# Private and loopback addresses are never checked, so that a link cannot make the checker
# probe our own network; tests turn loopback on for their local server.
LINK_CHECK_ALLOW_LOOPBACK = env.bool("LINK_CHECK_ALLOW_LOOPBACK", default=False)

# Demo content
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="coalition-demo-2026")

# Logs: JSON lines with the request id, without email addresses or tokens (coalition/logs.py).
LOGGING = logging_config(env.str("LOG_LEVEL", default="INFO"), admin_emails=bool(ADMINS))

# Error reports to Sentry when SENTRY_DSN is set (needs the "sentry" extra installed).
SENTRY_DSN = env.str("SENTRY_DSN", default="")
SENTRY_ENVIRONMENT = env.str("SENTRY_ENVIRONMENT", default="production")
init_error_reporting(SENTRY_DSN, SENTRY_ENVIRONMENT)
