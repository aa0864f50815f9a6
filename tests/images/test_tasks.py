"""Image tasks give up on a storage error after their last attempt, saying what to run."""

import logging

import pytest

from coalition import tasks
from coalition.images.variants import ImageVariants
from tests import factories

pytestmark = pytest.mark.django_db


def fail(*args, **kwargs):
    raise OSError("bucket unreachable")


@pytest.mark.parametrize(
    ("task", "method", "failed"),
    [
        (tasks.make_image_variants, "update", "Image variants of library.Image {pk} not made"),
        (tasks.publish_image, "publish", "Public copies of library.Image {pk} not updated"),
    ],
)
def test_a_storage_error_is_logged_with_what_to_run(monkeypatch, caplog, task, method, failed):
    image = factories.ImageFactory()
    monkeypatch.setattr(ImageVariants, method, fail)

    with caplog.at_level(logging.WARNING, logger="coalition.tasks"):
        result = task.apply(args=["library.Image", "file", image.pk])

    assert result.successful()
    assert result.result is None
    [record] = [r for r in caplog.records if r.name == "coalition.tasks"]
    assert record.levelno == logging.ERROR
    assert record.getMessage() == (
        f"{failed.format(pk=image.pk)} (attempt 1): bucket unreachable; "
        "run `manage.py make_image_variants`"
    )
