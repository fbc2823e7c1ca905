from django.contrib.auth.management import create_permissions
from django.db import migrations

JOURNALIST = "Phóng viên"
EDITOR = "Biên tập viên"

# Editors moderate, reply and keep the blocklist; nobody but superusers deletes comments.
EDITOR_PERMISSIONS = [
    "can_moderate", "view_comment", "change_comment", "add_comment",
    "view_blockedword", "add_blockedword", "change_blockedword", "delete_blockedword",
]
# Journalists read the comments on their own articles (the admin limits which).
JOURNALIST_PERMISSIONS = ["view_comment"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ((EDITOR, EDITOR_PERMISSIONS), (JOURNALIST, JOURNALIST_PERMISSIONS)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="comments", codename__in=codenames))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=[EDITOR, JOURNALIST]):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="comments"))


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("articles", "0002_groups_and_cache_table"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
