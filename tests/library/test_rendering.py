"""Library references rendered: images as figures with srcset, documents as links with their
type and size; missing items show nothing publicly and a warning in a preview."""

import re
from html.parser import HTMLParser

import pytest
from django.core.files.base import ContentFile
from django.test import TestCase

from articles.readiness import publish_warnings
from coalition.library.models import DocumentKind, Licence
from coalition.markdown import render, render_markdown
from tests import factories

pytestmark = pytest.mark.django_db


def committed():
    return TestCase.captureOnCommitCallbacks(execute=True)


def elements(markup):
    """[(tag, {attribute: value})] of every start tag in `markup`, as a browser reads it."""
    found = []

    class Reader(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, dict(attrs)))

    Reader().feed(markup)
    return found


@pytest.fixture
def image():
    """A library image whose variants and public copies are made."""
    with committed():
        return factories.ImageFactory(
            file=factories.image_upload("protest.png", size=(1200, 800)),
            alt="People holding placards outside a courthouse",
            caption="Outside the Almaty city court",
            credit="Photo: Coalition",
        )


@pytest.fixture
def report():
    with committed():
        return factories.DocumentFactory(
            title="Annual report",
            file=ContentFile(b"%PDF-1.4 " + b"x" * 2_202_000, name="annual.pdf"),
        )


def test_an_image_alone_in_its_paragraph_becomes_a_figure_with_srcset(image):
    image.refresh_from_db()
    rendered = render_markdown(f"Before.\n\n![](image:{image.pk})\n\nAfter.")

    assert "<p><figure" not in rendered
    figure = re.search(r"<figure class=\"md-figure\">.*?</figure>", rendered, re.DOTALL)[0]
    assert '<source type="image/webp" srcset="' in figure
    assert re.search(r'srcset="[^"]+ 480w, [^"]+ 960w, [^"]+ 1200w"', figure)
    assert 'sizes="(min-width: 44rem) 42rem, 100vw"' in figure
    assert 'width="1200" height="800"' in figure
    assert 'alt="People holding placards outside a courthouse"' in figure
    assert 'loading="lazy" decoding="async"' in figure
    assert (
        "<figcaption>Outside the Almaty city court "
        '<small class="md-figure__credit">Photo: Coalition</small></figcaption>'
    ) in figure
    # Public copies: anyone may fetch them, the private view is not involved.
    assert "/media/variants/library/images/" in figure
    assert rendered.startswith("<p>Before.</p>")
    assert rendered.endswith("<p>After.</p>")


def test_the_references_alt_and_caption_win_over_the_images_own(image):
    rendered = render_markdown(f'![Crowd at the court](image:{image.pk} "On 3 May")')

    assert 'alt="Crowd at the court"' in rendered
    assert "<figcaption>On 3 May " in rendered


def test_an_open_licence_is_credited_with_the_photographer(image):
    image.licence = Licence.CC_BY
    image.save()

    rendered = render_markdown(f"![](image:{image.pk})")

    assert '<small class="md-figure__credit">Photo: Coalition · CC BY 4.0</small>' in rendered


def test_the_alt_text_is_in_the_texts_language(image):
    image.set_translations("ru", {"alt": "Люди с плакатами у здания суда", "caption": "У суда"})
    image.save()
    source = f"![](image:{image.pk})"

    assert 'alt="Люди с плакатами у здания суда"' in render_markdown(source, language="ru")
    assert "<figcaption>У суда " in render_markdown(source, language="ru")
    # Kazakh has no translation yet: the source text, not nothing.
    assert 'alt="People holding placards' in render_markdown(source, language="kk")
    assert 'alt="People holding placards' in render_markdown(source)


def test_an_articles_body_is_rendered_in_its_language(image):
    image.set_translations("ru", {"alt": "Люди с плакатами"})
    image.save()

    article = factories.ArticleFactory(language="ru", body=f"![](image:{image.pk})")

    assert 'alt="Люди с плакатами"' in article.body_html


