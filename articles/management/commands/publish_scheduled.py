from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from articles import workflow


class Command(BaseCommand):
    help = (
        "Record scheduled articles that went live and unpublish those whose time is up, "
        "with their emails and cache purges. Safe to run every minute from cron."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        went_live = self.each_due(workflow.due_to_go_live, now, workflow.record_going_live)
        for article in went_live:
            self.stdout.write(f"Published {article.pk} {article.slug} (scheduled)")
        taken_down = self.each_due(workflow.due_to_unpublish, now, workflow.unpublish_expired)
        for article in taken_down:
            self.stdout.write(f"Unpublished {article.pk} {article.slug} (unpublish date passed)")
        self.stdout.write(
            self.style.SUCCESS(f"{len(went_live)} published, {len(taken_down)} unpublished.")
        )

    def each_due(self, due, now, perform):
        """Perform one step per due article, each in its own transaction under a row lock.

        The due condition is checked again under the lock, so that two runs at once (or a
        second run) never perform the same step twice.
        """
        done = []
        for pk in list(due(now).values_list("pk", flat=True)):
            with transaction.atomic():
                article = self.lock(due(now).filter(pk=pk)).first()
                if article is not None:
                    perform(article)
                    done.append(article)
        return done

    def lock(self, queryset):
        # Another run holding the row is already handling it: skip it rather than wait.
        if connection.features.has_select_for_update_skip_locked:
            return queryset.select_for_update(skip_locked=True)
        return queryset.select_for_update()
