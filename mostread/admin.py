from django.contrib import admin

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
