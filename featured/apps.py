from django.apps import AppConfig


class FeaturedConfig(AppConfig):
    name = "featured"
    verbose_name = "Tin nổi bật"

    def ready(self):
        from . import caching

        caching.connect()
