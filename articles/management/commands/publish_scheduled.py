from django.core.management.base import BaseCommand

from articles import workflow


class Command(BaseCommand):
    help = (
        "Record scheduled articles that went live and unpublish those whose time is up, "
        "with their emails and cache purges. `celery beat` runs the same every minute; "
        "safe to run by hand at any time."
    )

    def handle(self, *args, **options):
        went_live, taken_down = workflow.publish_due()
        for article in went_live:
            self.stdout.write(f"Published {article.pk} {article.slug} (scheduled)")
        for article in taken_down:
            self.stdout.write(f"Unpublished {article.pk} {article.slug} (unpublish date passed)")
        self.stdout.write(
            self.style.SUCCESS(f"{len(went_live)} published, {len(taken_down)} unpublished.")
        )
