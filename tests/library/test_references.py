import pytest

from coalition.library.references import REFERENCE, escape, references, unescape
from tests import factories


def test_image_and_document_references_are_found():
    text = (
        'Intro ![A cell](image:42 "The cell, 2019") and\n'
        "see [the report](document:7), ![](image:3) and [x](https://example.org/image:9)."
    )

    assert references(text) == {("image", 42), ("document", 7), ("image", 3)}


@pytest.mark.parametrize(
    "text",
    [
        "image:42 on its own",
        "[label](documents:7)",
        "![alt](image:)",
        "![alt](image:abc)",
        "![alt](http://example.org/image:4)",
        "",
        None,
    ],
)
def test_what_is_not_a_reference(text):
    assert references(text) == set()


def test_escaped_brackets_and_quotes_stay_in_one_reference():
    match = REFERENCE.search(r'![a \[b\] c](image:5 "say \"no\"")')

    assert match["id"] == "5"
    assert unescape(match["text"]) == "a [b] c"
    assert unescape(match["title"]) == 'say "no"'


def test_escape_makes_any_text_fit_a_reference():
    text = escape('He said "no" [twice]\nthen \\ left')
    match = REFERENCE.search(f'![{text}](image:1 "{text}")')

    assert unescape(match["text"]) == 'He said "no" [twice] then \\ left'
    assert unescape(match["title"]) == unescape(match["text"])


@pytest.mark.django_db
def test_an_item_gives_the_reference_that_shows_it():
    image = factories.ImageFactory(alt="A [crowded] court")
    decorative = factories.ImageFactory(alt="", decorative=True)
    document = factories.DocumentFactory(title="Annual report 2024")

    assert image.reference == rf"![A \[crowded\] court](image:{image.pk})"
    assert decorative.reference == f"![](image:{decorative.pk})"
    assert document.reference == f"[Annual report 2024](document:{document.pk})"
    assert references(image.reference + document.reference) == {
        ("image", image.pk),
        ("document", document.pk),
    }
