"""A partner's staff see the library items their organisation uploaded in the portal before
the public may (see coalition.library.privacy); staff of an inactive partner do not. An active
partner's description is public: what it shows is made public too, and so is its logo (a
library image that may have been kept private until used)."""

from coalition.library import images
from coalition.library.privacy import release_used

from .models import Membership


def staff_see_own(request, item):
    """Whether `request` comes from staff of the active organisation that uploaded `item`."""
    user = request.user
    return bool(
        item.partner_id
        and user.is_authenticated
        and user.is_active
        and Membership.objects.filter(
            user=user, partner_id=item.partner_id, partner__is_active=True
        ).exists()
    )


def partner_saved(sender, instance, raw=False, **kwargs):
    if raw or not instance.is_active:
        return
    translated = [texts.get("description") for texts in (instance.translations or {}).values()]
    release_used(instance.description, *translated)
    images.release([instance.logo_id])
