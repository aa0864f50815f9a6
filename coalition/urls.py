from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from coalition import accounts, sitemaps, views
from coalition.forms import PasswordResetForm
from coalition.media import media_urlpatterns

# Addresses with no language of their own: the reader's cookie or browser chooses it.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", sitemaps.robots_txt, name="robots"),
    # An index of sections, each paginated (?p=2…), so that every public page is listed
    # whatever the number of articles, and no file nears the protocol's 50,000 URLs.
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": sitemaps.sitemaps, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": sitemaps.sitemaps},
        name="sitemap-section",
    ),
    path("feeds/", include("articles.feed_urls")),
    # Images not (yet) public, such as a draft's: only for those allowed to see the draft.
    path("images/", include("coalition.image_urls")),
    path("portal/", include("coalition.portal.urls")),
    # Library documents whose public copy is not made yet (they are public all the same).
    path("library/", include("coalition.library.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

# Public pages, once per language so search engines can find each: English at /articles/…,
# Russian at /ru/articles/….
urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("articles/", include("articles.urls")),
    path("partners/", include("partners.urls")),
    path("cases/", include("coalition.cases.urls")),
    path("accounts/welcome/", views.after_login, name="after-login"),
    path(
        "accounts/password_reset/",
        accounts.PasswordResetView.as_view(form_class=PasswordResetForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    prefix_default_language=False,
)

urlpatterns += media_urlpatterns()

# A database outage met in middleware, before any view, still answers 503, not 500.
handler500 = "coalition.views.server_error"
