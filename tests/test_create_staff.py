"""manage.py create_staff: a journalist or an editor in one command, bad input refused clearly."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from authors.models import Author
from roles.newsroom import JOURNALIST

from .factories import make_author, make_user

pytestmark = pytest.mark.django_db

GOOD = {"username": "lan", "email": "lan@nguoihanoi.vn", "password": "Hoa-sua-thang-10", "interactive": False}


def test_create_staff_adds_a_journalist_with_an_author_profile(capsys):
    call_command("create_staff", role="phong-vien", name="Nguyễn Thị Lan", **GOOD)
    user = get_user_model().objects.get(username="lan")
    assert user.is_staff and not user.is_superuser and user.check_password(GOOD["password"])
    assert [g.name for g in user.groups.all()] == [JOURNALIST]
    assert user.has_perm("articles.add_article") and not user.has_perm("articles.publish_article")
    author = Author.objects.get(user=user)
    assert (author.name, author.slug, author.title) == ("Nguyễn Thị Lan", "nguyen-thi-lan", JOURNALIST)
    assert "Đã tạo phóng viên “lan”" in capsys.readouterr().out


def test_create_staff_adds_an_editor_who_may_publish():
    call_command("create_staff", role="bien-tap-vien", **GOOD)
    user = get_user_model().objects.get(username="lan")
    assert user.has_perm("articles.publish_article") and user.has_perm("articles.delete_article")


def test_create_staff_links_an_existing_author_profile():
    author = make_author(name="Thu Hà")
    call_command("create_staff", role="phong-vien", author=author.slug, **GOOD)
    author.refresh_from_db()
    assert author.user.username == "lan"
    assert Author.objects.count() == 1


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"role": "tong-bien-tap"}, "Hãy chọn vai trò"),
        ({"role": "phong-vien", "username": "có dấu cách"}, "không hợp lệ"),
        ({"role": "phong-vien", "email": "không-phải-email"}, "Email “không-phải-email” không hợp lệ"),
        ({"role": "phong-vien", "password": "123"}, "Mật khẩu chưa đạt"),
        ({"role": "phong-vien", "username": ""}, "Thiếu tên đăng nhập"),
        ({"role": "phong-vien", "author": "khong-co"}, "Không có hồ sơ tác giả"),
    ],
)
def test_create_staff_refuses_bad_input_in_vietnamese(options, message):
    with pytest.raises(CommandError, match=message):
        call_command("create_staff", **{**GOOD, **options})
    assert not get_user_model().objects.filter(username=options.get("username", "lan")).exists()


def test_create_staff_refuses_a_taken_username_or_a_linked_author():
    make_user("lan")
    with pytest.raises(CommandError, match="đã có người dùng"):
        call_command("create_staff", role="phong-vien", **GOOD)
    linked = make_author(name="Thu Hà", user=make_user("thuha"))
    with pytest.raises(CommandError, match="đã gắn với tài khoản"):
        call_command("create_staff", role="phong-vien", author=linked.slug, **{**GOOD, "username": "lan2"})


def test_create_staff_asks_for_what_is_missing(monkeypatch):
    answers = iter(["lan", "lan@nguoihanoi.vn"])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    monkeypatch.setattr("getpass.getpass", lambda prompt: "Hoa-sua-thang-10")
    call_command("create_staff", role="phong-vien")
    assert get_user_model().objects.get(username="lan").author_profile.name == "lan"
