from django.contrib import admin
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import F

import articles.admin  # noqa: F401 - registers the Article admin that the columns below join
from articles.admin_lists import vietnamese_number
from articles.models import Article

from .models import ReadCount


@admin.register(ReadCount)
class ReadCountAdmin(admin.ModelAdmin):
    """"Lượt đọc": every read article, sortable by 24 hours, 7 days and total. Read-only: the
    counts come from readers. The chart of the last 30 days heads the list."""

    list_display = ["article", "last_24h", "last_7d", "total"]
    list_select_related = ["article"]
    search_fields = ["article__title"]
    ordering = ["-last_24h", "-total"]
    show_full_result_count = False
    change_list_template = "admin/mostread/readcount/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# "Lượt đọc" in the article list. `articles` knows nothing of `mostread` (docs/design.md), so
# this app adds its three columns to the registered ArticleAdmin, at the end of list_display
# (the articles' own columns keep their numbers in sort links). The counts come in the list's
# query through the one-to-one `read_count` (one LEFT JOIN, no query per row); an article never
# read has no row and shows 0, and sorts as 0: last going down, first going up.


def read_column(field, description):
    ordering = F(f"read_count__{field}").asc(nulls_first=True)

    @admin.display(description=description, ordering=ordering)
    def column(article):
        try:
            return vietnamese_number(getattr(article.read_count, field))
        except ObjectDoesNotExist:
            return 0

    column.__name__ = f"reads_{field}"
    return column


READ_COLUMNS = [
    read_column("last_24h", "lượt đọc 24 giờ"),
    read_column("last_7d", "lượt đọc 7 ngày"),
    read_column("total", "tổng lượt đọc"),
]


def add_read_columns(model_admin):
    model_admin.list_display = [*model_admin.list_display, *READ_COLUMNS]
    model_admin.list_select_related = [*model_admin.list_select_related, "read_count"]


add_read_columns(admin.site.get_model_admin(Article))
