import pytest

from coalition.markdown import render_markdown


def test_renders_markdown_to_html():
    html = render_markdown("## Facts\n\nThe applicant was **beaten**.\n\n> A quote")
    assert "<h2>Facts</h2>" in html
    assert "<strong>beaten</strong>" in html
    assert "<blockquote>" in html


@pytest.mark.parametrize(
    ("source", "forbidden"),
    [
        ("<script>alert(1)</script>", "<script"),
        ('<img src="x.png" onerror="alert(1)">', "onerror"),
        ("[click](javascript:alert(1))", "javascript:"),
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ('<iframe src="https://example.org"></iframe>', "<iframe"),
        ('<p style="color:red">x</p>', "style="),
    ],
)
def test_unsafe_markup_never_reaches_html(source, forbidden):
    assert forbidden not in render_markdown(source)


def test_keeps_images_with_alt_text_and_tables():
    html = render_markdown("![A court building](https://example.org/c.jpg)\n\n|a|b|\n|-|-|\n|1|2|")
    assert 'alt="A court building"' in html
    assert "<table>" in html


def test_empty_source_gives_empty_html():
    assert render_markdown("") == ""
