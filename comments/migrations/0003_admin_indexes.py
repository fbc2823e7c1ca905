from django.db import migrations, models

# The admin's search compares UPPER(column::text) LIKE '%…%' (HOST() for the IP): trigram indexes of
# exactly these expressions let a search of 1,000,000 comments read only the rows that match.
# PostgreSQL only (pg_trgm); SQLite searches without them. Raw SQL: Django renders an operator
# class inside an index expression only with django.contrib.postgres installed.
SEARCHED = {
    "comment_name_trgm_idx": 'UPPER("name"::text)',
    "comment_email_trgm_idx": 'UPPER("email"::text)',
    "comment_body_trgm_idx": 'UPPER("body"::text)',
    "comment_ip_trgm_idx": 'UPPER(HOST("ip_address"))',
}


def add_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, expression in SEARCHED.items():
        schema_editor.execute(f'CREATE INDEX "{name}" ON "comments_comment" USING gin (({expression}) gin_trgm_ops)')


def remove_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in SEARCHED:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):

    dependencies = [
        ("comments", "0002_group_permissions"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(
                models.Case(
                    models.When(status="pending", then=models.Value(0)),
                    default=models.Value(1), output_field=models.IntegerField(),
                ),
                models.OrderBy(models.F("created_at"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                name="comment_pending_first_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(fields=["created_at"], name="comment_created_idx"),
        ),
        migrations.RunPython(add_search_indexes, remove_search_indexes),
    ]
