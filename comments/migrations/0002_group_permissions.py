from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("articles", "0002_groups_and_cache_table"),
    ]

    # The newsroom groups' permissions are granted in roles/migrations/0001_roles.py.
    operations = []
