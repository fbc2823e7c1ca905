from adminsortable2.admin import CustomInlineFormSet, SortableAdminBase, SortableTabularInline
from django import forms
from django.contrib import admin
from django.db.models import Count, F
from django.template.loader import render_to_string

from .models import BUILT_IN_KEYS, FeaturedItem, FeaturedList


class FeaturedItemForm(forms.ModelForm):
    class Meta:
        model = FeaturedItem
        fields = ["article", "title", "excerpt", "starts_at", "ends_at"]
        widgets = {
            "title": forms.TextInput(attrs={"size": 18}),
            "excerpt": forms.Textarea(attrs={"rows": 2, "cols": 22}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The autocomplete offers published articles only; an article archived since it was
        # listed shows as an empty choice, so say why the row needs attention.
        self.fields["article"].error_messages.update({
            "required": "Hãy chọn một bài đã xuất bản hoặc đã hẹn giờ (bài cũ có thể đã bị gỡ).",
            "invalid_choice": "Bài này không còn ở trạng thái đã xuất bản; hãy chọn bài khác hoặc xoá dòng.",
        })


class FeaturedItemFormSet(CustomInlineFormSet):
    def get_unique_error_message(self, unique_check):
        return "Mỗi bài viết chỉ có mặt một lần trong danh sách: hãy bỏ dòng trùng."

    def save_new(self, form, commit=True):
        """A new item goes first, where readers see it at once, unless the form gives it a place.

        adminsortable2 would put it last, below what the list shows."""
        if not form.cleaned_data.get(self.default_order_field):
            self.model.objects.filter(featured_list=self.instance).update(position=F("position") + 1)
            setattr(form.instance, self.default_order_field, 1)
        return super().save_new(form, commit)


class FeaturedItemInline(SortableTabularInline):
    model = FeaturedItem
    form = FeaturedItemForm
    formset = FeaturedItemFormSet
    autocomplete_fields = ["article"]
    fields = ["article", "title", "excerpt", "starts_at", "ends_at", "shown_now"]
    readonly_fields = ["shown_now"]
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article")

    @admin.display(description="đang hiện")
    def shown_now(self, item):
        # Words, not the admin's boolean icons: their alt text is English ("True", "None").
        if item.pk is None:
            return "—"
        return "Có" if item.is_visible() else "Không"


@admin.register(FeaturedList)
class FeaturedListAdmin(SortableAdminBase, admin.ModelAdmin):
    list_display = ["title", "key", "layout", "size", "fill", "item_count"]
    search_fields = ["title", "key"]
    fields = ["title", "key", "layout", "size", "fill", "fill_section"]
    inlines = [FeaturedItemInline]
    change_form_template = "admin/featured/featuredlist/change_form.html"

    class Media:
        css = {"all": ["featured/admin.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(item_count=Count("items"))

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.key in BUILT_IN_KEYS:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        # Bulk delete would bypass the per-list check above.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def get_readonly_fields(self, request, obj=None):
        # Templates name lists by key: renaming one would empty a block of the site.
        return ["key"] if obj is not None else []

    @admin.display(description="số bài đã chọn", ordering="item_count")
    def item_count(self, featured_list):
        return featured_list.item_count

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # The items table needs the width the admin's navigation column would take.
        context["is_nav_sidebar_enabled"] = False
        if obj is not None and obj.pk is not None:
            # The saved list, not the form's unsaved changes: what readers see now.
            context["preview_document"] = preview_document(FeaturedList.objects.get(pk=obj.pk))
        return super().render_change_form(request, context, add, change, form_url, obj)


def preview_document(featured_list):
    """A whole page (site CSS and the list as readers see it now) for the admin's preview iframe."""
    return render_to_string("featured/preview.html", {"selection": featured_list.selection()})
