"""import_wordpress: a WordPress export (tests/wxr/nguoi-ha-noi.xml) becomes sections, tags,
authors, articles, images and comments, once, whatever goes wrong in the file."""

import datetime
import os

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.management import CommandError

from articles.models import Article, Section, Tag
from comments.models import Comment
from images.renditions import rendition_name
from redirects.models import Redirect
from roles.newsroom import JOURNALIST
from tests.factories import make_article, make_section, make_user
from tests.wordpress_helpers import EXPORT, export_text, make_uploads, run_import, write_export
from wordpress.importer import Importer
from wordpress.models import ImportedItem

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


@pytest.fixture
def uploads(tmp_path):
    return make_uploads(tmp_path / "uploads")


@pytest.fixture
def imported(uploads):
    return run_import(EXPORT, "--media-dir", uploads)


def row(out, kind):
    """The summary's created / updated / skipped / errors for a kind."""
    line = next(line for line in out.splitlines() if line.startswith(kind + " "))
    return line[len(kind):].split()[:4]


def pho(**kwargs):
    return Article.objects.get(slug="pho-ha-noi-huong-vi-pho-co", **kwargs)


def test_categories_become_sections_with_vietnamese_slugs_and_no_reserved_word(imported):
    sections = dict(Section.objects.values_list("slug", "name"))
    assert sections["do-thi-xua-nay"] == "Đô thị xưa & nay"  # nicename %c4%91o%cc%82-... folded
    assert sections["am-thuc"] == "Ẩm thực"
    assert sections["chua-phan-loai"] == "Chưa phân loại"  # WordPress's "Uncategorized"
    assert "rss" not in sections and sections["rss-2"] == "RSS"
    assert pho().section.slug == "am-thuc"
    assert Article.objects.get(slug="mua-thu-ha-noi").section.slug == "chua-phan-loai"


def test_statuses_times_sapo_and_slugs(imported):
    by_title = {a.title: a for a in Article.objects.all()}
    published = by_title["Phở Hà Nội – hương vị của phố cổ"]
    assert published.status == "published"
    assert published.published_at == datetime.datetime(2019, 5, 3, 1, 15, tzinfo=UTC)  # post_date_gmt
    assert published.sapo == "Phở là món quà của Hà Nội."
    assert published.is_published()
    draft = by_title["Bản nháp về cầu Long Biên"]
    assert (draft.status, draft.published_at) == ("draft", None)
    scheduled = by_title["Tết Trung thu 2099 ở phố Hàng Mã"]
    assert scheduled.status == "published" and scheduled.published_at.year == 2099
    assert scheduled in Article.objects.scheduled() and not scheduled.is_published()
    assert by_title["Chờ duyệt: chợ Đồng Xuân"].status == "review"
    assert by_title["Bài riêng tư"].status == "draft"
    # post_name "m%c3%b9a-thu-h%c3%a0-n%e1%bb%99i" is not one of our slugs: folded instead.
    assert by_title["Mùa thu Hà Nội"].slug == "mua-thu-ha-noi"
    assert by_title["Mùa thu Hà Nội"].allow_comments is False
    assert set(published.tags.names()) == {"Phố cổ", "Món ngon"}
    assert [a.name for a in published.byline_authors()] == ["Thu Hà"]


def test_body_gets_paragraphs_captions_and_loses_blocks_shortcodes_and_scripts(imported):
    out, err = imported
    body = pho().body
    assert "<p>Người Hà Nội ăn phở quanh năm<br>\ndù nắng hay mưa.</p>" in body
    assert "<figcaption>Hồ Gươm buổi sáng, cách hàng phở vài bước chân</figcaption>" in body
    assert body.count("<figure") == 1
    assert "wp:paragraph" not in body and "[gallery" not in body and "[caption" not in body
    assert "<script" not in body and "alert" not in body
    assert "Ghi chú ]]&gt; trong nội dung vẫn giữ nguyên." in body  # "]]>" split over two CDATA
    assert "bỏ shortcode [gallery]" in err
    assert "[1]" in Article.objects.get(slug="mua-thu-ha-noi").body  # not a shortcode


