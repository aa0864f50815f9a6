import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def back_to_the_default_language():
    """A /ru/ request leaves Russian active in the test thread, and reverse() would follow it."""
    yield
    translation.deactivate()
