from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("mostread", "0001_initial"),
        ("articles", "0003_workflow"),
    ]

    # The newsroom groups' permissions are granted in roles/migrations/0001_roles.py.
    operations = []
