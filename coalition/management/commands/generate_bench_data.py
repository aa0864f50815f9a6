import time

from django.core.management.base import BaseCommand

from coalition.demo.bulk import BenchDataBuilder, Sizes


class Command(BaseCommand):
    help = (
        "Add a large generated coalition for benchmarks (articles, cases, partners, "
        "signatures, all with slugs starting 'bench-'). Tops up to the sizes asked; "
        "running it again with the same sizes does nothing."
    )

    def add_arguments(self, parser):
        defaults = Sizes()
        for name in ("articles", "cases", "partners", "signatures"):
            parser.add_argument(
                f"--{name}",
                type=int,
                default=getattr(defaults, name),
                help=f"how many generated {name} to have (default {getattr(defaults, name)})",
            )

    def handle(self, *args, **options):
        sizes = Sizes(
            articles=options["articles"],
            cases=options["cases"],
            partners=options["partners"],
            signatures=options["signatures"],
        )
        start = time.monotonic()
        made = BenchDataBuilder(sizes, report=self.stdout.write).build()
        elapsed = time.monotonic() - start
        if not any(made.values()):
            self.stdout.write(self.style.SUCCESS("Bench data already there: nothing to add."))
            return
        added = ", ".join(f"{count} {name}" for name, count in made.items())
        self.stdout.write(self.style.SUCCESS(f"Bench data added in {elapsed:.0f} s: {added}."))
