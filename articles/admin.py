import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from reversion.admin import VersionAdmin
from reversion.models import Version
from taggit.models import Tag as TaggitTag

from authors.models import Author

from . import workflow
from .diff import compare_versions
from .models import BYLINES, Article, ArticleAuthor, Section, Tag, TaggedArticle
from .uploads import CheckedImageField
from .workflow import Status

# The buttons of the article form, by the workflow action they request.
WORKFLOW_BUTTONS = {
    "_submit": "submit", "_publish": "publish", "_schedule": "schedule",
    "_unpublish": "unpublish", "_archive": "archive", "_send_back": "send_back",
}


@admin.register(Section)
class SectionAdmin(VersionAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "slug"]
    fields = ["name", "slug", "position", "description"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name", "slug"]
    readonly_fields = ["slug"]
    fields = ["name", "slug"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("tagged_articles")).order_by("name")

    @admin.display(description="số bài", ordering="article_count")
    def article_count(self, tag):
        return tag.article_count


class ArticlePartInline(admin.TabularInline):
    """Bylines and tags are part of the article: editable exactly when the article is."""

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and (obj is None or workflow.can_edit(request.user, obj))

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or workflow.can_edit(request.user, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is None or workflow.can_edit(request.user, obj)
        )


class ArticleAuthorInline(ArticlePartInline):
    model = ArticleAuthor
    autocomplete_fields = ["author"]
    fields = ["author", "position"]
    extra = 1
    min_num = 1
    verbose_name = "tác giả"
    verbose_name_plural = "Tác giả (thứ tự ký tên: số nhỏ đứng trước)"


class TaggedArticleInline(ArticlePartInline):
    model = TaggedArticle
    autocomplete_fields = ["tag"]
    fields = ["tag"]
    extra = 1
    verbose_name = "thẻ"
    verbose_name_plural = "Thẻ (gõ để tìm thẻ có sẵn; thẻ chưa có thì bấm nút “+” bên cạnh ô để tạo)"


class ArticleAdminForm(forms.ModelForm):
    """The article form, limited to what its user may do; a forged POST is refused here."""

    user = None  # set by ArticleAdmin.get_form; the model and fields come from ArticleAdmin

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "status" in self.fields:
            self.fields["status"].choices = [(s.value, s.label) for s in workflow.statuses_for(self.user)]

    def requested_action(self):
        return next((action for button, action in WORKFLOW_BUTTONS.items() if button in self.data), None)

    @property
    def changed_data(self):
        """The fields whose stored value changes. CKEditor sends a body image back without the
        <picture> the save adds, so the posted body differs although the stored one would not."""
        changed = super().changed_data
        if not self.instance.pk or not hasattr(self, "cleaned_data"):
            return changed
        return [
            name for name in changed
            if name not in (*Article.STORED_TEXT_FIELDS, "body")
            or Article.stored_value(name, self.cleaned_data.get(name)) != self.initial.get(name)
        ]

    def clean(self):
        cleaned = super().clean()
        action = self.requested_action()
        saved_status = self.instance.status if self.instance.pk else Status.DRAFT
        if action:
            # A button decides the status, not the dropdown posted with it.
            cleaned["status"] = saved_status
        status = cleaned.get("status", saved_status)
        if status not in workflow.statuses_for(self.user):
            raise forms.ValidationError(f"Bạn không có quyền đặt bài ở trạng thái “{Status(status).label}”.")
        if action:
            candidate = Article(
                pk=self.instance.pk, status=saved_status, created_by_id=self.instance.created_by_id,
                published_at=self.instance.published_at,
            )
            problem = workflow.problem(
                action, self.user, candidate,
                at=cleaned.get("published_at"), note=cleaned.get("review_note", ""),
            )
            if problem:
                raise forms.ValidationError(problem)
        return cleaned


class ArticleStatusFilter(admin.SimpleListFilter):
    """The status filter, plus "scheduled" (published, time not yet come)."""

    title = "trạng thái"
    parameter_name = "status__exact"

    def lookups(self, request, model_admin):
        return [*Status.choices, ("scheduled", "Đã hẹn giờ")]

    def queryset(self, request, queryset):
        if self.value() == "scheduled":
            return queryset.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())
        if self.value() in Status.values:
            return queryset.filter(status=self.value())
        return queryset


class MineFilter(admin.SimpleListFilter):
    """The user's own articles (created or signed by them), newest change first."""

    title = "bài của tôi"
    parameter_name = "cua-toi"

    def lookups(self, request, model_admin):
        return [("1", "Bài của tôi")]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(workflow.own_articles_q(request.user))
        return queryset


