from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from coalition import pagecache, revisions
        from coalition.images import moved_images
        from coalition.library.images import viewers as library_viewers
        from coalition.library.usage import register_markdown
        from coalition.models import Revision

        from . import images, releases, signatures, translations, workflow

        Article = self.get_model("Article")
        # Publishing makes public the library items the article shows: its hero image and
        # those its text uses (a partner's uploads).
        post_save.connect(releases.article_saved, sender=Article)
        post_save.connect(releases.step_recorded, sender=self.get_model("ArticleTransition"))
        # A shared preview shows its reader the article's hero image while that is private.
        if images.previewed not in library_viewers:
            library_viewers.append(images.previewed)
        # Addresses pages gave hero images before the library had them still lead there.
        moved_images("article-hero-image", "library.Image", "file")
        # Articles go live and down by the clock: cached pages must not outlive that moment.
        pagecache.register_schedule(Article.objects.next_scheduled_change)
        # Only counted signatures show: an unconfirmed one changes no page.
        Signature = self.get_model("Signature")
        post_save.connect(signatures.count_changed, sender=Signature)
        post_delete.connect(signatures.count_changed, sender=Signature)
        register_markdown(Article, ["body"])
        # A translation's source changed when a revision records other text to translate.
        post_save.connect(translations.revision_saved, sender=Revision)
        revisions.register(
            Article,
            fields=[
                "title",
                "slug",
                "language",
                "translation_of",
                "kind",
                "standfirst",
                "body",
                "hero",
                "byline",
                "author",
                "cta_enabled",
                "cta_prompt",
                "seo_description",
                "publish_at",
                "unpublish_at",
                "is_featured",
            ],
            many=["topics", "countries", "partners", "cases"],
            children={"links": revisions.Children(fields=("label", "url", "order"), key="label")},
            not_revisioned={
                # Which organisation's staff may read and edit the story: access, not content,
                # so a restore must never hand it to another organisation. The portal offers
                # it only while the story is not live, when a save writes the row itself.
                "source_partner": "decides who may see the story, so a restore never changes it",
            },
            # Edits to a live article wait as a draft until the workflow publishes them.
            drafts=revisions.Drafts(
                live="live",
                flag="has_unpublished_changes",
                changes=workflow.working_copy_changes,
            ),
        )
