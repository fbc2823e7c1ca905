"""The article form and its buttons: what its user may edit and press (articles/workflow.py
decides), the byline and tag inlines."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.db import models
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from authors.models import Author
from images.uploads import CheckedImageField

from . import derived, workflow
from .models import Article, ArticleAuthor, TaggedArticle
from .workflow import Status

# The buttons of the article form, by the workflow action they request.
WORKFLOW_BUTTONS = {
    "_submit": "submit", "_publish": "publish", "_schedule": "schedule",
    "_unpublish": "unpublish", "_archive": "archive", "_send_back": "send_back",
}


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
    workflow_message = None  # set by apply_workflow()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "status" in self.fields:
            self.fields["status"].choices = [(s.value, s.label) for s in workflow.statuses_for(self.user)]
        if "related" in self.fields:
            self.fields["related"].queryset = workflow.linkable_articles(self.user, self.fields["related"].queryset)
            self.fields["related"].error_messages["invalid_choice"] = (
                "Chỉ chọn được bài đã xuất bản hoặc bài của chính bạn (bài số %(value)s không được phép)."
            )

    def apply_workflow(self, article, old_status):
        """Apply the pressed button's transition to `article`, before its one save. The log message
        of this save's workflow step (or None) is the form's `workflow_message`."""
        self.workflow_message = self._workflow_step(article, old_status)
        return self.workflow_message

    def _workflow_step(self, article, old_status):
        action, data = self.requested_action(), self.cleaned_data
        if action == "send_back":
            return workflow.apply(action, article, self.user, note=data.get("review_note", ""))
        if action == "schedule":
            return workflow.apply(action, article, self.user, at=data.get("published_at"))
        if action:
            return workflow.apply(action, article, self.user)
        if old_status != article.status or (
            article.status == Status.PUBLISHED and self.initial.get("published_at") != article.published_at
        ):
            return workflow.status_message(article, old_status)
        return None

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


class ArticleFormMixin:
    """ArticleAdmin: the form, its fields by user and its workflow buttons."""

    form = ArticleAdminForm
    autocomplete_fields = ["related"]
    inlines = [ArticleAuthorInline, TaggedArticleInline]
    readonly_fields = ["created_at", "updated_at", "created_by", "submitted_at"]
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
