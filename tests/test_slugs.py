import pytest
from django.core.exceptions import ValidationError

from articles.models import Article, Section
from vietnamese import RESERVED_SLUGS, SLUG_MAX_LENGTH, fold, slugify_vi

from .factories import make_article, make_section

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Chỉ số cải cách hành chính của quận Đống Đa", "chi-so-cai-cach-hanh-chinh-cua-quan-dong-da"),
        ("Đường phố Hà Nội", "duong-pho-ha-noi"),
        ("ĐẠI ĐOÀN KẾT", "dai-doan-ket"),
        ("Những người thương binh ưu tú", "nhung-nguoi-thuong-binh-uu-tu"),
        ("Ơn nghĩa sinh thành", "on-nghia-sinh-thanh"),
        ("Ăn Tết ở làng", "an-tet-o-lang"),
        ("Mùa xuân 🌸 đã về 🎉", "mua-xuan-da-ve"),
        ("  Hà   Nội -- mùa thu!  ", "ha-noi-mua-thu"),
    ],
)
def test_slug_folds_vietnamese(title, slug):
    assert slugify_vi(title) == slug
    assert make_article(title=title).slug == slug


def test_decomposed_title_gives_the_same_slug_and_is_stored_composed():
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Quận Đống Đa")
    article = make_article(title=decomposed)
    assert article.slug == "quan-dong-da"
    assert article.title == unicodedata.normalize("NFC", "Quận Đống Đa")
    assert fold(decomposed) == "quan dong da"


def test_long_title_is_cut_at_a_word_boundary():
    title = " ".join(["Nghị quyết phát triển văn hóa Thủ đô"] * 10)[:300]
    article = make_article(title=title)
    assert len(article.slug) <= SLUG_MAX_LENGTH
    assert len(article.slug) > 150, "Vietnamese headlines need more than Django's 50 characters"
    full = slugify_vi(title, max_length=1000)
    assert full.startswith(article.slug)
    assert full[len(article.slug)] == "-", "cut falls between words"


def test_duplicate_titles_get_unique_slugs():
    first = make_article(title="Hà Nội vào thu")
    second = make_article(title="Hà Nội vào thu")
    third = make_article(title="Hà Nội vào thu")
    assert [first.slug, second.slug, third.slug] == ["ha-noi-vao-thu", "ha-noi-vao-thu-2", "ha-noi-vao-thu-3"]


def test_emoji_only_title_still_gets_a_slug():
    assert make_article(title="🎉🎉").slug == "bai-viet"


def test_slug_is_editable_and_kept_on_save():
    article = make_article(title="Tiêu đề đầu tiên")
    article.title = "Tiêu đề đã sửa"
    article.save()
    assert article.slug == "tieu-de-dau-tien"
    article.slug = "duong-dan-moi"
    article.save()
    assert Article.objects.get(pk=article.pk).slug == "duong-dan-moi"


@pytest.mark.parametrize("word", ["tag", "tac-gia", "tim-kiem", "binh-luan", "rss", "admin", "media", "static"])
def test_reserved_words_are_refused_as_section_slugs(word):
    assert word in RESERVED_SLUGS
    section = Section(name="Thử", slug=word)
    with pytest.raises(ValidationError) as error:
        section.full_clean()
    assert "trùng với một địa chỉ cố định" in str(error.value)


def test_title_equal_to_a_reserved_word_gets_another_slug():
    assert make_article(title="Admin").slug == "admin-2"


def test_section_slug_must_be_ascii():
    with pytest.raises(ValidationError):
        Section(name="Hà Nội", slug="hà-nội").full_clean()


def test_section_slug_is_generated_from_its_name():
    assert make_section(name="Văn hóa – Đời sống", slug="").slug == "van-hoa-doi-song"


def test_tag_slugs_fold_vietnamese():
    article = make_article(tags=["Đống Đa", "Ưu đãi"])
    assert sorted(article.tags.values_list("slug", flat=True)) == ["dong-da", "uu-dai"]
