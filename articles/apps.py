from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Bài viết"

    def ready(self):
        from . import caching

        caching.connect()
