import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from tests import factories

HIDDEN_STATES = [
    "draft",
    "in_review",
    "changes_requested",
    "approved",
    "scheduled",
    "expired",
    "unpublished",
]


def hidden_article_fields(state):
    """Model fields of an article in `state` that the public must not see."""
    now = timezone.now()
    if state == "scheduled":
        return {"status": "published", "publish_at": now + datetime.timedelta(days=1)}
    if state == "expired":
        return {
            "status": "published",
            "publish_at": now - datetime.timedelta(days=2),
            "unpublish_at": now - datetime.timedelta(hours=1),
        }
    return {"status": state, "publish_at": None}


@pytest.fixture(params=HIDDEN_STATES)
def hidden_article(request, db):
    """An article the public must not see, once for each way of being hidden."""
    return factories.ArticleFactory(
        title=f"Hidden {request.param} article",
        slug=f"hidden-{request.param.replace('_', '-')}",
        **hidden_article_fields(request.param),
    )


@pytest.fixture
def hidden_articles(db):
    """One article in each hidden state."""
    return [
        factories.ArticleFactory(
            title=f"Hidden {state} article",
            slug=f"hidden-{state.replace('_', '-')}",
            **hidden_article_fields(state),
        )
        for state in HIDDEN_STATES
    ]


@pytest.fixture
def torture(db):
    return factories.TopicFactory(name="Torture", slug="torture")


@pytest.fixture
def fair_trial(db):
    return factories.TopicFactory(name="Fair trial", slug="fair-trial")


@pytest.fixture
def campaign(db):
    """A live article calling on readers to add their voice."""
    return factories.ArticleFactory(
        title="Torture in Kazakhstan: Eradicated by 2013?",
        slug="torture-in-kazakhstan",
        kind="commentary",
        cta_enabled=True,
        cta_prompt="Call on Kazakhstan to investigate every complaint of torture.",
    )


@pytest.fixture
def hero_png():
    """A real 64 x 48 PNG, so that Pillow can read its width and height."""
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "navy").save(buffer, format="PNG")
    return SimpleUploadedFile("hero.png", buffer.getvalue(), content_type="image/png")
