from django.apps import AppConfig


class RedirectsConfig(AppConfig):
    name = "redirects"
    verbose_name = "Chuyển hướng"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import Redirect, announce_change

        post_save.connect(announce_change, sender=Redirect, dispatch_uid="redirects:changed")
        post_delete.connect(announce_change, sender=Redirect, dispatch_uid="redirects:changed")