def test_a_translated_partner_description_is_rendered_in_its_language(image):
    image.set_translations("ru", {"alt": "Люди с плакатами"})
    image.save()
    partner = factories.PartnerFactory(description=f"![](image:{image.pk})")
    partner.set_translations("ru", {"description": f"Русский.\n\n![](image:{image.pk})"})
    partner.save()

    assert 'alt="People holding placards' in partner.description_html
    assert 'alt="Люди с плакатами"' in partner.translations["ru"]["description_html"]


def test_a_decorative_image_has_an_empty_alt(image):
    image.decorative = True
    image.alt = ""
    image.save()

    assert 'alt=""' in render_markdown(f"![](image:{image.pk})")


def test_an_image_in_a_sentence_or_a_link_is_a_picture_without_figure(image):
    inline = render_markdown(f"A ![](image:{image.pk}) in a sentence.")
    linked = render_markdown(f"[![](image:{image.pk})](https://example.org/)")

    for rendered in (inline, linked):
        assert "<figure" not in rendered
        assert "<picture><source" in rendered
    assert re.search(r'<a href="https://example.org/"[^>]*><picture>', linked)


def test_a_document_becomes_a_link_with_its_type_and_size(report):
    report.refresh_from_db()
    rendered = render_markdown(f"Read [our findings](document:{report.pk}).")

    assert rendered == (
        f'<p>Read <a href="{report.url}">our findings</a> '
        '<span class="md-document">(PDF, 2.1\xa0MB)</span>.</p>'
    )
    assert "/media/library/documents/" in report.url


def test_a_documents_kind_comes_first_in_what_readers_are_told(report):
    report.kind = DocumentKind.REPORT
    report.save()

    english = render_markdown(f"[Findings](document:{report.pk})")
    russian = render_markdown(f"[Выводы](document:{report.pk})", language="ru")

    assert '<span class="md-document">(Report, PDF, 2.1\xa0MB)</span>' in english
    assert "(Доклад, Английский, PDF, 2,1\xa0МБ)" in russian


def test_a_documents_label_defaults_to_its_title(report):
    assert '">Annual report</a>' in render_markdown(f"[](document:{report.pk})")


def test_a_document_in_another_language_says_so(report):
    rendered = render_markdown(f"[Доклад](document:{report.pk})", language="ru")

    assert 'hreflang="en"' in rendered
    assert "(Английский, PDF, 2,1\xa0МБ)" in rendered


def test_a_missing_image_renders_as_nothing_publicly():
    rendered = render_markdown("Before.\n\n![Gone](image:999999)\n\nAfter.")

    assert re.fullmatch(r"<p>Before.</p>\s*<p>After.</p>", rendered)


def test_a_link_to_a_missing_document_keeps_its_words_publicly():
    rendered = render_markdown("Before.\n\n[The *judgment*](document:999999)\n\nAfter.")

    assert re.fullmatch(r"<p>Before.</p>\s*<p>The <em>judgment</em></p>\s*<p>After.</p>", rendered)
    assert "999999" not in rendered


def test_a_missing_item_is_a_warning_in_a_preview():
    rendering = render("![](image:999999)\n\nSee [it](document:999998).", preview=True)
    public = render("![](image:999999)\n\nSee [it](document:999998).")

    assert public.html.strip() == "<p>See it.</p>"

    assert '<p class="md-missing" role="note">Image 999999 is not in the library.</p>' in (
        rendering.html
    )
    assert (
        '<span class="md-missing" role="note">Document 999998 is not in the library.</span>'
        in rendering.html
    )
    assert rendering.warnings == (
        "Image 999999 is not in the library.",
        "Document 999998 is not in the library.",
    )


@pytest.mark.parametrize(
    "source",
    [
        '![" onerror="alert(1)](image:{image})',
        '![x](image:{image} "<script>alert(1)</script>")',
        '![x](image:{image} "\\" onload=\\"alert(1)")',
        "[<img src=x onerror=alert(1)>](document:{document})",
        '[" onmouseover="alert(1)](document:{document})',
    ],
)
def test_author_text_in_a_reference_cannot_inject_markup(image, report, source):
    rendered = render_markdown(source.format(image=image.pk, document=report.pk))

    found = elements(rendered)
    assert {tag for tag, _attributes in found} <= {
        "p", "figure", "picture", "source", "img", "figcaption", "small", "a", "span"
    }  # fmt: skip
    for tag, attributes in found:
        assert not [name for name in attributes if name.startswith("on")], (tag, attributes)
        if tag == "img":
            assert attributes["src"].startswith("/media/")


