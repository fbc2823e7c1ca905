from django import forms
from django.core.exceptions import ValidationError

from articles.text import nfc

from .models import Comment
from .protection import check_token

NAME_MAX = 80
BODY_MIN, BODY_MAX = 10, 3000


class CommentForm(forms.Form):
    """A reader's comment. Lengths are counted after NFC normalisation, so text
    typed in decomposed form is measured as readers see it."""

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
        name = nfc(self.cleaned_data["name"]).strip()
        if not name:
            raise ValidationError("Vui lòng nhập họ tên.")
        if len(name) > NAME_MAX:
            raise ValidationError(f"Họ tên dài tối đa {NAME_MAX} ký tự (hiện có {len(name)}).")
        return name

    def clean_body(self):
        body = nfc(self.cleaned_data["body"]).replace("\r\n", "\n").strip()
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