def test_images_come_from_media_dir_with_renditions_and_a_missing_one_is_reported(imported):
    out, err = imported
    article = pho()
    cover = article.cover_image.name
    assert cover.startswith("wordpress/2019/05/") and default_storage.exists(cover)
    assert default_storage.exists(rendition_name(cover, 640, "webp"))
    assert (article.cover_width, article.cover_height) == (1200, 800)
    assert article.cover_alt == "Mặt hồ Gươm phẳng lặng"
    # The resized copy in the body (ho-guom-640x427.jpg) is served by the same stored original.
    assert f'src="/media/{cover}"' in article.body and "<picture>" in article.body
    assert "cu.nguoihanoi.example/wp-content" not in article.body
    assert "khong-con" not in article.body and "Một góc phố không còn ảnh:" in article.body
    assert "ảnh 2019/05/khong-con.jpg không có trong --media-dir" in err
    assert ImportedItem.objects.filter(kind="file").count() == 1


def test_without_media_dir_no_image_is_fetched_and_articles_still_come(tmp_path):
    out, err = run_import(EXPORT)
    assert not pho().cover_image and "<img" not in pho().body
    assert "không có trong --media-dir" in err


def test_comment_thread_keeps_parents_statuses_emails_and_addresses(imported):
    comments = {c.name: c for c in Comment.objects.filter(article=pho())}
    assert set(comments) == {"Trần Văn Bình", "Lê Thị Mai", "Khách", "Mua thuốc giá rẻ"}  # no pingback
    binh, mai, guest, spam = (comments[n] for n in ("Trần Văn Bình", "Lê Thị Mai", "Khách", "Mua thuốc giá rẻ"))
    assert (binh.status, binh.parent, binh.email) == ("approved", None, "binh@example.com")
    assert binh.ip_address == "203.0.113.7"
    assert binh.body == "Phở Bát Đàn là ngon nhất!"  # plain text, like every comment of ours
    assert binh.created_at == datetime.datetime(2019, 5, 3, 2, 0, tzinfo=UTC)
    assert (mai.status, mai.parent, mai.ip_address) == ("approved", binh, "2001:db8::5")
    assert (guest.status, guest.parent, guest.email, guest.ip_address) == ("pending", mai, "", None)
    assert spam.status == "spam" and "<a" not in spam.body


def test_an_item_with_a_broken_date_is_reported_with_id_and_title_and_the_run_goes_on(imported):
    out, err = imported
    assert "Lỗi ở bài viết 106 “Ngày hỏng: hội chợ Tết”: ngày giờ không hợp lệ" in err
    assert not Article.objects.filter(title__startswith="Ngày hỏng").exists()
    assert Article.objects.count() == 6
    assert "bài viết" in out and "lỗi" in out


def test_summary_counts_each_kind(imported):
    out, err = imported
    assert out.startswith("Tổng kết:")
    assert row(out, "bài viết") == ["6", "0", "0", "1"]
    assert row(out, "bình luận") == ["4", "0", "1", "0"]
    assert row(out, "trang") == ["0", "0", "1", "0"]  # pages are skipped by default
    assert "nhập" in err and "100.0%" in err  # the progress bar


def test_a_second_run_creates_nothing(imported, uploads):
    counts = [m.objects.count() for m in (Article, Section, Tag, Comment, Redirect, get_user_model())]
    files = len(default_storage.listdir("wordpress/2019/05")[1])
    out, err = run_import(EXPORT, "--media-dir", uploads)
    assert [m.objects.count() for m in (Article, Section, Tag, Comment, Redirect, get_user_model())] == counts
    assert len(default_storage.listdir("wordpress/2019/05")[1]) == files
    assert row(out, "bài viết") == ["0", "0", "6", "1"]


def test_update_refreshes_changed_items_only(imported, uploads, tmp_path):
    changed = export_text().replace("Mùa thu Hà Nội</title>", "Mùa thu Hà Nội đẹp nhất</title>").replace(
        "Heo may về trên phố [1].", "Heo may về trên phố.\n\n<!-- wp:comment -->"
    )
    changed = changed.replace("<wp:comment_id>505</wp:comment_id>", "<wp:comment_id>507</wp:comment_id>")
    article = Article.objects.get(slug="mua-thu-ha-noi")
    out, err = run_import(write_export(tmp_path, changed), "--media-dir", uploads, "--update")
    article.refresh_from_db()
    assert article.title == "Mùa thu Hà Nội đẹp nhất" and article.body == "<p>Heo may về trên phố.</p>"
    assert Article.objects.count() == 6
    assert row(out, "bài viết") == ["0", "2", "4", "1"]
    assert Comment.objects.filter(article=pho()).count() == 5  # one new (507), none doubled


