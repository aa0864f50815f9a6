"""Editors keep the library; authors upload to it and use it, but never delete from it."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = [
    f"{action}_{model}"
    for model in ("image", "document", "tag")
    for action in ("add", "change", "delete", "view")
]
AUTHORS = [
    *(f"{action}_{model}" for model in ("image", "document") for action in ("add", "change", "view")),
    "add_tag",
    "view_tag",
]


def permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="library", codename__in=codenames)


def grant(apps, schema_editor):
    app_config = apps.get_app_config("library")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, codenames in (("Editors", EDITORS), ("Authors", AUTHORS)):
        for group in Group.objects.filter(name=name):
            group.permissions.add(*permissions(apps, codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, codenames in (("Editors", EDITORS), ("Authors", AUTHORS)):
        for group in Group.objects.filter(name=name):
            group.permissions.remove(*permissions(apps, codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_groups"),
        ("library", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
