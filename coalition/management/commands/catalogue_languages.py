from django.core.management.base import BaseCommand

from coalition.languages import catalogue_languages


class Command(BaseCommand):
    help = "Print the codes of the configured languages that need a catalogue (`make messages`)."

    def handle(self, *args, **options):
        self.stdout.write(" ".join(catalogue_languages()))
