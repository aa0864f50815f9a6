"""Tokens in the shared cache read once per request, and again when this process replaces them."""

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started

from coalition import pagecache, request_memo, vocabulary

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_request():
    request_started.send(sender=None)
    yield
    request_finished.send(sender=None)


def test_a_value_is_read_once_per_request(in_request):
    reads = []

    def read():
        reads.append(1)
        return len(reads)

    assert request_memo.remembered("token", read) == 1
    assert request_memo.remembered("token", read) == 1

    request_finished.send(sender=None)
    request_started.send(sender=None)
    assert request_memo.remembered("token", read) == 2


def test_outside_a_request_every_use_reads_again():
    request_finished.send(sender=None)
    values = iter([1, 2])

    assert request_memo.remembered("token", lambda: next(values)) == 1
    assert request_memo.remembered("token", lambda: next(values)) == 2


def test_the_vocabulary_token_is_read_once_per_request(in_request):
    first = vocabulary.current_generation()
    # Another app server replaces it meanwhile: this request keeps what it read first.
    cache.set(vocabulary.GENERATION_KEY, "changed elsewhere", timeout=None)

    assert vocabulary.current_generation() == first
    request_finished.send(sender=None)
    assert vocabulary.current_generation() == "changed elsewhere"


def test_a_token_this_process_replaces_is_read_again_in_the_same_request(in_request):
    vocabulary_before = vocabulary.current_generation()
    pages_before = pagecache.generation()

    vocabulary.forget()
    pagecache.invalidate()

    assert vocabulary.current_generation() != vocabulary_before
    assert pagecache.generation() != pages_before
    assert pagecache.generation() == cache.get(pagecache.GENERATION_KEY)
