from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils.html import format_html_join
from taggit.models import Tag as TaggitTag

from .models import BYLINES, Article, ArticleAuthor, Section, Tag, TaggedArticle
from .uploads import CheckedImageField


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
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


class ArticleAuthorInline(admin.TabularInline):
    model = ArticleAuthor
    autocomplete_fields = ["author"]
    fields = ["author", "position"]
    extra = 1
    min_num = 1
    verbose_name = "tác giả"
    verbose_name_plural = "Tác giả (thứ tự ký tên: số nhỏ đứng trước)"


class TaggedArticleInline(admin.TabularInline):
    model = TaggedArticle
    autocomplete_fields = ["tag"]
    fields = ["tag"]
    extra = 1
    verbose_name = "thẻ"
    verbose_name_plural = "Thẻ (gõ để tìm; dùng dấu + để tạo thẻ mới)"


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "section", "byline", "status", "published_at", "updated_at"]
    list_filter = ["status", "section", ("bylines__author", admin.RelatedOnlyFieldListFilter), "published_at"]
    list_select_related = ["section"]
    search_fields = ["title", "sapo", "slug", "bylines__author__name", "section__name"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["related"]
    inlines = [ArticleAuthorInline, TaggedArticleInline]
    readonly_fields = ["created_at", "updated_at", "created_by"]
    formfield_overrides = {models.ImageField: {"form_class": CheckedImageField}}
    fieldsets = [
        (None, {"fields": ["title", "slug", "section", "sapo", "body"]}),
        ("Ảnh đại diện", {"fields": ["cover_image", "cover_caption", "cover_alt", "cover_credit"]}),
        ("Xuất bản", {"fields": ["status", "published_at", "allow_comments"]}),
        ("Bài liên quan", {"fields": ["related"]}),
        ("Thông tin", {"classes": ["collapse"], "fields": ["created_by", "created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related(BYLINES)

    def get_search_results(self, request, queryset, search_term):
        # Autocomplete of related articles (and search) must not return duplicates
        # when a term matches several authors of one article.
        queryset, _ = super().get_search_results(request, queryset, search_term)
        return queryset, True

    @admin.display(description="tác giả")
    def byline(self, article):
        return format_html_join(", ", "{}", ((author.name,) for author in article.byline_authors()))

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def view_on_site(self, obj):
        return obj.get_absolute_url()


# taggit registers its own Tag model; the site uses articles.Tag only.
admin.site.unregister(TaggitTag)
