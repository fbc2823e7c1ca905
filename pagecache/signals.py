"""Every content change bumps the page cache version, in every process at once."""

from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.db import connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from . import store


def content_changed(sender, using="default", **kwargs):
    # A new row that readers do not see yet (a draft, a comment waiting for moderation)
    # changes no page: reader comments must not empty the cache one by one.
    new = kwargs.get("comment") or (kwargs.get("instance") if kwargs.get("created") else None)
    if new is not None and getattr(new, "status", None) in settings.PAGE_CACHE_HIDDEN_STATUSES:
        return
    # Now, so that later reads in this transaction (and tests) see fresh pages; and again
    # after commit, so that no process keeps a page rendered from the data before it.
    store.invalidate()
    if connections[using].in_atomic_block:
        transaction.on_commit(store.invalidate, using=using)


def relation_changed(sender, instance, action, using="default", **kwargs):
    if action.startswith("post_") and (
        type(instance)._meta.label in settings.PAGE_CACHE_MODELS
        or sender._meta.label in settings.PAGE_CACHE_MODELS
    ):
        content_changed(sender, using=using)


def content_models():
    """The installed models of PAGE_CACHE_MODELS; apps not in this build are skipped."""
    for label in settings.PAGE_CACHE_MODELS:
        try:
            yield apps.get_model(label)
        except LookupError:
            continue


def app_signals(paths):
    """The signals named in PAGE_CACHE_SIGNALS; those of apps not installed are skipped."""
    for path in paths:
        module_path, _, name = path.rpartition(".")
        if any(module_path.startswith(f"{config.name}.") for config in apps.get_app_configs()):
            yield getattr(import_module(module_path), name)


def connect_content_models():
    for model in content_models():
        uid = f"pagecache:{model._meta.label}"
        post_save.connect(content_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(content_changed, sender=model, dispatch_uid=uid)
    m2m_changed.connect(relation_changed, dispatch_uid="pagecache:m2m")
    # Changes that bypass model signals, announced by the app that makes them (bulk moderation).
    for signal in app_signals(settings.PAGE_CACHE_SIGNALS):
        signal.connect(content_changed, dispatch_uid="pagecache:app-signal")
