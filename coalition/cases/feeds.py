"""'Follow this case': a public case's timeline and the articles about it, as RSS and Atom."""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .models import CaseEvent, LitigationCase


class CaseFeed(Feed):
    """The public events of one public case and its published articles, newest first."""

    items_shown = 30

    def get_object(self, request, pk):
        return get_object_or_404(LitigationCase.objects.published(), pk=pk)

    def title(self, case):
        return _("%(site)s: follow %(case)s") % {"site": settings.SITE_NAME, "case": case}

    def description(self, case):
        return case.translation("summary")

    def link(self, case):
        return case.get_absolute_url()

    def author_name(self, case):
        return settings.SITE_NAME

    def items(self, case):
        events = [
            CaseFeedItem.from_event(event, case)
            for event in CaseEvent.objects.published()
            .filter(case=case)
            .order_by("-date", "-pk")[: self.items_shown]
        ]
        # The reverse manager reaches articles without importing the app above this one.
        articles = [
            CaseFeedItem.from_article(article)
            for article in case.articles.published().newest_first()[: self.items_shown]
        ]
        items = sorted(events + articles, key=lambda item: item.published, reverse=True)
        return items[: self.items_shown]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.description

    def item_link(self, item):
        return item.link

    def item_pubdate(self, item):
        return item.published

    def item_updateddate(self, item):
        return item.updated


class CaseAtomFeed(CaseFeed):
    feed_type = Atom1Feed
    subtitle = CaseFeed.description


class CaseFeedItem:
    """One entry of a case's feed, whether a timeline event or an article."""

    def __init__(self, *, title, description, link, published, updated=None):
        self.title = title
        self.description = description
        self.link = link
        self.published = published
        self.updated = updated or published

    @classmethod
    def from_event(cls, event, case):
        midnight = datetime.datetime.combine(event.date, datetime.time.min)
        return cls(
            title=f"{event.get_kind_display().capitalize()}: {event.translation('title')}",
            description=event.translation("description"),
            # Each event needs its own address: feed readers use it to tell entries apart.
            link=f"{case.get_absolute_url()}#event-{event.pk}",
            published=timezone.make_aware(midnight),
        )

    @classmethod
    def from_article(cls, article):
        return cls(
            title=article.title,
            description=article.standfirst,
            link=article.get_absolute_url(),
            published=article.display_date,
            updated=article.last_published_at,
        )
