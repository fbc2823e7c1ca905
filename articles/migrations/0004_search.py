import html
import re
import unicodedata

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.contrib.postgres.search import SearchVector
from django.db import migrations, models
from django.utils.html import strip_tags

# Frozen copies of what this migration needs from articles.search and vietnamese, as they were
# when it was written: a migration must not change when the application code does.
_WORD = re.compile(r"[^\W_]+")


def _fold(text):
    decomposed = unicodedata.normalize("NFD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d").replace("Đ", "D").lower()


def _document(text):
    found = _WORD.findall(_fold(text))
    return f" {' '.join(found)} " if found else ""


def _body_text(body_html):
    return html.unescape(strip_tags(body_html or "")).replace("\xa0", " ")


def _search_vector():
    return (
        SearchVector("search_title", weight="A", config="simple")
        + SearchVector("search_sapo", weight="B", config="simple")
        + SearchVector("search_body", weight="C", config="simple")
    )


SEARCH_INDEXES = [
    django.contrib.postgres.indexes.GinIndex(fields=["search_vector"], name="article_search_idx"),
    django.contrib.postgres.indexes.GinIndex(
        SearchVector("search_title", config="simple"), name="article_search_title_idx"
    ),
    django.contrib.postgres.indexes.GinIndex(
        SearchVector("search_title", "search_sapo", config="simple"), name="article_search_title_sapo_idx"
    ),
]


def add_search_indexes(apps, schema_editor):
    # GIN exists only on PostgreSQL; SQLite searches the folded columns without it.
    if schema_editor.connection.vendor != "postgresql":
        return
    Article = apps.get_model("articles", "Article")
    for index in SEARCH_INDEXES:
        schema_editor.add_index(Article, index)
    # Keep long texts (body, folded texts, tsvector) out of the main table but short ones (titles)
    # in it, so that a search visiting thousands of matching rows reads a small heap.
    table = schema_editor.quote_name(Article._meta.db_table)
    schema_editor.execute(f"ALTER TABLE {table} SET (toast_tuple_target = 512)")


def remove_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Article = apps.get_model("articles", "Article")
    for index in SEARCH_INDEXES:
        schema_editor.remove_index(Article, index)
    schema_editor.execute(f"ALTER TABLE {schema_editor.quote_name(Article._meta.db_table)} RESET (toast_tuple_target)")


def fill_search_fields(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    for article in Article.objects.only("title", "sapo", "body").iterator(chunk_size=500):
        Article.objects.filter(pk=article.pk).update(
            search_title=_document(article.title),
            search_sapo=_document(article.sapo),
            search_body=_document(_body_text(article.body)),
        )
    if schema_editor.connection.vendor == "postgresql":
        Article.objects.update(search_vector=_search_vector())


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0003_workflow"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_body",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="article",
            name="search_sapo",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="article",
            name="search_title",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddIndex(model_name="article", index=index) for index in SEARCH_INDEXES],
            database_operations=[migrations.RunPython(add_search_indexes, remove_search_indexes)],
        ),
        migrations.RunPython(fill_search_fields, migrations.RunPython.noop),
    ]