def test_the_items_stored_text_is_escaped_too(image, report):
    image.alt = '"><script>alert(1)</script>'
    image.caption = "<b>bold</b>"
    image.credit = '" onclick="x'
    image.save()
    report.title = "<em>report</em>"
    report.save()

    rendered = render_markdown(f"![](image:{image.pk})\n\n[](document:{report.pk})")

    assert {tag for tag, _attributes in elements(rendered)} == {
        "p", "figure", "picture", "source", "img", "figcaption", "small", "a", "span"
    }  # fmt: skip
    assert 'alt="&quot;&gt;&lt;script&gt;' in rendered
    assert "&lt;b&gt;bold&lt;/b&gt;" in rendered
    assert "&lt;em&gt;report&lt;/em&gt;" in rendered
    assert not [
        name for _tag, attributes in elements(rendered) for name in attributes if name == "onclick"
    ]


def test_references_in_code_stay_code(image):
    rendered = render_markdown(f"`![](image:{image.pk})`\n\n    [x](document:1)")

    assert "<figure" not in rendered
    assert f"<code>![](image:{image.pk})</code>" in rendered


def test_many_references_cost_one_query_per_kind(django_assert_num_queries):
    with committed():
        images = [factories.ImageFactory() for _ in range(5)]
        documents = [factories.DocumentFactory() for _ in range(5)]
    source = "\n\n".join(
        [f"![](image:{item.pk})" for item in images]
        + [f"[](document:{item.pk})" for item in documents]
    )

    with django_assert_num_queries(2):
        rendered = render_markdown(source)

    assert rendered.count("<figure") == 5
    assert rendered.count('class="md-document"') == 5


def test_text_without_references_costs_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        render_markdown("Just **words**, and [a link](https://example.org).")


def test_the_editors_preview_reports_missing_items(client, editor, image):
    client.force_login(editor)
    url = "/admin/articles/article/markdown-preview/"

    response = client.post(
        url, {"text": f"![](image:{image.pk})\n\n![](image:999999)", "language": "en"}
    )

    assert response.status_code == 200
    answer = response.json()
    assert answer["warnings"] == ["Image 999999 is not in the library."]
    assert '<p class="md-missing" role="note">' in answer["html"]
    assert '<figure class="md-figure">' in answer["html"]


def test_the_preview_refuses_an_unknown_language(client, editor):
    client.force_login(editor)

    response = client.post("/admin/articles/article/markdown-preview/", {"language": "xx"})

    assert response.status_code == 400
    assert "xx" in response.json()["error"]


def test_publish_warnings_count_library_images_by_their_own_alt_text(image):
    undescribed = factories.ImageFactory(alt="")
    decorative = factories.ImageFactory(alt="", decorative=True)
    body = (
        f"![](image:{image.pk})\n\n![](image:{undescribed.pk})\n\n"
        f"![Given here](image:{undescribed.pk})\n\n![](image:{decorative.pk})\n\n![](/media/a.jpg)"
    )
    data = {"body": body, "standfirst": "Short.", "seo_description": "About it."}

    assert publish_warnings(data) == ["2 images in the body have no alt text."]
    image.set_translations("ru", {"caption": "Подпись", "alt": "Люди у суда"})
    image.save()
    assert publish_warnings({**data, "language": "ru"}) == [
        "2 images in the body have no alt text."
    ]


def test_an_articles_editor_previews_in_the_articles_language(client, editor, image):
    image.set_translations("ru", {"alt": "Люди с плакатами"})
    image.save()
    article = factories.ArticleFactory(language="ru", body=f"![](image:{image.pk})")
    client.force_login(editor)

    content = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()

    assert re.search(r'<textarea[^>]* lang="ru"[^>]*id="id_body"', content)
    assert 'alt="Люди с плакатами"' in content
