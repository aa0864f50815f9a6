"""A run of the checker over published content, and the check_links command."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles import workflow
from coalition.links import checker, inventory
from coalition.links.models import LinkCheck, LinkUse
from coalition.links.probe import Outcome
from tests import factories
from tests.conftest import HIDDEN_STATES, hidden_article_fields

pytestmark = pytest.mark.django_db


def article_linking(*urls, learn_more=(), **fields):
    body = " ".join(f"[link {n}]({url})" for n, url in enumerate(urls))
    article = factories.ArticleFactory(body=body or "No links.", **fields)
    for url in learn_more:
        factories.ArticleLinkFactory(article=article, url=url)
    return article


def test_links_of_published_bodies_and_learn_more_are_found(settings):
    settings.SITE_URL = "https://coalition.example.org"
    article = article_linking(
        "https://un.org/report#page=2",
        "https://coalition.example.org/articles/other/",
        "/articles/relative/",
        "mailto:press@example.org",
        learn_more=["https://ohchr.org/treaty", "https://coalition.example.org/cases/1/x/"],
    )
    found = inventory.published_links()
    assert dict(found) == {
        "https://un.org/report": {("article", article.pk)},
        "https://ohchr.org/treaty": {("article", article.pk)},
    }


def test_links_of_public_cases_and_active_partners_are_found(settings):
    case = factories.LitigationCaseFactory(
        facts="See [the judgment](https://hudoc.echr.coe.int/eng?i=001-1).",
        strategic_aim="As [the Committee said](https://ohchr.org/views).",
    )
    factories.LitigationCaseFactory(
        is_public=False, facts="[secret](https://example.org/private-case)"
    )
    case.translations = {"ru": {"facts": "[Решение](https://hudoc.echr.coe.int/rus?i=001-1)"}}
    case.save()
    partner = factories.PartnerFactory(
        description="Our [annual report](https://bureau.example/report).",
        website="https://bureau.example/",
    )
    partner.translations = {"kk": {"description": "[Есеп](https://bureau.example/kk/report)"}}
    partner.save()
    factories.PartnerFactory(
        is_active=False, description="[gone](https://example.org/inactive)", website=""
    )
    assert dict(inventory.published_links()) == {
        "https://hudoc.echr.coe.int/eng?i=001-1": {("case", case.pk)},
        "https://ohchr.org/views": {("case", case.pk)},
        "https://hudoc.echr.coe.int/rus?i=001-1": {("case", case.pk)},
        "https://bureau.example/report": {("partner", partner.pk)},
        "https://bureau.example/kk/report": {("partner", partner.pk)},
        "https://bureau.example/": {("partner", partner.pk)},
    }
    inventory.sync(inventory.published_links())
    assert {str(use.owner) for use in LinkUse.objects.all()} == {case.title, partner.name}


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_unpublished_articles_links_are_never_checked(link_server, state):
    article_linking(
        link_server.url("/status/404"),
        learn_more=[link_server.url("/status/500")],
        **hidden_article_fields(state),
    )
    summary = checker.check_links()
    assert summary.checked == 0
    assert link_server.requests == []
    assert not LinkCheck.objects.exists()


def test_a_run_records_status_final_url_and_dates(link_server):
    article = article_linking(
        link_server.url("/status/200"),
        link_server.url("/redirect/2"),
        learn_more=[link_server.url("/status/404")],
    )
    summary = checker.check_links()
    assert summary.checked == 3
    fine = LinkCheck.objects.get(url=link_server.url("/status/200"))
    assert (fine.status, fine.status_code, fine.broken_since) == ("ok", 200, None)
    assert fine.last_ok_at == fine.last_checked_at
    moved = LinkCheck.objects.get(url=link_server.url("/redirect/2"))
    assert moved.final_url == link_server.url("/status/200")
    assert moved.status == "ok"
    dead = LinkCheck.objects.get(url=link_server.url("/status/404"))
    assert (dead.status, dead.status_code, dead.last_ok_at) == ("broken", 404, None)
    assert dead.broken_since == dead.last_checked_at
    assert summary.newly_broken == [dead]
    assert set(LinkUse.objects.values_list("article", flat=True)) == {article.pk}


def test_broken_since_is_the_first_failure_after_the_last_success(time_machine):
    link = LinkCheck.objects.create(url="https://example.org/page")
    monday = datetime.datetime(2026, 11, 2, 3, tzinfo=datetime.UTC)
    link.record(Outcome(link.url, status_code=200), monday)
    link.record(Outcome(link.url, status_code=500), monday + datetime.timedelta(days=7))
    link.record(Outcome(link.url, error="timeout"), monday + datetime.timedelta(days=14))
    link.refresh_from_db()
    assert link.broken_since == monday + datetime.timedelta(days=7)
    assert link.last_ok_at == monday
    assert link.get_status_display_full() == "no answer in time"
    link.record(Outcome(link.url, status_code=200), monday + datetime.timedelta(days=21))
    assert link.broken_since is None


def test_a_link_that_works_again_loses_its_keep_mark(editor):
    link = LinkCheck.objects.create(url="https://example.org/", status="broken", keep=True)
    link.kept_by = editor
    link.record(Outcome(link.url, status_code=200), datetime.datetime.now(datetime.UTC))
    assert (link.keep, link.kept_by, link.kept_at) == (False, None, None)


def test_links_no_longer_published_are_forgotten(link_server):
    article = article_linking(link_server.url("/status/200"))
    checker.check_links()
    assert LinkCheck.objects.count() == 1
    article.body = "Rewritten without links."
    article.save()
    summary = checker.check_links()
    assert summary.removed == 1
    assert not LinkCheck.objects.exists()
    assert not LinkUse.objects.exists()


def test_one_failing_url_never_stops_the_run(link_server, monkeypatch):
    article_linking(link_server.url("/status/200"), link_server.url("/boom"))
    probe = checker.prober()
    real_check = probe.check

    def check(url):
        if url.endswith("/boom"):
            raise RuntimeError("a bug meets a strange site")
        return real_check(url)

    monkeypatch.setattr(probe, "check", check)
    summary = checker.check_links(probe=probe)
    assert summary.checked == 2
    assert LinkCheck.objects.get(url=link_server.url("/boom")).error == "unknown"
    assert LinkCheck.objects.get(url=link_server.url("/status/200")).status == "ok"


def test_the_run_keeps_to_n_requests_per_host_per_minute(link_server, settings, clock):
    settings.LINK_CHECK_PER_HOST_PER_MINUTE = 2
    article_linking(*(link_server.url(f"/status/200?n={n}") for n in range(5)))
    sent_at = []
    summary = checker.check_links(
        probe=checker.prober(clock=clock, sleep=clock.sleep),
        on_checked=lambda link: sent_at.append(clock.now),
    )
    assert summary.checked == 5
    assert len(link_server.requests) == 5
    assert clock.slept == [60, 60]
    assert all(later - earlier >= 60 for earlier, later in zip(sent_at, sent_at[2:], strict=False))


def test_hosts_take_turns_so_nobody_waits_needlessly(link_server, settings, clock):
    settings.LINK_CHECK_PER_HOST_PER_MINUTE = 2
    port = link_server.server_address[1]
    article_linking(
        *(link_server.url(f"/status/200?n={n}") for n in range(2)),
        *(f"http://localhost:{port}/status/200?n={n}" for n in range(2)),
    )
    checker.check_links(probe=checker.prober(clock=clock, sleep=clock.sleep))
    assert len(link_server.requests) == 4
    assert clock.slept == []


def test_command_prints_a_summary(link_server):
    article_linking(link_server.url("/status/200"), link_server.url("/status/404"))
    out = StringIO()
    call_command("check_links", stdout=out)
    text = out.getvalue()
    assert f"404  {link_server.url('/status/404')}" in text
    assert "Checked 2 links; 1 newly broken; 0 no longer used and forgotten." in text
    assert "Broken links to look at: 1." in text


def test_command_dry_run_sends_nothing(link_server):
    article_linking(link_server.url("/status/404"))
    out = StringIO()
    call_command("check_links", "--dry-run", stdout=out)
    assert link_server.url("/status/404") in out.getvalue()
    assert "1 links would be checked." in out.getvalue()
    assert link_server.requests == []
    assert not LinkCheck.objects.exists()


def test_command_checks_one_url(link_server):
    out = StringIO()
    call_command("check_links", "--url", link_server.url("/redirect/1"), stdout=out)
    assert out.getvalue().strip() == (
        f"200  {link_server.url('/redirect/1')} -> {link_server.url('/status/200')}"
    )


def test_command_checks_one_articles_links(link_server):
    mine = article_linking(link_server.url("/status/404"))
    article_linking(link_server.url("/status/200"))
    out = StringIO()
    call_command("check_links", "--article", str(mine.pk), stdout=out)
    assert [path for _, path, _ in link_server.requests] == ["/status/404"]
    assert "Checked 1 links" in out.getvalue()


def test_command_refuses_an_unpublished_article(draft_article):
    with pytest.raises(CommandError, match="published"):
        call_command("check_links", "--article", str(draft_article.pk))


def test_the_task_checks_every_link(link_server):
    from coalition.links.tasks import check_links

    article_linking(link_server.url("/status/404"))
    check_links.delay()
    assert LinkCheck.objects.get().status == "broken"


def test_the_weekly_schedule_runs_the_task(settings):
    from celery.schedules import crontab

    entry = settings.CELERY_BEAT_SCHEDULE["check-links-weekly"]
    assert entry["task"] == "links.check_links"
    assert isinstance(entry["schedule"], crontab)
    assert entry["schedule"].day_of_week == {0}


def test_an_articles_rows_follow_it_between_runs(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = article_linking("https://example.org/a", learn_more=["https://example.org/b"])
    assert set(LinkCheck.objects.values_list("url", flat=True)) == {
        "https://example.org/a",
        "https://example.org/b",
    }
    assert LinkCheck.objects.get(url="https://example.org/a").status == "unchecked"

    with django_capture_on_commit_callbacks(execute=True):
        article.links.get().delete()
    assert list(LinkCheck.objects.values_list("url", flat=True)) == ["https://example.org/a"]

    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish(article, factories.UserFactory(groups=["Editors"]))
    assert not LinkUse.objects.exists()
    assert not LinkCheck.objects.exists()


def test_two_runs_never_overlap(link_server):
    article_linking(link_server.url("/status/200"))
    with checker.one_run_at_a_time():
        with pytest.raises(checker.RunInProgress):
            checker.check_links()
        with pytest.raises(CommandError, match="Another link check is running"):
            call_command("check_links", stdout=StringIO())
        from coalition.links.tasks import check_links

        check_links.delay()
    assert link_server.requests == []
    # The lock is released after a run, even one that failed.
    assert checker.check_links().checked == 1
