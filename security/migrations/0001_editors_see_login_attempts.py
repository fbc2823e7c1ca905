from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = "Biên tập viên"
# Editors read the login records and may delete an attempt record, which unlocks the account.
EDITOR_PERMISSIONS = ["view_accessattempt", "delete_accessattempt", "view_accesslog", "view_accessfailurelog"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure axes' exist now.
    axes = apps.get_app_config("axes")
    axes.models_module = True
    create_permissions(axes, apps=apps, verbosity=0)
    axes.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editor, _ = Group.objects.get_or_create(name=EDITOR)
    editor.permissions.add(
        *Permission.objects.filter(content_type__app_label="axes", codename__in=EDITOR_PERMISSIONS)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for editor in Group.objects.filter(name=EDITOR):
        editor.permissions.remove(
            *Permission.objects.filter(content_type__app_label="axes", codename__in=EDITOR_PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_groups_and_cache_table"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
