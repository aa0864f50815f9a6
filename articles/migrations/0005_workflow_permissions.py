"""Give the groups the workflow permissions: editors review and publish, nobody else does."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_CODENAMES = ["publish_article", "review_article", "view_articletransition"]
AUTHOR_CODENAMES = ["view_articletransition"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in [("Editors", EDITOR_CODENAMES), ("Authors", AUTHOR_CODENAMES)]:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=["Editors", "Authors"]):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="articles", codename__in=EDITOR_CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_workflow_fields")]

    operations = [migrations.RunPython(grant, revoke)]
