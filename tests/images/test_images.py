import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase
from PIL import Image

from coalition.images import variants as image_variants
from coalition.library.models import Image as LibraryImage
from coalition.storage import private_storage, public_storage
from tests import factories

pytestmark = pytest.mark.django_db


def committed():
    """Variants are made by a task once the save commits: run it at the end of the block."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def hero_article(width, height, **fields):
    """A live article whose hero image is a library image of that size."""
    with committed():
        image = factories.ImageFactory(
            file=factories.image_upload("photo.png", size=(width, height)),
            alt="A prison corridor",
        )
        return factories.ArticleFactory(hero=image, **fields)


def variants_of(article):
    return LibraryImage.objects.get(pk=article.hero_id).variants


def stored_size_and_format(name):
    with private_storage().open(name) as file, Image.open(file) as picture:
        return picture.size, picture.format


def test_hero_variants_are_made_in_three_widths_as_webp_and_jpeg():
    article = hero_article(2000, 1000)

    variants = variants_of(article)

    assert variants["source"] == article.hero.file.name
    assert sorted(variants) == ["crops", "focus", "jpeg", "public", "source", "webp"]
    for extension, pillow_format in [("webp", "WEBP"), ("jpeg", "JPEG")]:
        assert sorted(variants[extension], key=int) == ["480", "960", "1600"]
        for width in (480, 960, 1600):
            name = variants[extension][str(width)]
            assert name.startswith("variants/library/images/")
            assert name.endswith(f"-{width}.{extension}")
            assert stored_size_and_format(name) == ((width, width // 2), pillow_format)
    # A library image: the original and every variant have a public copy.
    names = [article.hero.file.name, *variants["webp"].values(), *variants["jpeg"].values()]
    names += variants["crops"].values()
    assert sorted(variants["public"]) == sorted(names)
    assert all(public_storage().exists(name) for name in names)


def test_no_variant_is_scaled_up():
    article = hero_article(1200, 600)

    variants = variants_of(article)

    assert sorted(variants["jpeg"], key=int) == ["480", "960", "1200"]
    assert stored_size_and_format(variants["jpeg"]["1200"]) == ((1200, 600), "JPEG")


def test_a_small_image_gets_only_its_own_width():
    article = hero_article(64, 48)

    variants = variants_of(article)

    assert variants["webp"] == {"64": variants["webp"]["64"]}
    assert stored_size_and_format(variants["webp"]["64"]) == ((64, 48), "WEBP")


def test_variants_are_not_made_again_when_the_original_is_unchanged(monkeypatch):
    image = hero_article(800, 400).hero
    image.refresh_from_db()
    made = []
    monkeypatch.setattr(image_variants, "make_variants", lambda *args: made.append(args) or {})

    image.title = "A new title"
    with committed():
        image.save()

    assert made == []
    image.refresh_from_db()
    assert image.variants["jpeg"]


def test_a_new_original_replaces_the_variants_and_their_files():
    image = hero_article(800, 400).hero
    image.refresh_from_db()
    old_files = list(image.variants["jpeg"].values())

    image.file = factories.image_upload("another.png", size=(1000, 500))
    with committed():
        image.save()

    image.refresh_from_db()
    assert image.variants["source"] == image.file.name
    assert sorted(image.variants["jpeg"], key=int) == ["480", "960", "1000"]
    assert not any(private_storage().exists(name) for name in old_files)
    assert not any(public_storage().exists(name) for name in old_files)


def test_an_article_leaving_its_hero_leaves_the_library_image_and_its_files():
    article = hero_article(800, 400)
    image = LibraryImage.objects.get(pk=article.hero_id)
    files = [image.file.name, *image.variants["webp"].values()]

    article.hero = None
    with committed():
        article.save()

    image.refresh_from_db()
    assert image.variants["webp"]
    assert all(public_storage().exists(name) for name in files)


def test_transparency_of_a_logo_survives_in_webp():
    with committed():
        logo = factories.ImageFactory(
            file=factories.image_upload(
                "logo.png", size=(640, 320), colour=(0, 0, 0, 0), mode="RGBA"
            )
        )
        factories.PartnerFactory(logo=logo)

    variants = LibraryImage.objects.get(pk=logo.pk).variants

    assert sorted(variants["webp"], key=int) == ["480", "640"]
    with private_storage().open(variants["webp"]["480"]) as file, Image.open(file) as picture:
        assert picture.mode == "RGBA"
    with private_storage().open(variants["jpeg"]["480"]) as file, Image.open(file) as picture:
        assert picture.getpixel((0, 0)) == (255, 255, 255)


def test_article_page_serves_the_variants_in_srcset(client):
    article = hero_article(2000, 1000)
    variants = variants_of(article)
    webp, jpeg = variants["webp"], variants["jpeg"]

    html = client.get(article.get_absolute_url()).content.decode()

    webp_srcset = ", ".join(f"/media/{webp[width]} {width}w" for width in ("480", "960", "1600"))
    jpeg_srcset = ", ".join(f"/media/{jpeg[width]} {width}w" for width in ("480", "960", "1600"))
    assert f'<source type="image/webp" srcset="{webp_srcset}"' in html
    assert f'srcset="{jpeg_srcset}"' in html
    assert 'width="2000" height="1000" alt="A prison corridor"' in html
    # Above the fold: fetched at once.
    assert 'loading="eager" fetchpriority="high" decoding="async"' in html


def test_partner_list_lazy_loads_logos_at_their_display_size(client):
    with committed():
        logo = factories.ImageFactory(
            file=factories.image_upload("logo.png", size=(640, 320)), alt="Bureau logo"
        )
        factories.PartnerFactory(name="Bureau", logo=logo)
    logo.refresh_from_db()

    html = client.get("/partners/").content.decode()

    assert f"/media/{logo.variants['webp']['480']} 480w" in html
    assert 'width="160" height="80" alt="Bureau logo" loading="lazy" decoding="async"' in html


def test_a_broken_image_file_does_not_break_the_page(client, caplog):
    with committed():
        image = factories.ImageFactory(
            file=SimpleUploadedFile("hero.png", b"not an image", content_type="image/png"),
            alt="Nothing to see",
        )
        article = factories.ArticleFactory(hero=image)
    image.refresh_from_db()

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    name = image.file.name
    assert image.variants == {"source": name, "public": [name]}
    assert f'<img src="/media/{name}" alt="Nothing to see"' in response.content.decode()
    assert "Cannot make variants" in caplog.text


def test_variants_of_another_original_are_not_used(client):
    article = hero_article(800, 400)
    LibraryImage.objects.filter(pk=article.hero_id).update(
        variants={"source": "library/images/old.png", "jpeg": {"480": "variants/old.jpeg"}}
    )

    html = client.get(article.get_absolute_url()).content.decode()

    assert "variants/old.jpeg" not in html
    # Neither has this original a public copy on record: the checked view serves it.
    view = f"/images/image-file/{article.hero_id}/{article.hero.file.name}"
    assert f'src="{view}"' in html


def test_command_makes_missing_variants_and_remakes_all_when_forced(monkeypatch):
    article = hero_article(800, 400)
    with committed():
        logo = factories.ImageFactory(file=factories.image_upload("logo.png", size=(300, 100)))
    LibraryImage.objects.filter(pk=article.hero_id).update(variants={})
    output = io.StringIO()

    call_command("make_image_variants", stdout=output)

    assert sorted(variants_of(article)["jpeg"], key=int) == ["480", "800"]
    assert "library.Image.file: 2 image(s) with variants" in output.getvalue()

    made = []
    real_make_variants = image_variants.make_variants
    monkeypatch.setattr(
        image_variants,
        "make_variants",
        lambda *args, **kwargs: made.append(args) or real_make_variants(*args, **kwargs),
    )
    call_command("make_image_variants", stdout=io.StringIO())
    assert made == []
    call_command("make_image_variants", "--force", stdout=io.StringIO())
    assert len(made) == 2
    logo.refresh_from_db()
    assert sorted(logo.variants["jpeg"], key=int) == ["300"]
