import pytest

from tests import factories


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