def test_an_interrupted_run_resumes_cleanly(uploads, client):
    assert client.get("/?p=100").status_code == 200  # the home page, now in the page cache
    class Interrupted(Exception):
        pass

    def stop_after_four(done, total):
        if done == 4:
            raise Interrupted

    importer = Importer(str(EXPORT), media_dir=uploads, report=lambda text: None, progress=stop_after_four,
                        chunk_size=1)
    with pytest.raises(Interrupted):
        importer.run()
    assert Article.objects.count() == 2  # whole posts only: Phở with its comments, Mùa thu
    assert client.get("/?p=100").status_code == 301  # the page cache was told about them
    assert Comment.objects.count() == 4
    out, err = run_import(EXPORT, "--media-dir", uploads)
    assert Article.objects.count() == 6 and Comment.objects.count() == 4
    assert row(out, "bài viết") == ["4", "0", "2", "1"]


def test_a_file_cut_off_in_the_middle_is_refused_with_its_line_and_nothing_is_imported(tmp_path):
    text = export_text()
    cut = write_export(tmp_path, text[: text.index("<title>Mùa thu Hà Nội") + 10])
    sections = Section.objects.count()
    with pytest.raises(CommandError) as error:
        run_import(cut)
    line = text[: text.index("<title>Mùa thu Hà Nội") + 10].count("\n") + 1
    assert f"Tệp XML hỏng ở dòng {line}" in str(error.value) and "Không nhập gì." in str(error.value)
    assert Article.objects.count() == 0 and Section.objects.count() == sections and Redirect.objects.count() == 0


def test_a_malformed_item_stops_the_run_before_anything_is_written(tmp_path):
    broken = export_text().replace("<title>Bài riêng tư</title>", "<title>Bài riêng tư</titel>")
    with pytest.raises(CommandError, match="dòng"):
        run_import(write_export(tmp_path, broken))
    assert Article.objects.count() == 0 and not ImportedItem.objects.exists()


@pytest.mark.parametrize("doctype", [
    # "Billion laughs": entities expanding to gigabytes.
    '<!DOCTYPE rss [<!ENTITY a "hahahahaha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>',
    # XXE: a local file read into the content.
    '<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>',
])
def test_entity_expansion_and_external_entities_are_refused(tmp_path, doctype):
    text = export_text().replace("<rss version", doctype + "\n<rss version", 1)
    entity = "&c;" if "ENTITY c" in doctype else "&secret;"
    text = text.replace("Cầu Long Biên hơn 120 tuổi.", f"]]>{entity}<![CDATA[")
    with pytest.raises(CommandError, match="thực thể"):
        run_import(write_export(tmp_path, text))
    assert Article.objects.count() == 0


def test_utf8_file_with_stray_windows_1252_bytes_and_control_characters_is_read(tmp_path):
    data = export_text().encode("utf-8").replace(
        "Cầu Long Biên hơn 120 tuổi.".encode(), b"C\xe0 ph\xea \x0bv\xe0 c\xe1c caf\xe9"
    )
    out, err = run_import(write_export(tmp_path, data))
    assert Article.objects.get(title="Bản nháp về cầu Long Biên").body == "<p>Cà phê và các café</p>"
    assert "không phải UTF-8" in err


def test_a_file_in_windows_1258_is_read_and_stored_in_nfc(tmp_path):
    # Windows-1258 writes "ộ" as "ô" + a combining dot below.
    title = "H\u00e0 N\u00f4\u0323i m\u00f9a thu"
    text = (
        '<?xml version="1.0" encoding="windows-1258"?>\n'
        '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.1/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        "<wp:base_site_url>http://cu.example</wp:base_site_url>"
        f"<item><title>{title}</title><content:encoded><![CDATA[{title}]]></content:encoded>"
        "<wp:post_id>1</wp:post_id><wp:post_date_gmt>2020-01-01 00:00:00</wp:post_date_gmt>"
        "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item></channel></rss>"
    )
    run_import(write_export(tmp_path, text, encoding="cp1258"))
    article = Article.objects.get()
    assert article.title == "Hà Nội mùa thu" and article.body == "<p>Hà Nội mùa thu</p>"


def test_wxr_1_0_without_author_entries(tmp_path):
    text = export_text().replace("export/1.2/", "export/1.0/")
    start, end = text.index("\t<wp:author>"), text.index("\t<wp:category>")
    run_import(write_export(tmp_path, text[:start] + text[end:]))
    assert [a.name for a in pho().byline_authors()] == ["thuha"]  # the login: all WXR 1.0 knows


