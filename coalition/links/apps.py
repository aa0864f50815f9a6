from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class LinksConfig(AppConfig):
    """Links that stay alive: the external links of published content, checked weekly."""

    name = "coalition.links"
    label = "links"
    verbose_name = _("Links")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from . import signals

        # Between weekly runs the report follows what is published now: a link edited out or
        # an object withdrawn leaves it at once, a new link waits for the next check.
        Article = apps.get_model("articles", "Article")
        ArticleLink = apps.get_model("articles", "ArticleLink")
        post_save.connect(signals.article_saved, sender=Article, dispatch_uid="links:article")
        for signal in (post_save, post_delete):
            signal.connect(signals.link_changed, sender=ArticleLink, dispatch_uid="links:link")
            for name in ("LitigationCase", "CaseDocument", "CaseEvent"):
                signal.connect(
                    signals.case_changed,
                    sender=apps.get_model("cases", name),
                    dispatch_uid=f"links:{name}",
                )
            signal.connect(
                signals.partner_changed,
                sender=apps.get_model("partners", "Partner"),
                dispatch_uid="links:partner",
            )
