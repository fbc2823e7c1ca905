import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

from articles import search

SEARCH_INDEX = django.contrib.postgres.indexes.GinIndex(fields=["search_vector"], name="article_search_idx")


def add_search_index(apps, schema_editor):
    # GIN exists only on PostgreSQL; SQLite searches the folded columns without it.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("articles", "Article"), SEARCH_INDEX)


def remove_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("articles", "Article"), SEARCH_INDEX)


def fill_search_fields(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    for article in Article.objects.only("title", "sapo", "body").iterator(chunk_size=500):
        Article.objects.filter(pk=article.pk).update(
            search_title=search.document(article.title),
            search_sapo=search.document(article.sapo),
            search_body=search.document(search.body_text(article.body)),
        )
    if schema_editor.connection.vendor == "postgresql":
        Article.objects.update(search_vector=search.search_vector())


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0002_groups_and_cache_table"),
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
            state_operations=[migrations.AddIndex(model_name="article", index=SEARCH_INDEX)],
            database_operations=[migrations.RunPython(add_search_index, remove_search_index)],
        ),
        migrations.RunPython(fill_search_fields, migrations.RunPython.noop),
    ]