@admin.register(Article)
class ArticleAdmin(VersionAdmin):
    form = ArticleAdminForm
    list_display = ["title", "section", "byline", "status_note", "published_at", "updated_at"]
    list_filter = [
        MineFilter, ArticleStatusFilter, "section", ("bylines__author", admin.RelatedOnlyFieldListFilter),
        "published_at",
    ]
    list_select_related = ["section"]
    search_fields = ["title", "sapo", "slug", "bylines__author__name", "section__name"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["related"]
    inlines = [ArticleAuthorInline, TaggedArticleInline]
    readonly_fields = ["created_at", "updated_at", "created_by", "submitted_at"]
    actions = ["submit_selected", "publish_selected", "unpublish_selected", "archive_selected"]
    change_list_template = "admin/articles/article/change_list.html"
    object_history_template = "admin/articles/article/object_history.html"
    history_latest_first = True
    formfield_overrides = {models.ImageField: {"form_class": CheckedImageField}}
    view_on_site = False  # the form has its own "Xem trước" link, opening a new tab
    fieldsets = [
        (None, {"fields": ["title", "slug", "section", "sapo", "body"]}),
        ("Ảnh đại diện", {"fields": ["cover_image", "cover_caption", "cover_alt", "cover_credit"]}),
        ("Xuất bản và duyệt bài", {"fields": ["status", "published_at", "allow_comments", "review_note"]}),
        ("Bài liên quan", {"fields": ["related"]}),
        (
            "Thông tin",
            {"classes": ["collapse"], "fields": ["created_by", "created_at", "updated_at", "submitted_at"]},
        ),
    ]

    # Who sees and changes what.

    def get_queryset(self, request):
        queryset = super().get_queryset(request).prefetch_related(BYLINES)
        if workflow.is_editor(request.user):
            return queryset
        return queryset.filter(workflow.own_articles_q(request.user) | Q(status=Status.PUBLISHED))

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and (obj is None or workflow.can_view(request.user, obj))

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or workflow.can_edit(request.user, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and workflow.is_editor(request.user)

    def has_publish_permission(self, request):
        return workflow.is_editor(request.user)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not workflow.is_editor(request.user):
            fields += ["published_at", "review_note"]
        if self._read_only(request, obj):
            fields.append("body_formatted")
        return fields

    def get_fieldsets(self, request, obj=None):
        hidden = set() if workflow.is_editor(request.user) else {"review_note"}
        # Authors read the editor's note at the top of the form, not as a field.
        shown_as = {"body": "body_formatted"} if self._read_only(request, obj) else {}
        return [
            (name, {**options, "fields": [shown_as.get(f, f) for f in options["fields"] if f not in hidden]})
            for name, options in self.fieldsets
        ]

    def _read_only(self, request, obj):
        return obj is not None and not self.has_change_permission(request, obj)

    @admin.display(description="Nội dung")
    def body_formatted(self, article):
        """The body as readers see it: it is sanitized on save (nh3 allow-list), as the article page trusts."""
        return format_html('<div class="readonly-body">{}</div>', mark_safe(article.body))  # noqa: S308

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, ArticleAuthorInline) and obj.pk is None and request.method == "GET":
            profile = Author.objects.filter(user=request.user).first()
            if profile:
                kwargs["initial"] = [{"author": profile.pk}]
        return kwargs

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def _is_queue(self, request):
        return request.GET.get("status__exact") == Status.REVIEW

    def get_ordering(self, request):
        # The review queue: oldest submission first.
        if self._is_queue(request):
            return ["submitted_at", "pk"]
        if request.GET.get(MineFilter.parameter_name) == "1":
            return ["-updated_at", "-pk"]
        return super().get_ordering(request)

    def get_search_results(self, request, queryset, search_term):
        # Autocomplete of related articles (and search) must not return duplicates
        # when a term matches several authors of one article.
        queryset, _ = super().get_search_results(request, queryset, search_term)
        return queryset, True

    # The list.

    @admin.display(description="tác giả")
    def byline(self, article):
        return format_html_join(", ", "{}", ((author.name,) for author in article.byline_authors()))

    @admin.display(description="trạng thái", ordering="status")
    def status_note(self, article):
        label = article.get_status_display()
        if article.status == Status.PUBLISHED and article.published_at and article.published_at > timezone.now():
            return format_html("Hẹn giờ {}", workflow.local_time(article.published_at))
        if article.status == Status.REVIEW and article.submitted_at:
            return format_html("{} <small>từ {}</small>", label, workflow.local_time(article.submitted_at))
        if article.status == Status.DRAFT and article.review_note:
            note = Truncator(article.review_note).chars(80)
            return format_html('{}<br><small class="review-note">Trả bài: {}</small>', label, note)
        return label

    def changelist_view(self, request, extra_context=None):
        # Not VersionAdmin's: it would put every article of a bulk action in one
        # revision, and the workflow functions keep one revision per article.
        context = {
            **({"title": "Hàng chờ duyệt (gửi trước, duyệt trước)"} if self._is_queue(request) else {}),
            "review_count": self.get_queryset(request).filter(status=Status.REVIEW).count(),
            "can_recover": self.has_delete_permission(request) and self.has_add_permission(request),
            **(extra_context or {}),
        }
        return admin.ModelAdmin.changelist_view(self, request, context)

    # Bulk workflow actions: each article through its workflow function.

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

    # Saving: stamp the author, then apply the button or log the status change.

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        old_status = form.initial.get("status") if change else None
        if obj.status not in workflow.statuses_for(request.user):
            raise PermissionDenied  # the form refuses it already; never save it anyway
        if obj.status == Status.REVIEW and old_status != Status.REVIEW:
            obj.submitted_at = timezone.now()
        request._workflow = {"old_status": old_status, "old_published_at": form.initial.get("published_at")}
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article, state, user = form.instance, request._workflow, request.user
        action = form.requested_action()
        if action == "send_back":
            workflow.send_back(article, user, form.cleaned_data.get("review_note", ""))
        elif action == "schedule":
            workflow.schedule(article, user, form.cleaned_data.get("published_at"))
        elif action:
            workflow.ACTIONS[action](article, user)
        elif state["old_status"] != article.status or (
            article.status == Status.PUBLISHED and state["old_published_at"] != article.published_at
        ):
            workflow.record(article, user, workflow.status_message(article, state["old_status"]))
        else:
            return
        state["message"] = reversion.get_comment()

    def _workflow_comment(self, request, entry):
        message = getattr(request, "_workflow", {}).get("message")
        if message and reversion.is_active():
            fields = entry.get_change_message() if entry.change_message not in ("", "[]") else ""
            reversion.set_comment(f"{message}. {fields}" if fields else message)

    # After a workflow button: say what happened, and show the person where they are.

    def _after_workflow_step(self, request, article):
        action = next((a for button, a in WORKFLOW_BUTTONS.items() if button in request.POST), None)
        if not getattr(request, "_workflow", {}).get("message"):
            return None
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
        entry = super().log_change(request, obj, message)
        self._workflow_comment(request, entry)
        return entry

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._workflow_comment(request, entry)
        return entry

    # Deleting keeps a last version, so that the article can be recovered.

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

    # History: editors restore and recover; authors read their own history.

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
        article = self.get_object(request, unquote(object_id))
        if article is None or not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
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
        article = self.get_object(request, unquote(object_id))
        if article is None or not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        versions = Version.objects.get_for_object(article).select_related("revision", "revision__user")
        try:
            older = versions.get(pk=int(request.GET.get("a", "")))
            newer = versions.get(pk=int(request.GET.get("b", "")))
        except (ValueError, Version.DoesNotExist):
            self.message_user(request, "Hãy chọn hai phiên bản của bài này để so sánh.", messages.WARNING)
            return redirect("admin:articles_article_history", article.pk)
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

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["workflow_buttons"] = self.workflow_buttons(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def workflow_buttons(self, request, obj):
        """The workflow buttons this user may press on this article, as (name, label) pairs."""
        user = request.user
        article = obj or Article(status=Status.DRAFT)
        if obj is not None and not workflow.can_edit(user, obj):
            return []
        buttons = []
        if article.status == Status.DRAFT:
            buttons.append(("_submit", "Lưu và gửi duyệt"))
        if workflow.is_editor(user):
            if not article.is_published():
                buttons.append(("_publish", "Xuất bản ngay"))
            buttons.append(("_schedule", "Hẹn giờ theo thời gian xuất bản"))
            if article.status == Status.PUBLISHED:
                buttons.append(("_unpublish", "Gỡ bài"))
            if obj is not None and article.status in (Status.REVIEW, Status.DRAFT):
                buttons.append(("_send_back", "Trả bài kèm ghi chú"))
            if obj is not None and article.status != Status.ARCHIVED:
                buttons.append(("_archive", "Lưu trữ"))
        return buttons


# taggit registers its own Tag model; the site uses articles.Tag only.
admin.site.unregister(TaggitTag)
