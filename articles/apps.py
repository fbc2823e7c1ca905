from django.apps import AppConfig
from django.templatetags.static import static
from django.utils.html import format_html

# What a screen reader says for the admin's yes/no/unknown icons: Django writes "True", "False", "None".
BOOLEAN_ALT = {True: "Có", False: "Không", None: "Không rõ"}


def boolean_icon(value):
    icon = {True: "yes", False: "no", None: "unknown"}[value]
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{icon}.svg"), BOOLEAN_ALT[value])


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Bài viết"

    def ready(self):
        from . import caching

        caching.connect()

        # The admin's lists and read-only fields draw booleans through this one function,
        # which they import from admin_list when they call it.
        from django.contrib.admin.templatetags import admin_list

        admin_list._boolean_icon = boolean_icon
