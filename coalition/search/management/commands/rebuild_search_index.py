from django.core.management.base import BaseCommand

from coalition import search


class Command(BaseCommand):
    help = "Index every article, case and partner for site search again (safe to repeat)."

    def handle(self, *args, **options):
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
