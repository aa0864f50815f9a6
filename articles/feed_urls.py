"""The feeds readers follow: all articles, per topic, country or partner, and per case.

They are the articles layer's: the lowest that sees both articles and cases.
"""

from django.urls import path

from articles import feeds as article_feeds
from coalition.cases import feeds as case_feeds

app_name = "feeds"

urlpatterns = [
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
    path("cases/<id:pk>/rss/", case_feeds.CaseFeed(), name="case-rss"),
    path("cases/<id:pk>/atom/", case_feeds.CaseAtomFeed(), name="case-atom"),
]
