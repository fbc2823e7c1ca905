from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_groups_and_cache_table"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    # The newsroom groups' permissions are granted in roles/migrations/0001_roles.py.
    operations = []
