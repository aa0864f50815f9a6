"""Create the Authors, Editors and Partner staff groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_MODELS = {
    "articles": ["article", "articlelink", "signature"],
    "cases": ["litigationcase", "proceeding", "casepartner", "caseevent", "casedocument", "forum"],
    "partners": ["partner", "membership"],
    "coalition": ["topic", "country"],
}
AUTHOR_PERMISSIONS = {
    "articles": ["add_article", "change_article", "view_article", "add_articlelink",
                 "change_articlelink", "delete_articlelink", "view_articlelink"],
    "cases": ["view_litigationcase", "view_forum"],
    "partners": ["view_partner"],
    "coalition": ["view_topic", "view_country"],
}  # fmt: skip


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    editors, _ = Group.objects.get_or_create(name="Editors")
    editor_permissions = Permission.objects.none()
    for app_label, models in EDITOR_MODELS.items():
        editor_permissions |= Permission.objects.filter(
            content_type__app_label=app_label, content_type__model__in=models
        )
    # Editors pick users when they add memberships and authors.
    editor_permissions |= Permission.objects.filter(
        content_type__app_label="auth", codename="view_user"
    )
    editors.permissions.set(editor_permissions)

    authors, _ = Group.objects.get_or_create(name="Authors")
    author_permissions = Permission.objects.none()
    for app_label, codenames in AUTHOR_PERMISSIONS.items():
        author_permissions |= Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
    authors.permissions.set(author_permissions)

    Group.objects.get_or_create(name="Partner staff")


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Editors", "Authors", "Partner staff"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_initial"),
        ("cases", "0001_initial"),
        ("partners", "0001_initial"),
        ("coalition", "0002_load_countries"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
