from django import forms
from django.core.exceptions import ValidationError

from .models import Comment
from .moderation import is_reserved_name
from .protection import check_token
from .text import clean_text, has_visible_text

NAME_MAX = 80
BODY_MIN, BODY_MAX = 10, 3000
EMAIL_MAX = 254
# The largest POST the comment view reads: every field at its limit, each character taking
# up to 12 bytes once UTF-8 encoded and percent-escaped, plus 4 KB for the token and names.
MAX_POST_BYTES = 12 * (NAME_MAX + BODY_MAX + EMAIL_MAX) + 4096


class CommentForm(forms.Form):
    """A reader's comment. Name and body are cleaned first (comments.text.clean_text: NFC, no
    invisible or bidi control characters), so lengths count what readers will see."""

    name = forms.CharField(
        label="Họ tên", strip=False, error_messages={"required": "Vui lòng nhập họ tên."},
    )
    email = forms.EmailField(
        label="Email", error_messages={
            "required": "Vui lòng nhập email (không hiển thị công khai).",
            "invalid": "Email chưa đúng, ví dụ: ten@example.com.",
        },
    )
    body = forms.CharField(
        label="Nội dung", strip=False, error_messages={"required": "Vui lòng nhập nội dung bình luận."},
    )
    parent = forms.IntegerField(required=False)
    token = forms.CharField(required=False)
    # The honeypot: hidden from people, filled in by bots.
    website = forms.CharField(required=False)

    def __init__(self, article, *args, **kwargs):
        self.article = article
        super().__init__(*args, **kwargs)

    def clean_name(self):
        name = clean_text(self.cleaned_data["name"])
        if not name:
            raise ValidationError("Vui lòng nhập họ tên.")
        if not has_visible_text(name):
            raise ValidationError("Vui lòng nhập họ tên bằng chữ đọc được.")
        if len(name) > NAME_MAX:
            raise ValidationError(f"Họ tên dài tối đa {NAME_MAX} ký tự (hiện có {len(name)}).")
        if is_reserved_name(name):
            raise ValidationError("Tên này dành cho ban biên tập và phóng viên của báo. Vui lòng ký tên của bạn.")
        return name

    def clean_body(self):
        body = clean_text(self.cleaned_data["body"])
        if body and not has_visible_text(body):
            raise ValidationError("Bình luận chưa có chữ nào đọc được. Vui lòng viết nội dung.")
        if len(body) < BODY_MIN:
            raise ValidationError(f"Bình luận cần ít nhất {BODY_MIN} ký tự (hiện có {len(body)}).")
        if len(body) > BODY_MAX:
            raise ValidationError(f"Bình luận dài tối đa {BODY_MAX:,} ký tự (hiện có {len(body):,}).".replace(",", "."))
        return body

    def clean_parent(self):
        """A reply joins the thread of the comment it answers (one level of replies)."""
        pk = self.cleaned_data["parent"]
        if pk is None:
            return None
        parent = (
            Comment.objects.approved().filter(article=self.article, pk=pk).select_related("parent").first()
        )
        if parent is None:
            raise ValidationError("Bình luận bạn muốn trả lời không còn hiển thị.")
        return parent.parent or parent

    def clean(self):
        try:
            check_token(self.data.get("token", ""), self.article)
        except ValidationError as error:
            self.token_error = error.code
            raise
        return super().clean()

    def proved_patience(self):
        """Whether the sender held a genuine token at least the minimum age (only expired or
        fine): a form sent back to them may then be sent again at once."""
        return getattr(self, "token_error", None) in (None, "expired")

    def is_spam_bot(self):
        return bool(self.cleaned_data.get("website"))

    def build_comment(self):
        data = self.cleaned_data
        return Comment(
            article=self.article, parent=data["parent"], name=data["name"], email=data["email"], body=data["body"],
        )
