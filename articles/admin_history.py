"""History and compare in the article admin: who reads an article's versions, restores and
recovers, and the comparison of two versions."""

import reversion
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from reversion.models import Version

from . import workflow
from .diff import compare_versions
from .models import Article


class ArticleHistoryMixin:
    """ArticleAdmin: history, restore, recover, compare; deleting keeps a last version."""

    object_history_template = "admin/articles/article/object_history.html"
    history_latest_first = True

    def delete_model(self, request, obj):
        self._keep_before_delete(request, [obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        self._keep_before_delete(request, queryset)
        super().delete_queryset(request, queryset)

    def _keep_before_delete(self, request, articles):
        for article in articles:
            with reversion.create_revision():
                reversion.add_to_revision(article)
                reversion.set_user(request.user)
                reversion.set_comment("Xóa bài")

    def has_history_permission(self, request, article):
        """Old versions hold text removed before publication and the editors' notes: only
        editors and the article's own authors read them, whatever its status."""
        user = request.user
        return self.has_view_or_change_permission(request, article) and (
            workflow.is_editor(user) or workflow.is_own(user, article)
        )

    def _get_article_for_history(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None or not self.has_history_permission(request, article):
            raise PermissionDenied
        return article

    def revision_view(self, request, object_id, version_id, extra_context=None):
        if not self.has_publish_permission(request):
            raise PermissionDenied
        response = super().revision_view(request, object_id, version_id, extra_context)
        if request.method == "POST" and response.status_code == 302:
            self._name_restore(request, object_id, version_id)
        return response

    def _name_restore(self, request, object_id, version_id):
        version = get_object_or_404(Version, pk=version_id)
        message = f"Khôi phục phiên bản lúc {workflow.local_time(version.revision.date_created)}"
        newest = Version.objects.get_for_object_reference(Article, unquote(object_id)).first()
        if newest:
            newest.revision.comment = message
            newest.revision.save(update_fields=["comment"])
        workflow.record(get_object_or_404(Article, pk=unquote(object_id)), request.user, message)

    def recoverlist_view(self, request, extra_context=None):
        if not self.has_delete_permission(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not self.has_delete_permission(request):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        article = self._get_article_for_history(request, object_id)
        versions = list(
            Version.objects.get_for_object(article).select_related("revision", "revision__user").order_by("-pk")
        )
        context = {
            "versions": versions,
            "can_restore": self.has_publish_permission(request),
            "compare_url": reverse("admin:articles_article_compare", args=[article.pk]),
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, context)

    def compare_view(self, request, object_id):
        article = self._get_article_for_history(request, object_id)
        try:
            pair = [int(request.GET.get(key, "")) for key in ("a", "b")]
        except ValueError:
            pair = []
        found = {v.pk: v for v in Version.objects.filter(pk__in=pair).select_related("revision", "revision__user")}
        own = set(Version.objects.get_for_object(article).filter(pk__in=pair).values_list("pk", flat=True))
        if set(found) - own:
            raise PermissionDenied  # a version of another article, asked for by hand
        if len(pair) != 2 or set(pair) - own:
            self.message_user(request, "Hãy chọn hai phiên bản của bài này để so sánh.", messages.WARNING)
            return redirect("admin:articles_article_history", article.pk)
        older, newer = found[pair[0]], found[pair[1]]
        if older.pk > newer.pk:
            older, newer = newer, older
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": article,
            "title": f"So sánh hai phiên bản: {article}",
            "older": older,
            "newer": newer,
            "changes": compare_versions(older, newer),
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def get_urls(self):
        compare = path(
            "<path:object_id>/history/so-sanh/",
            self.admin_site.admin_view(self.compare_view),
            name="articles_article_compare",
        )
        return [compare, *super().get_urls()]
