from django.contrib import admin
from django.db import models
from reversion.admin import VersionAdmin

from images.uploads import CheckedImageField

from .models import Author


@admin.register(Author)
class AuthorAdmin(VersionAdmin):
    list_display = ["name", "title", "user", "slug"]
    list_select_related = ["user"]
    search_fields = ["name", "title", "user__username", "user__email"]
    autocomplete_fields = ["user"]
    fields = ["name", "slug", "title", "user", "photo", "bio"]
    formfield_overrides = {models.ImageField: {"form_class": CheckedImageField}}
