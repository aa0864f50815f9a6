import pytest

from coalition import revisions
from coalition.library.usage import uses
from tests import factories

pytestmark = pytest.mark.django_db


def test_uses_are_found_in_every_registered_markdown_text():
    image = factories.ImageFactory()
    article = factories.ArticleFactory(body=f"Text\n\n![A cell](image:{image.pk})\n")
    partner = factories.PartnerFactory(description="No image here.")
    partner.set_translations("ru", {"description": f'![Камера](image:{image.pk} "Подпись")'})
    partner.save()
    case = factories.LitigationCaseFactory(strategic_aim=f"See ![](image:{image.pk}).")

    found = {(use.obj, tuple(str(name) for name in use.where)) for use in uses(image)}

    assert found == {
        (article, ("body",)),
        (partner, ("description",)),
        (case, ("strategic aim",)),
    }


def test_a_longer_id_that_starts_alike_is_not_a_use():
    image = factories.ImageFactory()
    factories.ArticleFactory(body=f"![A cell](image:{image.pk}0) and [x](document:{image.pk})")

    assert uses(image) == []


def test_document_uses_are_found_and_link_to_their_admin_page():
    document = factories.DocumentFactory()
    article = factories.ArticleFactory(body=f"Read [the report](document:{document.pk}).")

    [use] = uses(document)

    assert use.obj == article
    assert use.admin_url == f"/admin/articles/article/{article.pk}/change/"
    assert str(use) == f"Article “{article}” (body)"


def test_a_use_waiting_in_unpublished_changes_counts(editor):
    image = factories.ImageFactory()
    article = factories.ArticleFactory(body="Live text.")
    data = {**revisions.current_data(article), "body": f"New ![](image:{image.pk})"}
    revisions.save_revision(article, editor, pending=True, data=data)

    [use] = uses(image)

    assert use.obj == article
    assert [str(name) for name in use.where] == ["body, in changes not yet published"]
