from django.core.management.base import BaseCommand

from coalition import search


class Command(BaseCommand):
    help = "Index every article, case and partner for site search again (safe to repeat)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--background",
            action="store_true",
            help="Leave the rebuild to the Celery worker instead of running it here.",
        )

    def handle(self, *args, background=False, **options):
        if background:
            from coalition.search.tasks import rebuild_index

            rebuild_index.delay()
            self.stdout.write(self.style.SUCCESS("Search index rebuild queued for the worker."))
            return
        search.rebuild(progress=self.show_progress)
        self.stdout.write(self.style.SUCCESS("Search index rebuilt."))

    def show_progress(self, source, done, total):
        """One line per kind, rewritten in place on a terminal and written ten times otherwise."""
        line = f"{source.model._meta.verbose_name_plural} {done}/{total}"
        finished = done == total
        if self.stdout.isatty():
            self.stdout.write(f"\r{line}", ending="\n" if finished else "")
        elif finished or done % max(total // 10, 1) == 0:
            self.stdout.write(line)
        self.stdout.flush()
