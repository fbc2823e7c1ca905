import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Permission

from .factories import EDITOR, JOURNALIST, make_user

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


def post_login(client, username, password, ip="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_five_wrong_passwords_lock_the_account_from_that_address_with_a_vietnamese_page(client, settings):
    make_user("phongvien", role=JOURNALIST, password="dung-mat-khau")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = post_login(client, "phongvien", "sai")
        assert response.status_code == 200  # the login form again, with its error
    response = post_login(client, "phongvien", "sai")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Tạm khoá đăng nhập" in page
    assert "30 phút" in page
    # Even the right password is refused while the lock lasts.
    response = post_login(client, "phongvien", "dung-mat-khau")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_user_and_address(client, settings):
    make_user("phongvien", role=JOURNALIST, password="dung-mat-khau")
    make_user("bientap", role=EDITOR, password="mat-khau-bien-tap")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, "phongvien", "sai", ip="203.0.113.7")
    assert post_login(client, "phongvien", "dung-mat-khau", ip="203.0.113.7").status_code == 429
    # Another account from the same address, and the same account from another address, still log in.
    assert post_login(client, "bientap", "mat-khau-bien-tap", ip="203.0.113.7").status_code == 302
    client.logout()
    assert post_login(client, "phongvien", "dung-mat-khau", ip="198.51.100.9").status_code == 302


def test_a_correct_login_resets_the_failure_count(client, settings):
    make_user("phongvien", role=JOURNALIST, password="dung-mat-khau")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        post_login(client, "phongvien", "sai")
    assert post_login(client, "phongvien", "dung-mat-khau").status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        post_login(client, "phongvien", "sai")
    assert post_login(client, "phongvien", "dung-mat-khau").status_code == 302


def test_the_address_behind_a_trusted_proxy_is_the_one_locked(client, settings):
    settings.COMMENTS_TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
    make_user("phongvien", role=JOURNALIST, password="dung-mat-khau")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "phongvien", "password": "sai"}, HTTP_X_FORWARDED_FOR="192.0.2.50")
    attempt = AccessAttempt.objects.get(username="phongvien")
    assert attempt.ip_address == "192.0.2.50"
    # The proxy itself (REMOTE_ADDR) is not locked for the reader behind another address.
    response = client.post(
        LOGIN, {"username": "phongvien", "password": "dung-mat-khau"}, HTTP_X_FORWARDED_FOR="192.0.2.51"
    )
    assert response.status_code == 302


def test_editors_see_the_failed_logins_in_the_admin_and_journalists_do_not(client, settings):
    make_user("phongvien", role=JOURNALIST, password="dung-mat-khau")
    for _ in range(2):
        post_login(client, "phongvien", "sai")
    editor = make_user(role=EDITOR)
    client.force_login(editor)
    response = client.get("/admin/axes/accessattempt/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "phongvien" in page and "203.0.113.7" in page
    assert "Nhật ký đăng nhập" in client.get("/admin/").content.decode()
    assert editor.has_perm("axes.delete_accessattempt")  # deleting the record unlocks the account
    client.force_login(make_user(role=JOURNALIST))
    assert client.get("/admin/axes/accessattempt/").status_code == 403


def test_editor_group_gets_the_login_record_permissions_from_a_migration():
    codenames = set(
        Permission.objects.filter(group__name=EDITOR, content_type__app_label="axes").values_list(
            "codename", flat=True
        )
    )
    assert {"view_accessattempt", "view_accesslog", "view_accessfailurelog"} <= codenames


def test_an_editor_unlocks_an_account_by_deleting_its_record(client, settings):
    make_user("phongvien", role=JOURNALIST, password="dung-mat-khau")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, "phongvien", "sai")
    assert post_login(client, "phongvien", "dung-mat-khau").status_code == 429
    attempt = AccessAttempt.objects.get(username="phongvien")
    client.force_login(make_user(role=EDITOR))
    response = client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    client.logout()
    assert post_login(client, "phongvien", "dung-mat-khau").status_code == 302
