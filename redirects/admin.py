from django.contrib import admin

from .models import Redirect


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    list_display = ["old_path", "target_link", "source", "updated_at"]
    list_select_related = ["article", "section", "tag"]
    list_filter = ["source"]
    search_fields = ["old_path", "article__title"]
    autocomplete_fields = ["article", "section", "tag"]
    fields = ["old_path", "article", "section", "tag", "source"]
    readonly_fields = ["source"]
    show_full_result_count = False

    @admin.display(description="chuyển tới")
    def target_link(self, redirect):
        target = redirect.target()
        return f"{target} ({target.get_absolute_url()})" if target else "—"
