"""Add a journalist or an editor: a staff account in the right group, with an author profile."""

import getpass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import translation

from authors.models import Author
from roles import newsroom as roles

# --role: (group, title on the author profile: the group's name)
ROLES = {role: (group, group) for role, group in roles.STAFF_ROLES.items()}


class Command(BaseCommand):
    help = "Thêm một phóng viên hoặc biên tập viên: tài khoản vào toà soạn và hồ sơ tác giả."

    def add_arguments(self, parser):
        parser.add_argument("--role", help="phong-vien (phóng viên) hoặc bien-tap-vien (biên tập viên)")
        parser.add_argument("--username", help="tên đăng nhập")
        parser.add_argument("--email", help="địa chỉ email")
        parser.add_argument("--password", help="mật khẩu (bỏ trống để nhập mà không hiện lên màn hình)")
        parser.add_argument("--name", help="họ tên ký trên bài (mặc định: tên đăng nhập)")
        parser.add_argument("--author", metavar="SLUG", help="gắn vào hồ sơ tác giả có sẵn thay vì tạo mới")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive",
                            help="không hỏi gì; thiếu thông tin thì dừng")

    def handle(self, *args, role=None, interactive=True, **options):
        if role not in ROLES:
            raise CommandError(f"Hãy chọn vai trò: --role {' hoặc --role '.join(ROLES)} (nhận được: {role}).")
        with translation.override("vi"):
            return self.create(role, interactive, options)

    def ask(self, options, name, label, interactive, secret=False):
        value = options.get(name)
        if value is None and interactive:
            value = getpass.getpass(f"{label}: ") if secret else input(f"{label}: ")
        if not value or not value.strip():
            raise CommandError(f"Thiếu {label.lower()} (--{name}).")
        return value if secret else value.strip()

    def create(self, role, interactive, options):
        User = get_user_model()
        username = self.ask(options, "username", "Tên đăng nhập", interactive)
        try:
            User.username_validator(username)
        except ValidationError:
            raise CommandError(
                f"Tên đăng nhập “{username}” không hợp lệ: chỉ dùng chữ, số và các ký tự @ . + - _."
            ) from None
        if User.objects.filter(username__iexact=username).exists():
            raise CommandError(f"Tên đăng nhập “{username}” đã có người dùng.")
        email = self.ask(options, "email", "Email", interactive)
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"Email “{email}” không hợp lệ.") from None
        author = self.find_author(options.get("author"))
        password = self.ask(options, "password", "Mật khẩu", interactive, secret=True)
        try:
            validate_password(password, User(username=username, email=email))
        except ValidationError as error:
            raise CommandError("Mật khẩu chưa đạt: " + " ".join(error.messages)) from None
        group_name, title = ROLES[role]
        with transaction.atomic():
            user = User.objects.create_user(username, email, password, is_staff=True)
            user.groups.add(Group.objects.get(name=group_name))
            if author is None:
                author = Author.objects.create(name=options.get("name") or username, title=title, user=user)
            else:
                author.user = user
                author.save(update_fields=["user"])
        self.stdout.write(self.style.SUCCESS(
            f"Đã tạo {group_name.lower()} “{username}”, ký tên “{author.name}” (/tac-gia/{author.slug}/)."
        ))

    def find_author(self, slug):
        if not slug:
            return None
        author = Author.objects.filter(slug=slug).first()
        if author is None:
            raise CommandError(f"Không có hồ sơ tác giả nào có đường dẫn “{slug}”.")
        if author.user_id is not None:
            raise CommandError(f"Hồ sơ tác giả “{author.name}” đã gắn với tài khoản “{author.user}”.")
        return author
