from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.views.main import ChangeList
from django.db import connection
from django.db.models import Prefetch, TextField
from django.db.models.expressions import RawSQL
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import smart_split, unescape_string_literal

from articles.admin_lists import QuickCheckboxMixin, SearchCountMixin, YearFilter
from articles.models import Article
from security.login import client_ip

from . import moderation
from .models import PENDING_FIRST, BlockedWord, Comment
from .signals import comment_moderated


class StaffReplyForm(forms.ModelForm):
    parent = forms.ModelChoiceField(queryset=Comment.objects.all(), widget=forms.HiddenInput, required=False)

    class Meta:
        model = Comment
        fields = ["parent", "body"]
        labels = {"body": "Nội dung trả lời"}
        help_texts = {"body": "Đăng ngay dưới bình luận, ký tên “Ban biên tập”. Chữ thường, không HTML."}

    def clean(self):
        # The parent field is hidden, so its errors are shown at the top of the form.
        parent = self.cleaned_data.get("parent")
        if parent is None:
            raise forms.ValidationError("Hãy chọn “Trả lời” ở một bình luận trong danh sách.")
        if parent.status != Comment.Status.APPROVED:
            raise forms.ValidationError("Hãy duyệt bình luận này trước khi trả lời.")
        return super().clean()

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError("Vui lòng nhập nội dung trả lời.")
        return body


# What a row of the list shows: the comment, and its article's title and link (fetched for the 50
# rows of a page, not joined to the 5,000 rows that an OFFSET of page 100 walks through).
LIST_FIELDS = ["id", "article_id", "parent_id", "name", "body", "status", "created_at", "ip_address", "is_staff_reply"]
LIST_ARTICLES = Prefetch("article", queryset=Article.objects.only("id", "title", "slug"))


# What the search box searches on PostgreSQL: the searched columns as one text, under one trigram
# index (comments/migrations/0004_comment_search_document.py, same expression). Each word of a
# search must occur in it, as with Django's search over these columns (a word has no space, so it
# cannot straddle two columns). One index scan finds the rows holding every word; one index per
# column ANDed the OR of four index scans per word, and built bitmaps of every "Nguyễn" and every
# "anh" (200,000 rows) to find 6,800.
SEARCH_DOCUMENT = RawSQL(
    """"comments_comment"."name"::text || ' ' || "comments_comment"."email"::text || ' ' || """
    """"comments_comment"."body" || ' ' || COALESCE(HOST("comments_comment"."ip_address"), '')""",
    (), output_field=TextField(),
)


class CommentChangeList(ChangeList):
    def get_results(self, request):
        # The rows shown (actions get their own, whole, rows).
        self.queryset = self.queryset.select_related(None).only(*LIST_FIELDS).prefetch_related(LIST_ARTICLES)
        super().get_results(request)


class ArticleFilter(admin.SimpleListFilter):
    """The comments of one article. Not a list of every commented article (100,000 links):
    "Chỉ bài này" on a row, or an article's id in the address, selects one."""

    title = "bài viết"
    parameter_name = "article__id__exact"

    def lookups(self, request, model_admin):
        value = self.value()
        if value is None:
            return []
        article = Article.objects.filter(pk=value).only("title").first() if value.isdigit() else None
        return [(value, str(article) if article else f"Bài #{value} (không có)")]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if not value.isdigit():
            return queryset.none()
        return queryset.filter(article_id=value)


class CreatedYearFilter(YearFilter):
    field = "created_at"
    parameter_name = "created_at__year"


