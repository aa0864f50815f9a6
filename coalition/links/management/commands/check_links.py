from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from articles.models import Article
from coalition.links import checker, inventory
from coalition.links.models import LinkCheck


class Command(BaseCommand):
    help = (
        "Check the external links of published content (articles' bodies and 'Learn more', "
        "public cases with their documents and events, active partners), as the weekly task "
        "does, and print a summary."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--url", action="append", default=[], help="Check only this URL (repeatable)."
        )
        parser.add_argument(
            "--article",
            type=int,
            action="append",
            default=[],
            help="Check only the links of this published article, by id (repeatable).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List the links that would be checked; send no request, store nothing.",
        )

    def handle(self, *args, url, article, dry_run, **options):
        self.verbosity = options["verbosity"]
        articles = article or None
        if articles and len(Article.objects.published().filter(pk__in=articles)) < len(
            set(articles)
        ):
            raise CommandError("Only published articles' links are checked: check --article.")
        if dry_run:
            return self.dry_run(url, articles)
        if url:
            return self.check_urls(url)
        try:
            summary = checker.check_links(articles=articles, on_checked=self.report)
        except checker.RunInProgress as error:
            raise CommandError("Another link check is running; try again once it ends.") from error
        self.stdout.write(
            f"Checked {summary.checked} links; {len(summary.newly_broken)} newly broken; "
            f"{summary.removed} no longer used and forgotten."
        )
        for result, count in sorted(summary.results.items()):
            self.stdout.write(f"  {result}: {count}")
        broken = LinkCheck.objects.needing_attention().count()
        self.stdout.write(f"Broken links to look at: {broken}.")

    def report(self, link):
        if self.verbosity >= 2 or link.status == LinkCheck.Status.BROKEN:
            self.stdout.write(f"{link.get_status_display_full()}  {link.url}")

    def dry_run(self, urls, articles):
        scope = inventory.Scope(articles=tuple(articles)) if articles else None
        found = inventory.published_links(scope=scope)
        shown = [u for u in found if u in urls] if urls else sorted(found)
        for found_url in shown:
            self.stdout.write(found_url)
        self.stdout.write(f"{len(shown)} links would be checked.")

    def check_urls(self, urls):
        probe = checker.prober()
        now = timezone.now()
        for url in urls:
            outcome = probe.check(url)
            row = LinkCheck.objects.filter(url=url).first()
            if row is not None:
                row.record(outcome, now)
            shown = outcome.error or outcome.status_code
            end = f" -> {outcome.final_url}" if outcome.final_url != url else ""
            self.stdout.write(f"{shown}  {url}{end}")
