"""The workflow in the article admin: the bulk actions, and the form's save that applies a
button (one save, one log row, one revision), then says what happened."""

import json
from typing import NamedTuple

import reversion
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from . import derived, workflow
from .admin_changelist import MineFilter
from .admin_form import DERIVED_FROM, WORKFLOW_BUTTONS
from .workflow import Status


class LoggedChange(NamedTuple):
    """What the log says of a save: the changed fields, and the workflow's message (or None)."""

    fields: object
    workflow: str | None


class ArticleWorkflowMixin:
    """ArticleAdmin: workflow actions and buttons."""

    actions = ["submit_selected", "publish_selected", "unpublish_selected", "archive_selected"]

    def _apply(self, request, queryset, function, done):
        count, refused = 0, []
        for article in queryset:
            try:
                function(article, request.user)
                count += 1
            except (workflow.WorkflowError, PermissionDenied) as error:
                refused.append(f"“{article}”: {error}")
        if count:
            self.message_user(request, f"{done} {count} bài.", messages.SUCCESS)
        if refused:
            self.message_user(request, "Bỏ qua " + "; ".join(refused), messages.WARNING)

    @admin.action(description="Gửi duyệt các bài đã chọn")
    def submit_selected(self, request, queryset):
        self._apply(request, queryset, workflow.submit, "Đã gửi duyệt")

    @admin.action(description="Xuất bản ngay các bài đã chọn", permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._apply(request, queryset, workflow.publish, "Đã xuất bản")

    @admin.action(description="Gỡ các bài đã chọn (về nháp)", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._apply(request, queryset, workflow.unpublish, "Đã gỡ")

    @admin.action(description="Lưu trữ các bài đã chọn", permissions=["publish"])
    def archive_selected(self, request, queryset):
        self._apply(request, queryset, workflow.archive, "Đã lưu trữ")

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        old_status = form.initial.get("status") if change else None
        if obj.status not in workflow.statuses_for(request.user):
            raise PermissionDenied  # the form refuses it already; never save it anyway
        if obj.status == Status.REVIEW and old_status != Status.REVIEW:
            obj.submitted_at = timezone.now()
        # A button's transition is made before the one save: one save, one log row, one revision.
        form.apply_workflow(obj, old_status)
        if not change or set(form.changed_data) & DERIVED_FROM:
            derived.save(obj)
        else:  # a status change: one save, nothing derived; the body as stored, its markup included
            obj.body = form.initial.get("body", obj.body)
            super().save_model(request, obj, form, change)

    def construct_change_message(self, request, form, formsets, add=False):
        fields = super().construct_change_message(request, form, formsets, add)
        return LoggedChange(fields, getattr(form, "workflow_message", None))

    def _log(self, log, request, obj, change):
        """One log row: the workflow's message when the save changed the status; the revision
        comment adds the changed fields."""
        message, workflow_message = change if isinstance(change, LoggedChange) else (change, None)
        if not workflow_message:
            return log(request, obj, message)
        entry = log(request, obj, workflow_message)
        if reversion.is_active():
            fields = message if isinstance(message, str) else json.dumps(message) if message else ""
            details = LogEntry(change_message=fields).get_change_message() if fields else ""
            reversion.set_comment(f"{workflow_message}. {details}" if details else workflow_message)
        return entry

    def _after_workflow_step(self, request, article):
        # Reached only after a valid form's save: a pressed button's transition was made.
        action = next((a for button, a in WORKFLOW_BUTTONS.items() if button in request.POST), None)
        if action == "submit":
            self.message_user(request, format_html("Đã gửi duyệt «{}».", article.title), messages.SUCCESS)
            changelist = reverse("admin:articles_article_changelist")
            return redirect(f"{changelist}?{MineFilter.parameter_name}=1")
        if action == "publish":
            self.message_user(request, format_html(
                'Đã xuất bản «{}» lúc {}. <a href="{}" target="_blank">Xem bài trên trang</a>',
                article.title, workflow.local_time(article.published_at), article.get_absolute_url(),
            ), messages.SUCCESS)
            return redirect(reverse("admin:articles_article_change", args=[article.pk]))
        return None

    def response_add(self, request, obj, post_url_continue=None):
        return self._after_workflow_step(request, obj) or super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        return self._after_workflow_step(request, obj) or super().response_change(request, obj)

    def log_change(self, request, obj, message):
        return self._log(super().log_change, request, obj, message)

    def log_addition(self, request, obj, message):
        return self._log(super().log_addition, request, obj, message)
