"""Comments that try to look blank, run backwards, hide a blocked word or pose as the newsroom."""

import pytest

from comments.models import BlockedWord, Comment
from comments.text import clean_text, fold_for_matching

from .comment_helpers import post
from .factories import EDITOR, make_article, make_author, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article(title="Phố cổ Hà Nội")


@pytest.mark.parametrize("name", ["\u200b\u200b\u200b", "\u200e\u2066\u202e", "\u3164", "\u0301\u0302"])
def test_an_invisible_name_is_refused(client, article, name):
    response = post(client, article, name=name)
    assert response.status_code == 400
    assert "Vui lòng nhập họ tên" in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize("body", ["\u0301" * 40, "\u200b" * 40 + "\u0300" * 20, "\u202e\u2066" * 20])
def test_a_body_of_only_marks_or_invisible_characters_is_refused(client, article, body):
    response = post(client, article, body=body)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Bình luận chưa có chữ nào đọc được" in page or "cần ít nhất" in page
    assert not Comment.objects.exists()


def test_direction_overrides_and_zero_width_characters_are_stripped(client, article):
    response = post(client, article, name="An\u202e\u200b Nguyễn", body="Hay qua\u202e\u2067 bài này đấy!")
    assert response.status_code == 303
    comment = Comment.objects.get()
    assert (comment.name, comment.body) == ("An Nguyễn", "Hay qua bài này đấy!")


def test_text_is_stored_in_nfc():
    assert clean_text("Ha\u0300 No\u0302\u0323i") == "Hà Nội"


@pytest.mark.parametrize("disguise", [
    "c\u200basino", "ｃａｓｉｎｏ", "c\u0430sino", "casinos", "CASINO", "𝐜𝐚𝐬𝐢𝐧𝐨", "cаsіnо",
])
def test_a_disguised_blocked_word_goes_to_spam(client, article, disguise):
    BlockedWord.objects.create(word="casino")
    assert post(client, article, body=f"Chơi {disguise} online uy tín nhất!").status_code == 303
    assert Comment.objects.get().status == Comment.Status.SPAM


def test_a_vietnamese_blocked_phrase_is_caught_without_its_diacritics(client, article):
    BlockedWord.objects.create(word="cá độ")
    assert post(client, article, body="Nhận CA DO bóng đá giá tốt.").status_code == 303
    assert Comment.objects.get().status == Comment.Status.SPAM


def test_words_that_merely_contain_a_blocked_word_are_not_spam(client, article):
    BlockedWord.objects.create(word="casino")
    assert post(client, article, body="Tôi thích đọc về casinoxyz và phố cổ.").status_code == 303
    assert Comment.objects.get().status == Comment.Status.PENDING


@pytest.mark.parametrize("name", ["Ban biên tập", "ban bien tap", "BAN BIÊN TẬP", "Ban\u200b biên tập",
                                  "Bаn biên tập", "Ban biên tập báo", "Ｂａｎ ｂｉêｎ ｔậｐ"])
def test_a_reader_cannot_sign_as_the_newsroom(client, article, name):
    response = post(client, article, name=name)
    assert response.status_code == 400
    assert "Tên này dành cho ban biên tập" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_reader_cannot_sign_with_a_staff_members_name(client, article):
    editor = make_user("thuha", EDITOR)
    editor.first_name, editor.last_name = "Thu Hà", "Nguyễn"
    editor.save()
    make_author(name="Trần Minh Đức", user=make_user("minhduc", EDITOR))
    for name in ("Nguyễn Thu Hà", "nguyen thu ha", "Trần Minh Đức"):
        assert post(client, article, name=name).status_code == 400
    assert post(client, article, name="Nguyễn Thu Hương").status_code == 303


def test_folding_maps_look_alikes_and_diacritics():
    assert fold_for_matching("Ｃａｓｉｎｏ  c\u0430sino Đống Đa") == "casino casino dong da"
