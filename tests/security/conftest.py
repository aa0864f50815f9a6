"""People and articles the attacks use: two authors and an editor's live article."""

import pytest
from django.urls import reverse

from tests import factories


@pytest.fixture
def other_author(db):
    return factories.UserFactory(username="other-author", is_staff=True, groups=["Authors"])


@pytest.fixture
def own_draft(author):
    return factories.ArticleFactory(
        title="My own draft", slug="my-own-draft", author=author, status="draft", publish_at=None
    )


@pytest.fixture
def others_draft(other_author):
    return factories.ArticleFactory(
        title="Someone else's secret draft",
        slug="someone-elses-draft",
        author=other_author,
        status="draft",
        publish_at=None,
    )


@pytest.fixture
def editors_live_article(editor):
    article = factories.ArticleFactory(
        title="The editors' campaign", slug="editors-campaign", author=editor
    )
    factories.ArticleLinkFactory(
        article=article, label="The real report", url="https://un.example/report", order=1
    )
    return article


# The portal's two organisations, their staff, cases, documents and stories.
from tests.portal.conftest import (  # noqa: E402, F401
    editors_document,
    our_admin,
    our_case,
    our_member,
    our_story,
    shared_document,
    their_admin,
    their_case,
    their_document,
    their_member,
    their_story,
)


@pytest.fixture
def our_pages(request, partner):
    """Every portal page of one of `partner`'s objects."""
    case, document, story = (
        request.getfixturevalue(name) for name in ("our_case", "shared_document", "our_story")
    )
    return {
        "partner": reverse("portal:partner", args=[partner.slug]),
        "partner-edit": reverse("portal:partner-edit", args=[partner.slug]),
        "story": reverse("portal:story", args=[story.pk]),
        "story-edit": reverse("portal:story-edit", args=[story.pk]),
        "case": reverse("portal:case", args=[case.pk]),
        "document": reverse("portal:document", args=[case.pk, document.pk]),
    }


# Payloads a writer might try; `assert_inert` checks none of them reaches a page as markup.
SCRIPT = '<script>alert("xss")</script>'
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(1)"
MARKDOWN = f"{SCRIPT}\n\n[click me]({JS_URL})\n\n<img src=x onerror=alert(2)>\n\n{ATTRIBUTE}"


def assert_inert(html):
    """None of the payloads above is live markup in `html`."""
    lowered = html.lower()
    assert '<script>alert("xss")' not in lowered
    assert "<img src=x onerror" not in lowered
    assert 'href="javascript:' not in lowered
    assert "href='javascript:" not in lowered
