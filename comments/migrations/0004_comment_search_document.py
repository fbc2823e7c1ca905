from django.db import migrations

# The admin's comment search (comments/admin.py: SEARCH_DOCUMENT) looks for every word of a search
# in the searched columns as one text, UPPER(name || ' ' || email || ' ' || body || ' ' || ip) LIKE
# '%WORD%'. One trigram index of exactly that expression answers all the words in one scan; it
# replaces the four indexes of 0003 (one per column), which the search no longer uses.
# fastupdate off: an approved comment is a new row version in every index, and a bulk approve of
# 100 comments then writes its trigrams into the index at once (130–290 ms at 1,000,000 comments)
# instead of now and then paying for merging a 4 MB pending list (up to 5 s, measured).
# PostgreSQL only (pg_trgm); SQLite searches the columns without an index.
DOCUMENT = (
    """UPPER("name"::text || ' ' || "email"::text || ' ' || "body" || ' ' || COALESCE(HOST("ip_address"), ''))"""
)
PER_COLUMN = {
    "comment_name_trgm_idx": 'UPPER("name"::text)',
    "comment_email_trgm_idx": 'UPPER("email"::text)',
    "comment_body_trgm_idx": 'UPPER("body"::text)',
    "comment_ip_trgm_idx": 'UPPER(HOST("ip_address"))',
}


def add_document_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS "comment_search_trgm_idx" ON "comments_comment" USING gin (({DOCUMENT}) gin_trgm_ops)'
        " WITH (fastupdate = off)"
    )
    for name in PER_COLUMN:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


def restore_column_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, expression in PER_COLUMN.items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "comments_comment" USING gin (({expression}) gin_trgm_ops)'
        )
    schema_editor.execute('DROP INDEX IF EXISTS "comment_search_trgm_idx"')


class Migration(migrations.Migration):

    dependencies = [
        ("comments", "0003_admin_indexes"),
    ]

    operations = [
        migrations.RunPython(add_document_index, restore_column_indexes),
    ]