@admin.register(Comment)
class CommentAdmin(SearchCountMixin, QuickCheckboxMixin, admin.ModelAdmin):
    list_display = ["excerpt", "name", "article_link", "status", "created_at", "ip_address", "reply_link"]
    list_filter = ["status", ArticleFilter, CreatedYearFilter, "created_at"]
    list_select_related = False
    search_fields = ["name", "email", "body", "ip_address"]
    # One count per page (the filtered one), not a second count of 1,000,000 rows.
    show_full_result_count = False
    # No "Show counts": a count per filter choice would count 1,000,000 comments once per choice.
    show_facets = admin.ShowFacets.NEVER
    actions = ["approve_selected", "reject_selected", "mark_selected_spam"]
    list_per_page = 50
    readonly_fields = [
        "article_link", "parent", "created_at", "ip_address", "user_agent",
        "is_staff_reply", "user", "moderated_at", "moderated_by",
    ]
    fieldsets = [
        (None, {"fields": ["article_link", "parent", "name", "email", "body", "status"]}),
        ("Thông tin kiểm duyệt", {"fields": [
            "created_at", "ip_address", "user_agent", "is_staff_reply", "user", "moderated_at", "moderated_by",
        ]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def get_changelist(self, request, **kwargs):
        return CommentChangeList

    def get_search_results(self, request, queryset, search_term):
        # A journalist sees the comments of their own articles (a few thousand at most): searched
        # column by column among those, from their articles' index, not through the trigram
        # index of all 1,000,000 (whose matches would then be read to keep the few of theirs).
        if connection.vendor != "postgresql" or not self.has_moderate_permission(request):
            return super().get_search_results(request, queryset, search_term)
        # UPPER(document) LIKE UPPER('%word%') per word: icontains, on the index's expression.
        queryset = queryset.alias(search_document=SEARCH_DOCUMENT)
        for bit in smart_split(search_term):
            if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
                bit = unescape_string_literal(bit)
            queryset = queryset.filter(search_document__icontains=bit)
        return queryset, False

    def get_ordering(self, request):
        # The order of comment_pending_first_idx: page 1 reads 50 rows of an index.
        return [PENDING_FIRST.asc(), "-created_at", "-pk"]

    def changelist_view(self, request, extra_context=None):
        # A bulk action on chosen rows acts and redirects; Django would first build (and count)
        # the whole list around it. "Select all N" still goes through the list and its filters.
        post = request.POST
        chosen_rows = post.getlist(helpers.ACTION_CHECKBOX_NAME) and post.get("select_across") not in ("1", "True")
        if request.method == "POST" and "index" in post and "_save" not in post and chosen_rows:
            response = self.response_action(request, queryset=self.get_queryset(request))
            return response or HttpResponseRedirect(request.get_full_path())
        return super().changelist_view(request, extra_context)

    def has_moderate_permission(self, request):
        return request.user.has_perm("comments.can_moderate")

    def get_list_display(self, request):
        if self.has_add_permission(request):
            return self.list_display
        return [name for name in self.list_display if name != "reply_link"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not self.has_moderate_permission(request):
            return [*self.readonly_fields, "status"]
        return self.readonly_fields

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": ["parent", "body"]})]
        return self.fieldsets

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = StaffReplyForm
        return super().get_form(request, obj, **kwargs)

    def add_view(self, request, form_url="", extra_context=None):
        pk = request.POST.get("parent") or request.GET.get("parent")
        parent = None
        if pk and pk.isdigit():
            parent = self.get_queryset(request).filter(pk=pk).select_related("article").first()
        extra_context = {
            **(extra_context or {}), "reply_parent": parent, "title": "Trả lời bình luận",
            "show_save_and_add_another": False, "show_save_and_continue": False,
        }
        return super().add_view(request, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if not change:
            moderation.publish_staff_reply(obj, form.cleaned_data["parent"], request.user, client_ip(request))
            return
        if "status" in form.changed_data:
            new_status, obj.status = obj.status, form.initial["status"]
            super().save_model(request, obj, form, change)
            moderation.moderate([obj], new_status, request.user)
            return
        super().save_model(request, obj, form, change)
        if obj.status == Comment.Status.APPROVED:
            # A published comment was edited: its page changed.
            comment_moderated.send(sender=Comment, comments=[obj], status=obj.status, moderator=request.user)

    @admin.display(description="bình luận")
    def excerpt(self, comment):
        text = comment.body if len(comment.body) <= 90 else comment.body[:89] + "…"
        return format_html("{}{}", "↳ " if comment.parent_id else "", text)

    @admin.display(description="bài viết")
    def article_link(self, comment):
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a><br><a href="?{}={}" class="comment-article-filter">'
            "Chỉ bài này</a>",
            comment.article.get_absolute_url(), comment.article, ArticleFilter.parameter_name, comment.article_id,
        )

    @admin.display(description="")
    def reply_link(self, comment):
        if comment.status != Comment.Status.APPROVED or comment.is_staff_reply:
            return ""
        return format_html('<a href="{}?parent={}">Trả lời</a>', reverse("admin:comments_comment_add"), comment.pk)

    def _act(self, request, queryset, function, done):
        count = function(list(queryset), request.user)
        self.message_user(request, f"Đã {done} {count} bình luận.", messages.SUCCESS)

    @admin.action(description="Duyệt các bình luận đã chọn", permissions=["moderate"])
    def approve_selected(self, request, queryset):
        self._act(request, queryset, moderation.approve, "duyệt")

    @admin.action(description="Từ chối các bình luận đã chọn", permissions=["moderate"])
    def reject_selected(self, request, queryset):
        self._act(request, queryset, moderation.reject, "từ chối")

    @admin.action(description="Đánh dấu spam các bình luận đã chọn", permissions=["moderate"])
    def mark_selected_spam(self, request, queryset):
        self._act(request, queryset, moderation.mark_spam, "đánh dấu spam")


@admin.register(BlockedWord)
class BlockedWordAdmin(admin.ModelAdmin):
    list_display = ["word", "created_at"]
    search_fields = ["word"]
    fields = ["word"]
