"""Who sees a library image: everyone, once it is saved.

Editors upload to the library what they mean to publish, and a reference in a draft must show
in its preview and in the public page alike, whatever else links to the image meanwhile; so
library images are public assets: their original and variants get public copies at once.
The original stays in the private storage, as every upload does.
"""

# The square thumbnail of the admin's grid and the chooser, cut around the focal point.
SQUARE = "square"
CROPS = {SQUARE: (320, 320)}


def focal_point(image):
    return image.focal_point


def is_public(image):
    return True


def may_view(request, image):
    user = request.user
    return user.is_authenticated and user.is_active and user.has_perm("library.view_image")
