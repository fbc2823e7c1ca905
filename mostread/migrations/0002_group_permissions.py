from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR, JOURNALIST = "Biên tập viên", "Phóng viên"
GRANTS = {
    EDITOR: ["view_readcount"],
    JOURNALIST: ["view_readcount"],
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure this app's exist now.
    app_config = apps.get_app_config("mostread")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="mostread", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("mostread", "0001_initial"),
        ("articles", "0003_workflow"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
