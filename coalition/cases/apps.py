from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "coalition.cases"
    label = "cases"
    verbose_name = _("Litigation")

    def ready(self):
        from coalition import revisions
        from coalition.library.usage import register_markdown

        LitigationCase = self.get_model("LitigationCase")
        register_markdown(LitigationCase, ["facts", "strategic_aim"])
        revisions.register(
            LitigationCase,
            fields=[
                "title",
                "short_title",
                "slug",
                "summary",
                "facts",
                "strategic_aim",
                "rights_at_issue",
                "status",
                "implementation_status",
                "status_changed_on",
                "is_public",
                "translations",
            ],
            many=["respondent_states", "topics"],
            # Records of their own, saved as they are edited on the case page; restoring the
            # case must not delete and recreate them (events point at documents).
            unrevisioned=["proceedings", "case_partners", "events", "documents"],
        )
