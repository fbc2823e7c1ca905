from django.core.management import call_command
from django.db import migrations

# settings.CACHES["counters"]: comment rate limits, kept apart from the page cache so that no
# eviction or culling of pages can reset them.
TABLE = "comments_rate_counters"


def create_table(apps, schema_editor):
    call_command("createcachetable", TABLE, database=schema_editor.connection.alias, verbosity=0)


def drop_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("comments", "0004_comment_search_document")]

    operations = [migrations.RunPython(create_table, drop_table)]
