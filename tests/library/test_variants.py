"""Library images' variants: resized as hero images are, plus a square crop kept centred on
the focal point (the admin's grid and the chooser show it)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from PIL import Image as Picture

from coalition.images import crop_name
from coalition.library.models import Image
from coalition.storage import private_storage, public_storage
from tests import factories

pytestmark = pytest.mark.django_db

RED, GREEN, BLUE, YELLOW = (255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 0)


def committed():
    return TestCase.captureOnCommitCallbacks(execute=True)


def quadrants(width, height):
    """A PNG whose quarters are red (top left), green, blue (bottom left) and yellow."""
    picture = Picture.new("RGB", (width, height))
    half_x, half_y = width // 2, height // 2
    picture.paste(RED, (0, 0, half_x, half_y))
    picture.paste(GREEN, (half_x, 0, width, half_y))
    picture.paste(BLUE, (0, half_y, half_x, height))
    picture.paste(YELLOW, (half_x, half_y, width, height))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return SimpleUploadedFile("quadrants.png", buffer.getvalue(), "image/png")


def square(image, extension="jpeg"):
    image.refresh_from_db()
    name = crop_name(image.variants, "square", extension)
    with private_storage().open(name) as file, Picture.open(file) as picture:
        return picture.convert("RGB").copy()


def near(colour, expected, tolerance=40):
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=True))


def library_image(width, height, focal_x=None, focal_y=None):
    with committed():
        return factories.ImageFactory(
            file=quadrants(width, height), focal_x=focal_x, focal_y=focal_y
        )


def test_the_square_is_centred_on_the_focal_point():
    # 800 wide: a 400-pixel square around x = 240 runs from 40 to 440, scaled to 320, so the
    # edge between red and green (400) falls at 288.
    cut = square(library_image(800, 400, focal_x=0.3, focal_y=0.5))

    assert cut.size == (320, 320)
    assert near(cut.getpixel((270, 80)), RED)
    assert near(cut.getpixel((300, 80)), GREEN)
    assert near(cut.getpixel((270, 240)), BLUE)
    assert near(cut.getpixel((300, 240)), YELLOW)


@pytest.mark.parametrize(
    ("size", "focus", "colours"),
    [
        ((800, 400), (0.0, 0.5), (RED, RED, BLUE, BLUE)),
        ((800, 400), (1.0, 0.2), (GREEN, GREEN, YELLOW, YELLOW)),
        ((400, 800), (0.5, 0.0), (RED, GREEN, RED, GREEN)),
        ((400, 800), (0.5, 0.95), (BLUE, YELLOW, BLUE, YELLOW)),
        ((800, 400), (None, None), (RED, GREEN, BLUE, YELLOW)),
    ],
)
def test_a_focal_point_near_an_edge_keeps_the_square_inside_the_image(size, focus, colours):
    cut = square(library_image(*size, *focus))

    corners = [(20, 20), (300, 20), (20, 300), (300, 300)]
    assert all(near(cut.getpixel(xy), colour) for xy, colour in zip(corners, colours, strict=True))


def test_a_small_image_is_never_scaled_up():
    cut = square(library_image(200, 100))

    assert cut.size == (100, 100)


def test_a_new_focal_point_makes_a_new_square_and_retires_the_old():
    image = library_image(800, 400, focal_x=0.0)
    image.refresh_from_db()
    old = crop_name(image.variants, "square", "webp")
    resized = image.variants["webp"]["480"]
    assert public_storage().exists(old)

    with committed():
        image.focal_x = 1.0
        image.save()

    cut = square(image)
    new = crop_name(image.variants, "square", "webp")
    assert new != old
    assert image.variants["focus"] == [1.0, 0.5]
    assert near(cut.getpixel((20, 20)), GREEN)
    assert public_storage().exists(new)
    assert not public_storage().exists(old)
    assert public_storage().exists(resized)
    assert image.thumbnail_url() == public_storage().url(new)


def test_other_edits_leave_the_variants_alone():
    image = library_image(800, 400)
    image.refresh_from_db()
    before = image.variants

    with committed():
        image.title = "Quarters"
        image.save()

    image.refresh_from_db()
    assert image.variants == before


def test_until_the_square_is_made_the_thumbnail_is_the_original():
    image = factories.ImageFactory()

    assert Image.objects.get(pk=image.pk).variants == {}
    assert image.thumbnail_url().endswith(image.file.name)
