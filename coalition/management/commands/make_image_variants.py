from django.core.management.base import BaseCommand

from coalition.images import registered


class Command(BaseCommand):
    help = (
        "Make the resized variants of every hero image and logo that lacks up-to-date ones, "
        "and the public copies of those of public objects."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Make the variants again even where they are up to date.",
        )

    def handle(self, *args, force=False, **options):
        for image_variants in registered:
            made = failed = 0
            for instance, variants in image_variants.rebuild_all(force=force):
                if set(variants) - {"source"}:
                    made += 1
                else:
                    failed += 1
                    self.stderr.write(f"Unreadable image: {instance} ({variants.get('source')})")
            self.stdout.write(
                f"{image_variants}: {made} image(s) with variants, {failed} unreadable."
            )
