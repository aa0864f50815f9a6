import pytest
from django.core.files.base import ContentFile

from tests import factories


@pytest.fixture
def ecthr(db):
    return factories.ForumFactory(
        name="European Court of Human Rights", short_name="ECtHR", slug="ecthr"
    )


@pytest.fixture
def un_committee(db):
    return factories.ForumFactory(
        name="UN Committee against Torture",
        short_name="CAT",
        slug="cat",
        kind="un_treaty_body",
    )


@pytest.fixture
def secret_document(public_case):
    """A document only the case's partners may see, with bytes no public page may serve."""
    return factories.CaseDocumentFactory(
        case=public_case,
        title="Confidential witness statement",
        file=ContentFile(b"WITNESS-NAME-AND-ADDRESS", name="witness.pdf"),
        visibility="partners",
    )
