from django.conf import settings
from django.core.management.base import BaseCommand

from articles.models import Article
from coalition.demo.accounts import demo_logins
from coalition.demo.loader import load_demo_content


class Command(BaseCommand):
    help = (
        "Load the demo coalition: topics, partners, forums, cases and articles. "
        "With DEBUG on, also the demo logins. Safe to run again."
    )

    def handle(self, *args, **options):
        loader = load_demo_content(create_accounts=settings.DEBUG)
        live = Article.objects.published().filter(
            pk__in=[article.pk for article in loader.articles.values()]
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {len(loader.topics)} topics, "
                f"{len(loader.partners)} partners, {len(loader.forums)} forums, "
                f"{len(loader.cases)} cases, {len(loader.articles)} articles "
                f"({live.count()} published)."
            )
        )
        if not loader.users:
            self.stdout.write(
                "Demo accounts skipped: DEBUG is off, so no demo logins were created."
            )
            return
        self.stdout.write(f"Demo logins, all with the password {settings.DEMO_PASSWORD!r}:")
        logins = demo_logins(settings.SITE_URL)
        width = max(len(purpose) for _, purpose, _ in logins)
        for username, purpose, url in logins:
            self.stdout.write(f"  {username:<8} {purpose:<{width}}  {url}")
