from django.contrib.auth.management import create_permissions
from django.db import migrations

# A frozen copy of roles/newsroom.py as it was when this migration was written: never edit it;
# a change of roles is a new migration. (group, app label, codenames; None: all of the app's.)
GRANTS = [
    ("Biên tập viên", "articles", None),
    ("Biên tập viên", "authors", None),
    ("Biên tập viên", "featured", None),
    ("Biên tập viên", "comments", "can_moderate view_comment change_comment add_comment view_blockedword "
                                  "add_blockedword change_blockedword delete_blockedword"),
    ("Biên tập viên", "corrections", "add_correction change_correction delete_correction view_correction"),
    ("Biên tập viên", "printissues", "add_printissue change_printissue delete_printissue view_printissue "
                                     "add_tocentry change_tocentry delete_tocentry view_tocentry"),
    ("Biên tập viên", "mostread", "view_readcount"),
    ("Biên tập viên", "redirects", "view_redirect add_redirect change_redirect delete_redirect"),
    ("Biên tập viên", "axes", "view_accessattempt delete_accessattempt view_accesslog view_accessfailurelog"),
    ("Phóng viên", "articles", "add_article change_article view_article view_section add_tag view_tag "
                               "add_articleauthor change_articleauthor delete_articleauthor view_articleauthor "
                               "add_taggedarticle change_taggedarticle delete_taggedarticle view_taggedarticle"),
    ("Phóng viên", "authors", "view_author"),
    ("Phóng viên", "comments", "view_comment"),
    ("Phóng viên", "corrections", "view_correction"),
    ("Phóng viên", "printissues", "view_printissue view_tocentry"),
    ("Phóng viên", "mostread", "view_readcount"),
]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, app_label, codenames in GRANTS:
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(content_type__app_label=app_label)
        if codenames is not None:
            permissions = permissions.filter(codename__in=codenames.split())
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    # Every model whose permissions a group gets; the groups of installs made before this
    # migration already hold them (granted by the apps' own migrations then): adding is idempotent.
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("articles", "0003_workflow"),
        ("authors", "0001_initial"),
        ("featured", "0001_initial"),
        ("comments", "0001_initial"),
        ("corrections", "0001_initial"),
        ("printissues", "0001_initial"),
        ("mostread", "0001_initial"),
        ("redirects", "0001_initial"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
