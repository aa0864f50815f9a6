from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from articles import feeds as article_feeds
from coalition import sitemaps, views
from coalition.cases import feeds as case_feeds

feed_patterns = [
    path("articles/rss/", article_feeds.LatestArticlesFeed(), name="articles-rss"),
    path("articles/atom/", article_feeds.LatestArticlesAtomFeed(), name="articles-atom"),
    path("topics/<slug:slug>/rss/", article_feeds.TopicArticlesFeed(), name="topic-rss"),
    path("topics/<slug:slug>/atom/", article_feeds.TopicArticlesAtomFeed(), name="topic-atom"),
    path("countries/<slug:slug>/rss/", article_feeds.CountryArticlesFeed(), name="country-rss"),
    path(
        "countries/<slug:slug>/atom/",
        article_feeds.CountryArticlesAtomFeed(),
        name="country-atom",
    ),
    path("partners/<slug:slug>/rss/", article_feeds.PartnerArticlesFeed(), name="partner-rss"),
    path(
        "partners/<slug:slug>/atom/",
        article_feeds.PartnerArticlesAtomFeed(),
        name="partner-atom",
    ),
    path("cases/<int:pk>/rss/", case_feeds.CaseFeed(), name="case-rss"),
    path("cases/<int:pk>/atom/", case_feeds.CaseAtomFeed(), name="case-atom"),
]

# Addresses with no language of their own: the reader's cookie or browser chooses it.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", sitemaps.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": sitemaps.sitemaps},
        name="sitemap",
    ),
    path("feeds/", include((feed_patterns, "feeds"))),
    path("portal/", include("coalition.portal.urls")),
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
    path("accounts/", include("django.contrib.auth.urls")),
    prefix_default_language=False,
)

if settings.SERVE_MEDIA:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
