"""Who has an object's admin page open: a soft lock that expires by itself."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from coalition.models import EditPresence

PRESENCE_TIMEOUT = datetime.timedelta(minutes=2)


def record_presence(obj, user, now=None):
    """Note that `user` has the object's admin page open now."""
    EditPresence.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=obj.pk,
        user=user,
        defaults={"last_seen": now or timezone.now()},
    )


def open_editors(model=None, since=PRESENCE_TIMEOUT, now=None):
    """Who has which page open now (seen within `since`), optionally for one model only."""
    now = now or timezone.now()
    presences = EditPresence.objects.filter(last_seen__gte=now - since)
    if model is not None:
        presences = presences.filter(content_type=ContentType.objects.get_for_model(model))
    return presences.select_related("user", "content_type").order_by("-last_seen", "pk")


def others_present(obj, user, now=None):
    """The people other than `user` who have the object's page open now."""
    return open_editors(type(obj), now=now).filter(object_id=obj.pk).exclude(user=user)
