from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = "Biên tập viên"


def grant_editors(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure featured's exist now.
    app_config = apps.get_app_config("featured")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editor, _ = Group.objects.get_or_create(name=EDITOR)
    editor.permissions.add(*Permission.objects.filter(content_type__app_label="featured"))


class Migration(migrations.Migration):
    dependencies = [
        ("featured", "0002_default_lists"),
        ("articles", "0002_groups_and_cache_table"),
    ]

    operations = [migrations.RunPython(grant_editors, migrations.RunPython.noop)]
