"""RSS and Atom feeds of published articles: all, or by topic, country or partner."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from coalition.models import Country, Topic
from partners.models import Partner

from .forms import articles_about
from .models import Article


class LatestArticlesFeed(Feed):
    """Every published article, newest first."""

    items_shown = 30

    def title(self, obj=None):
        return _("%(site)s: latest articles") % {"site": settings.SITE_NAME}

    def description(self, obj=None):
        return _("News, commentary and reports from %(site)s.") % {"site": settings.SITE_NAME}

    def link(self, obj=None):
        return reverse("articles:list")

    def author_name(self, obj=None):
        return settings.SITE_NAME

    def articles(self, obj):
        return Article.objects.published()

    def items(self, obj=None):
        articles = self.articles(obj).in_language(translation.get_language())
        return articles.for_listing().newest_first()[: self.items_shown]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.standfirst

    def item_pubdate(self, article):
        return article.display_date

    def item_updateddate(self, article):
        return article.last_published_at or article.display_date

    def item_author_name(self, article):
        return article.display_byline or None

    def item_categories(self, article):
        return [topic.name for topic in article.topics.all()]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description


class TopicArticlesFeed(LatestArticlesFeed):
    """Published articles on one topic."""

    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def title(self, topic):
        return _("%(site)s: articles on %(topic)s") % {
            "site": settings.SITE_NAME,
            "topic": topic.localised_name,
        }

    def description(self, topic):
        return _("Published articles on %(topic)s.") % {"topic": topic.localised_name}

    def link(self, topic):
        return articles_about(topic)

    def articles(self, topic):
        return Article.objects.published().filter(topics=topic)


class TopicArticlesAtomFeed(TopicArticlesFeed):
    feed_type = Atom1Feed
    subtitle = TopicArticlesFeed.description


class CountryArticlesFeed(LatestArticlesFeed):
    """Published articles about one country."""

    def get_object(self, request, slug):
        return get_object_or_404(Country, slug=slug)

    def title(self, country):
        return _("%(site)s: articles about %(country)s") % {
            "site": settings.SITE_NAME,
            "country": country.localised_name,
        }

    def description(self, country):
        return _("Published articles about %(country)s.") % {"country": country.localised_name}

    def link(self, country):
        return articles_about(country)

    def articles(self, country):
        return Article.objects.published().filter(countries=country)


class CountryArticlesAtomFeed(CountryArticlesFeed):
    feed_type = Atom1Feed
    subtitle = CountryArticlesFeed.description


class PartnerArticlesFeed(LatestArticlesFeed):
    """Published articles naming one of the coalition's current partners."""

    def get_object(self, request, slug):
        return get_object_or_404(Partner.objects.published(), slug=slug)

    def title(self, partner):
        return _("%(site)s: articles about %(partner)s") % {
            "site": settings.SITE_NAME,
            "partner": partner.translation("name"),
        }

    def description(self, partner):
        return _("Published articles about %(partner)s.") % {
            "partner": partner.translation("name")
        }

    def link(self, partner):
        return partner.get_absolute_url()

    def articles(self, partner):
        return partner.articles.published()


class PartnerArticlesAtomFeed(PartnerArticlesFeed):
    feed_type = Atom1Feed
    subtitle = PartnerArticlesFeed.description
