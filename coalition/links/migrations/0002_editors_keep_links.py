"""Editors see the link checks and mark broken links "checked, keep"."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["view_linkcheck", "change_linkcheck"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("links")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="links", codename__in=CODENAMES
    )
    for editors in Group.objects.filter(name="Editors"):
        editors.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="links", codename__in=CODENAMES
    )
    for editors in Group.objects.filter(name="Editors"):
        editors.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_groups"),
        ("links", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
