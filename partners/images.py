"""Logos come from the media library; an active partner's logo is public.

Library images are public, but for those kept private until used (the logos of inactive
partners when the library took them over): the partner becoming active releases its logo.
"""

from coalition.library.images import release


def logo_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.logo_id and instance.is_active:
        release([instance.logo_id])