def stored_files():
    return {os.path.join(folder, name) for folder, _, names in os.walk(settings.MEDIA_ROOT) for name in names}


def test_dry_run_saves_nothing_and_reports(uploads):
    before, files = Section.objects.count(), stored_files()
    out, err = run_import(EXPORT, "--media-dir", uploads, "--dry-run")
    assert "chạy thử" in out and row(out, "bài viết")[0] == "6"
    assert Article.objects.count() == 0 and Section.objects.count() == before and not Redirect.objects.exists()
    assert not ImportedItem.objects.exists() and stored_files() == files
    assert "Lỗi ở bài viết 106" in err


def test_section_map_sends_categories_to_existing_sections(tmp_path):
    ha_noi = make_section("Hà Nội", slug="ha-noi")
    mapping = write_export(tmp_path, '{"am-thuc": "ha-noi", "uncategorized": "ha-noi"}', name="map.json")
    run_import(EXPORT, "--section-map", mapping)
    assert pho().section == ha_noi and Article.objects.get(slug="mua-thu-ha-noi").section == ha_noi
    assert not Section.objects.filter(slug__in=["am-thuc", "chua-phan-loai"]).exists()
    assert Redirect.objects.get(old_path="/category/đô-thi-xua-nay/am-thuc").section == ha_noi


@pytest.mark.parametrize("content, message", [
    ('{"am-thuc": "khong-co"}', "chuyên mục chưa có: khong-co"),
    ("không phải json", "không phải JSON hợp lệ"),
    ('["am-thuc"]', "phải có dạng"),
])
def test_a_bad_section_map_is_refused_before_anything_is_imported(tmp_path, content, message):
    with pytest.raises(CommandError, match=message):
        run_import(EXPORT, "--section-map", write_export(tmp_path, content, name="map.json"))
    assert Article.objects.count() == 0


def test_authors_become_journalist_logins_with_unusable_passwords_never_admins():
    admin = make_user("admin", superuser=True)
    run_import(EXPORT, "--create-logins")
    users = {u.author_profile.name: u for u in get_user_model().objects.filter(author_profile__isnull=False)}
    assert set(users) == {"Thu Hà", "Ban biên tập"}
    for user in users.values():
        assert user.is_staff and not user.is_superuser and not user.has_usable_password()
        assert list(user.groups.values_list("name", flat=True)) == [JOURNALIST]
    assert users["Ban biên tập"].username == "admin-wp" and users["Ban biên tập"] != admin
    assert users["Thu Hà"].email == "thuha@cu.nguoihanoi.example"


def test_authors_get_no_login_without_the_option(imported):
    assert not get_user_model().objects.exists()


def test_pages_are_skipped_by_default_and_imported_into_a_chosen_section_with_the_option(imported):
    assert not Article.objects.filter(title="Giới thiệu").exists()
    section = make_section("Về chúng tôi", slug="ve-chung-toi")
    out, err = run_import(EXPORT, "--pages-section", "ve-chung-toi")
    page = Article.objects.get(title="Giới thiệu")
    assert (page.section, page.slug, page.status) == (section, "gioi-thieu", "published")
    assert Redirect.objects.get(old_path="/gioi-thieu").article == page
    assert Redirect.objects.get(old_path="/?page_id=2").article == page


def test_missing_file_or_section_gives_a_clear_message(tmp_path):
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        run_import(tmp_path / "khong-co.xml")
    with pytest.raises(CommandError, match="Không có chuyên mục “khong-co”"):
        run_import(EXPORT, "--pages-section", "khong-co")
    with pytest.raises(CommandError, match="không phải bản xuất WordPress"):
        run_import(write_export(tmp_path, "<html><body>Xin chào</body></html>"))


def test_a_post_name_taken_by_another_article_gets_a_free_slug(client):
    ours = make_article("Phở của tòa soạn", slug="pho-ha-noi-huong-vi-pho-co")
    run_import(EXPORT)
    imported = Article.objects.get(title="Phở Hà Nội – hương vị của phố cổ")
    assert imported.slug == "pho-ha-noi-huong-vi-pho-co-2" and ours.slug == "pho-ha-noi-huong-vi-pho-co"
    assert client.get("/2019/05/pho-ha-noi-huong-vi-pho-co/")["Location"] == imported.get_absolute_url()
