"""Who sees a library image: everyone, once it is saved, but for images kept private until used.

Editors upload to the library what they mean to publish, and a reference in a draft must show
in its preview and in the public page alike, whatever else links to the image meanwhile; so
library images are public assets: their original and variants get public copies at once.
The original stays in the private storage, as every upload does.

The exception are files that were private when they came into the library: the hero images
of articles not yet published and the logos of inactive partners, moved there by a data
migration, and what partners' staff upload in the portal (see `privacy`). They are
`private_until_used`: only people who may view the library (and the `viewers` apps add, such
as the uploading organisation's staff) see them, until public content uses them (`release`);
from then on they are public like any other.
"""

from django.db import transaction

# The square thumbnail of the admin's grid and the chooser, cut around the focal point.
SQUARE = "square"
CROPS = {SQUARE: (320, 320)}


def focal_point(image):
    return image.focal_point


def is_public(image):
    return not image.private_until_used


# Apps that show library images before the public sees them, such as a draft's shared
# preview, add `viewer(request, image)` here: True lets that request see the image.
viewers = []


def may_view(request, image):
    user = request.user
    if user.is_authenticated and user.is_active and user.has_perm("library.view_image"):
        return True
    return any(viewer(request, image) for viewer in viewers)


def release(pks):
    """Make the images `pks` public if they were private until used: public content shows
    them now. Their public copies are made once the change commits."""
    from coalition.images import variants_for

    from .models import Image

    pks = [pk for pk in pks if pk]
    held = list(
        Image.objects.filter(pk__in=pks, private_until_used=True).values_list("pk", flat=True)
    )
    if not held:
        return
    # update(): no new version or revision, as no editor changed the image.
    Image.objects.filter(pk__in=held).update(private_until_used=False)
    registration = variants_for(Image, "file")
    for pk in held:
        transaction.on_commit(lambda pk=pk: registration.publish_later(pk), robust=True)
