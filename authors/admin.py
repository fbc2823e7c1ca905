from django.contrib import admin

from .models import Author


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "user", "slug"]
    list_select_related = ["user"]
    search_fields = ["name", "title", "user__username", "user__email"]
    autocomplete_fields = ["user"]
    fields = ["name", "slug", "title", "user", "photo", "bio"]
