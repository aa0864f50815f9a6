"""Topics and countries held by each process: no query for them, and never stale."""

import pytest
from django.core.cache import cache
from django.utils import translation

from coalition import vocabulary
from coalition.cases.models import LitigationCase
from tests import factories

pytestmark = pytest.mark.django_db


def cases_with_states():
    rows = vocabulary.with_ids(LitigationCase.objects.order_by("pk"), "respondent_states")
    return vocabulary.attach(rows, "respondent_states")


def test_attached_relations_answer_without_a_query_in_the_models_order(
    django_assert_num_queries,
):
    case = factories.LitigationCaseFactory(
        respondent_states=[factories.country("KZ"), factories.country("AM")]
    )
    empty = factories.LitigationCaseFactory()
    empty.respondent_states.clear()
    vocabulary.by_pk(type(factories.country("KZ")))  # read the table once

    with django_assert_num_queries(1):
        found = cases_with_states()
        states = {
            row.pk: [country.code for country in row.respondent_states.all()] for row in found
        }

    assert states == {case.pk: ["AM", "KZ"], empty.pk: []}


def test_a_renamed_country_shows_at_once(client):
    kazakhstan = factories.country("KZ")
    factories.LitigationCaseFactory(respondent_states=[kazakhstan])
    assert cases_with_states()[0].respondent_states.all()[0].name == "Kazakhstan"

    kazakhstan.name = "Republic of Kazakhstan"
    kazakhstan.save()

    assert cases_with_states()[0].respondent_states.all()[0].name == "Republic of Kazakhstan"


def test_a_new_topic_is_known_at_once():
    before = vocabulary.by_pk(type(factories.TopicFactory()))
    topic = factories.TopicFactory(name="Statelessness", slug="statelessness")

    assert topic.pk not in before
    assert vocabulary.by_pk(type(topic))[topic.pk].name == "Statelessness"


def test_another_process_reads_again_when_the_generation_changes():
    topic = factories.TopicFactory(name="Torture", slug="torture")
    assert vocabulary.by_pk(type(topic))[topic.pk].name == "Torture"
    # Another process renamed it: the row changed and so did the shared generation.
    type(topic).objects.filter(pk=topic.pk).update(name="Torture prevention")
    cache.set(vocabulary.GENERATION_KEY, "from another process")

    assert vocabulary.by_pk(type(topic))[topic.pk].name == "Torture prevention"


def test_a_lost_generation_makes_the_process_read_again():
    topic = factories.TopicFactory(name="Torture", slug="torture")
    vocabulary.by_pk(type(topic))
    type(topic).objects.filter(pk=topic.pk).update(name="Torture prevention")
    cache.delete(vocabulary.GENERATION_KEY)

    assert vocabulary.by_pk(type(topic))[topic.pk].name == "Torture prevention"


def test_attached_vocabulary_is_in_the_order_of_the_readers_names():
    case = factories.LitigationCaseFactory(
        respondent_states=[factories.country("GE"), factories.country("DE")]
    )

    english = [country.code for country in cases_with_states()[0].respondent_states.all()]
    with translation.override("ru"):
        russian = [country.code for country in cases_with_states()[0].respondent_states.all()]

    assert english == ["GE", "DE"]  # Georgia, Germany
    assert russian == ["DE", "GE"]  # Германия, Грузия
    assert case.respondent_states.count() == 2
