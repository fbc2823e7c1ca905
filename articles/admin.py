import json

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
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
from images.uploads import CheckedImageField

from . import derived, search, workflow
from .admin_lists import CappedCountPaginator, QuickCheckboxMixin, SearchCountMixin, YearFilter
from .diff import compare_versions
from .models import BYLINES, SEARCH_FIELDS, Article, ArticleAuthor, Section, Tag, TaggedArticle
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

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")


class LoadedChoiceAutocomplete(AutocompleteSelect):
    """An autocomplete that shows its chosen option from the row's loaded object (`known`, set
    by the formset) instead of one query per row: 34 tags made 34 queries."""

    known = None  # {str(pk): label}

    def optgroups(self, name, value, attr=None):
        chosen = [str(v) for v in value if v not in (None, "")]
        if self.known is None or not set(chosen) <= set(self.known):
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        for pk in chosen:
            options.append(self.create_option(name, pk, self.known[pk], True, len(options)))
        return [(None, options, 0)]


class TaggedArticleInline(ArticlePartInline):
    model = TaggedArticle
    autocomplete_fields = ["tag"]
    fields = ["tag"]
    extra = 1
    verbose_name = "thẻ"
    verbose_name_plural = "Thẻ (gõ để tìm thẻ có sẵn; thẻ chưa có thì bấm nút “+” bên cạnh ô để tạo)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("tag")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "tag":
            kwargs["widget"] = LoadedChoiceAutocomplete(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class TagFormSet(formset):
            def _construct_form(self, i, **kwargs):
                form = super()._construct_form(i, **kwargs)
                if form.instance.pk is not None and "tag" in form.fields:
                    widget = form.fields["tag"].widget
                    widget = getattr(widget, "widget", widget)  # inside the add/change links wrapper
                    widget.known = {str(form.instance.tag_id): str(form.instance.tag)}
                return form

        return TagFormSet


# The fields whose change calls for derived work (articles/derived.py).
DERIVED_FROM = {"title", "sapo", "body", "cover_image"}


def stored(name, value):
    """A form value as the article would store it (the body with its derived image markup)."""
    return derived.stored_body(value) if name == "body" else Article.stored_value(name, value)


class ArticleAdminForm(forms.ModelForm):
    """The article form, limited to what its user may do; a forged POST is refused here."""

    user = None  # set by ArticleAdmin.get_form; the model and fields come from ArticleAdmin

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "status" in self.fields:
            self.fields["status"].choices = [(s.value, s.label) for s in workflow.statuses_for(self.user)]
        if "related" in self.fields:
            self.fields["related"].queryset = workflow.linkable_articles(self.user, self.fields["related"].queryset)
            self.fields["related"].error_messages["invalid_choice"] = (
                "Chỉ chọn được bài đã xuất bản hoặc bài của chính bạn (bài số %(value)s không được phép)."
            )

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
            or stored(name, self.cleaned_data.get(name)) != self.initial.get(name)
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


# What the article list and the autocompletes never show: the form loads them, lists do not.
LIST_DEFERRED = ("body", "sapo", "cover_caption", "cover_alt", "cover_credit", *SEARCH_FIELDS)


class BylineAuthorFilter(admin.SimpleListFilter):
    """Articles signed by one author: an EXISTS, so that the list needs no DISTINCT; the
    choices are the authors who sign at least one article (one semi-join)."""

    title = "tác giả"
    parameter_name = "author"

    def lookups(self, request, model_admin):
        signing = Author.objects.filter(Exists(ArticleAuthor.objects.filter(author=OuterRef("pk"))))
        return [(str(pk), name) for pk, name in signing.order_by("name", "pk").values_list("pk", "name")]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(Exists(ArticleAuthor.objects.filter(article=OuterRef("pk"), author=self.value())))
        return queryset


class ArticleChangeList(ChangeList):
    def get_results(self, request):
        # The rows shown never need the wide columns (actions get their own, whole, rows).
        self.queryset = self.queryset.defer(*LIST_DEFERRED)
        super().get_results(request)

    def get_ordering(self, request, queryset):
        # Ties are broken by id in the direction of the sorted column (Django always adds "-pk"),
        # so that one (column, id) index reads the list sorted either way: a sort on a column of
        # a few values (status, section) otherwise sorts every row of the largest group.
        ordering = super().get_ordering(request, queryset)
        first = ordering[0] if ordering else None
        if len(ordering) >= 2 and ordering[-1] == "-pk" and isinstance(first, str) and not first.startswith("-"):
            ordering[-1] = "pk"
        return ordering


class PublishedYearFilter(YearFilter):
    title = "năm xuất bản"
    field = "published_at"
    parameter_name = "published_at__year"


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
class ArticleAdmin(SearchCountMixin, QuickCheckboxMixin, VersionAdmin):
    form = ArticleAdminForm
    list_display = ["title", "section_name", "byline", "status_note", "published_at", "updated_at"]
    list_filter = [MineFilter, ArticleStatusFilter, "section", BylineAuthorFilter, "published_at", PublishedYearFilter]
    list_select_related = ["section"]
    # Searched by get_search_results (the folded title-and-sapo index), not by these fields' LIKEs.
    search_fields = ["title"]
    search_help_text = "Tìm trong tiêu đề và sapo, có dấu hay không dấu đều được: “ha noi” tìm ra “Hà Nội”."
    # One count per page (the filtered one), not a second count of the whole archive.
    show_full_result_count = False
    list_per_page = 50
    # No "Show counts": a count per filter choice would count the archive once per section and author.
    show_facets = admin.ShowFacets.NEVER
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
        # Published, created or signed by the user: comparisons that article_status_id_idx answers
        # alone. The signed ids are read once per request.
        if not hasattr(request, "_own_articles_q"):
            request._own_articles_q = workflow.own_articles_q(request.user)
        return queryset.filter(request._own_articles_q | Q(status=Status.PUBLISHED))

    def get_changelist(self, request, **kwargs):
        return ArticleChangeList

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        # The autocompletes show titles: no wide columns, no bylines, and a bounded count.
        if request.resolver_match and request.resolver_match.url_name == "autocomplete":
            queryset = queryset.defer(*LIST_DEFERRED).prefetch_related(None)
            return CappedCountPaginator(queryset, per_page, orphans, allow_empty_first_page)
        return super().get_paginator(request, queryset, per_page, orphans, allow_empty_first_page)

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
        # The search box and the article autocompletes (related articles, featured lists): the
        # project's folded search over one GIN index; no join, so never duplicates (no DISTINCT).
        return search.in_title_or_sapo(queryset, search_term), False

    # The list.

    @admin.display(description="chuyên mục", ordering="section_id")
    def section_name(self, article):
        # Sorted by the section's id (an index), not by a join on the section's name.
        return article.section.name

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
        # A button's transition is made before the one save: one save, one log row, one revision.
        request._workflow = {"message": self._workflow_message(request, obj, form, old_status)}
        if not change or set(form.changed_data) & DERIVED_FROM:
            derived.save(obj)
        else:  # a status change: one save, nothing derived; the body as stored, its markup included
            obj.body = form.initial.get("body", obj.body)
            super().save_model(request, obj, form, change)

    def _workflow_message(self, request, article, form, old_status):
        """The workflow's log message for this save (the button applied to `article`), or None."""
        action, data = form.requested_action(), form.cleaned_data
        if action == "send_back":
            return workflow.apply(action, article, request.user, note=data.get("review_note", ""))
        if action == "schedule":
            return workflow.apply(action, article, request.user, at=data.get("published_at"))
        if action:
            return workflow.apply(action, article, request.user)
        if old_status != article.status or (
            article.status == Status.PUBLISHED and form.initial.get("published_at") != article.published_at
        ):
            return workflow.status_message(article, old_status)
        return None

    def _log(self, log, request, obj, message):
        """One log row: the workflow's message when the save changed the status; the revision
        comment adds the changed fields."""
        workflow_message = getattr(request, "_workflow", {}).get("message")
        if not workflow_message:
            return log(request, obj, message)
        entry = log(request, obj, workflow_message)
        if reversion.is_active():
            fields = message if isinstance(message, str) else json.dumps(message) if message else ""
            details = LogEntry(change_message=fields).get_change_message() if fields else ""
            reversion.set_comment(f"{workflow_message}. {details}" if details else workflow_message)
        return entry

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
        return self._log(super().log_change, request, obj, message)

    def log_addition(self, request, obj, message):
        return self._log(super().log_addition, request, obj, message)

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
