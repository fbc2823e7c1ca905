from django.contrib import admin
from reversion.admin import VersionAdmin

from .models import Author


@admin.register(Author)
class AuthorAdmin(VersionAdmin):
    list_display = ["name", "title", "user", "slug"]
    list_select_related = ["user"]
    search_fields = ["name", "title", "user__username", "user__email"]
    autocomplete_fields = ["user"]
    fields = ["name", "slug", "title", "user", "photo", "bio"]
