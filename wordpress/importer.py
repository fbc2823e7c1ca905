"""Importing a WordPress export (wxr.py reads it, content.py converts post bodies).

Two passes over the file, both streamed. The first checks that the whole file is well-formed
XML and notes the attachments (post id -> file), so that a cut-off or broken file is refused
before anything is written, and a post can find its featured image whatever the order of the
items. The second imports. Posts go in by batches, each one transaction with their bylines, tags,
comments, redirects and the ImportedItem rows that key them by the export's post id: an
interrupted run leaves whole batches only, and the next run skips what they hold and goes on. A
post that cannot be imported (a broken date) is reported with its id and title and skipped; a
batch the database refuses is retried post by post, so that only the bad post is lost.
"""

import datetime
import hashlib
import json
import os
import re
from collections import Counter, defaultdict
from contextlib import contextmanager
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.validators import validate_email, validate_ipv46_address
from django.db import transaction
from django.utils import timezone

from articles import derived
from articles.models import Article, ArticleAuthor, Section, Tag, TaggedArticle
from authors.models import Author
from comments.models import Comment
from images.renditions import store_upload
from images.uploads import ImageRejected, check_image
from pagecache import tags as cache_tags
from redirects.models import PAGE_TAG as REDIRECTS_TAG
from redirects.models import add_redirects
from roles import newsroom as roles
from vietnamese import RESERVED_SLUGS, SLUG_MAX_LENGTH, nfc, slugify_vi, unique_slug

from . import content, wxr
from .models import ImportedItem

STATUSES = {
    "publish": Article.Status.PUBLISHED,
    "future": Article.Status.PUBLISHED,  # scheduled: published with a future published_at
    "draft": Article.Status.DRAFT,
    "pending": Article.Status.REVIEW,
    "private": Article.Status.DRAFT,
}
COMMENT_STATUSES = {"1": "approved", "approve": "approved", "0": "pending", "hold": "pending",
                    "spam": "spam", "trash": "rejected"}
UNCATEGORIZED = ("uncategorized", "Chưa phân loại")
WP_DATE = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")
UPLOADS = re.compile(
    r"""(?P<attr>\b(?:src|href)\s*=\s*)(?P<q>["'])"""
    r"""(?P<url>[^"']*?/wp-content/uploads/(?P<rel>[^"'?#]+)[^"']*)(?P=q)""",
    re.I,
)
IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
LINK_AROUND = re.compile(r"<a\b[^>]*>(?P<inner>(?:(?!</a>).)*?)</a>", re.S | re.I)
EMPTY_FIGURE = re.compile(r"<figure\b[^>]*>(?:(?!<img\b|</figure>).)*</figure>", re.S | re.I)
RESIZED = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")
VALID_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class ItemError(Exception):
    """A post that cannot be imported; the message says why (Vietnamese)."""


class DryRunRollback(Exception):
    pass


class Importer:
    def __init__(self, path, media_dir=None, dry_run=False, update=False, section_map=None,
                 create_logins=False, pages_section=None, report=print, progress=None, chunk_size=200):
        self.path, self.dry_run, self.update = path, dry_run, update
        self.media_dir = Path(media_dir).resolve() if media_dir else None
        self.section_map = section_map or {}
        self.create_logins, self.pages_section = create_logins, pages_section
        self.report, self.progress = report, progress or (lambda done, total: None)
        self.stats = defaultdict(Counter)
        self.site = ""
        self.sections, self.category_parents, self.tags, self.authors, self.files = {}, {}, {}, {}, {}
        self.fresh, self.messages = [], []
        self.chunk_size = chunk_size
        self.repaired = False

    # The run ----------------------------------------------------------------------------

    def run(self):
        attachments, total = self.check()
        self.attachments = attachments
        self.pages_target = self.resolve_pages_section()
        try:
            with transaction.atomic() if self.dry_run else _nothing():
                self.import_entries(total)
                if self.dry_run:
                    raise DryRunRollback
        except DryRunRollback:
            pass
        finally:
            if not self.dry_run:
                self.announce()  # also after an interruption: the batches before it are in
        return self.stats

    def announce(self):
        """Bulk inserts send no signals: the pages that list what was imported, and those that
        depend on the redirect table, are made again (pagecache)."""
        cache_tags.invalidate(
            cache_tags.listing(), cache_tags.MENU, REDIRECTS_TAG,
            *(cache_tags.listing(obj) for group in (self.sections, self.tags, self.authors)
              for obj in group.values()),
        )

    def check(self):
        """The first pass: the whole file parses (or WXRError), the attachments, the item count."""
        attachments, total = {}, 0
        for kind, entry in wxr.entries(self.path, only_attachments=True):
            if kind == "item":
                total += 1
                if entry is not None:
                    attachments[entry.get("wp:post_id", "").strip()] = _attachment(entry)
            elif kind == "end":
                self.repaired = entry["repaired"]
        return attachments, total

    def import_entries(self, total):
        done, chunk = 0, []
        if self.repaired:
            self.report("Cảnh báo: tệp có byte không phải UTF-8 hoặc ký tự điều khiển; "
                        "đã đọc các byte đó theo Windows-1252 và bỏ các ký tự điều khiển.")
        for kind, entry in wxr.entries(self.path):
            if kind == "site":
                self.site = (entry.get("base_site_url") or entry.get("link") or "").rstrip("/")[:200]
            elif kind == "category":
                self.guard("chuyên mục", entry.get("wp:category_nicename"), entry.get("wp:cat_name"),
                           self.import_category, entry)
            elif kind == "tag":
                self.guard("thẻ", entry.get("wp:tag_slug"), entry.get("wp:tag_name"), self.import_tag, entry)
            elif kind == "author":
                self.guard("tác giả", entry.get("wp:author_login"), entry.get("wp:author_display_name"),
                           self.import_author, entry)
            elif kind == "item":
                done += 1
                if self.wanted(entry):
                    chunk.append(entry)
                if len(chunk) >= self.chunk_size:
                    self.flush(chunk)
                    chunk = []
                self.progress(done, total)
        self.flush(chunk)

    def flush(self, items):
        """Import posts together (one transaction, bulk inserts); when the database refuses the
        batch, again one by one, so that only the bad post is reported and skipped."""
        if not items or (len(items) > 1 and self.guard(None, None, None, self.import_posts, items)):
            return
        for item in items:
            kind = "trang" if item.get("wp:post_type") == "page" else "bài viết"
            self.guard(kind, item.get("wp:post_id", "").strip(), unescape(item.get("title", "")).strip(),
                       self.import_posts, [item])

    def guard(self, kind, key, title, function, *args):
        """Run function in its own transaction: True when it succeeded. On failure what it added to
        the run's caches, counts and messages is forgotten with its rows, and the failure is
        reported and counted (unless kind is None: the caller retries)."""
        self.fresh, self.messages = [], []
        stats = {name: Counter(counts) for name, counts in self.stats.items()}
        try:
            with transaction.atomic():
                function(*args)
        except Exception as error:  # noqa: BLE001 - one bad item must not stop the run
            for cache, cache_key in self.fresh:
                cache.pop(cache_key, None)
            self.stats = defaultdict(Counter, stats)
            if kind is not None:
                self.stats[kind]["lỗi"] += 1
                self.report(f"Lỗi ở {kind} {key or '?'} “{title or ''}”: {describe(error)} — bỏ qua, nhập tiếp.")
            return False
        for message in self.messages:
            self.report(message)
        return True

    def say(self, message):
        """A message about the entry being imported, shown once its transaction has committed."""
        self.messages.append(message)

    def cached(self, cache, key, value):
        cache[key] = value
        self.fresh.append((cache, key))
        return value

    def resolve_pages_section(self):
        if not self.pages_section:
            return None
        section = Section.objects.filter(slug=self.pages_section).first()
        if section is None:
            raise wxr.WXRError(f"Không có chuyên mục “{self.pages_section}” (--pages-section).")
        return section

    # Bookkeeping ------------------------------------------------------------------------

    def imported(self, kind, key):
        return ImportedItem.objects.filter(site=self.site, kind=kind, key=key[:300]).first()

    def remember(self, kind, key, obj=None, **fields):
        ImportedItem.objects.update_or_create(
            site=self.site, kind=kind, key=key[:300],
            defaults={"object_id": obj.pk if obj is not None else None, **fields},
        )

    # Categories, tags, authors -----------------------------------------------------------

    def import_category(self, entry):
        nicename = unquote(entry.get("wp:category_nicename", "")).strip()
        name = nfc(unescape(entry.get("wp:cat_name", ""))).strip() or nicename
        self.category_parents[nicename] = unquote(entry.get("wp:category_parent", "")).strip()
        section = self.section_for(nicename, name, entry.get("wp:category_description", ""))
        self.add_archive_redirects([f"/category/{self.category_path(nicename)}/",
                                    f"/?cat={entry.get('wp:term_id', '').strip()}"], section)

    def section_for(self, nicename, name, description=""):
        """The section of a category: the mapping file's, the one imported before, one with the same
        slug, or a new one. Counted once per category."""
        if nicename in self.sections:
            return self.sections[nicename]
        kind = "chuyên mục"
        mapped = self.section_map.get(nicename)
        if mapped is not None:
            section = Section.objects.get(slug=mapped)
            self.stats[kind]["theo tệp ánh xạ"] += 1
        else:
            done = self.imported(ImportedItem.Kind.CATEGORY, nicename)
            section = Section.objects.filter(pk=done.object_id).first() if done else None
            if section is not None:
                self.stats[kind]["bỏ qua (đã có)"] += 1
            else:
                if nicename == UNCATEGORIZED[0] and name.lower() in ("uncategorized", nicename):
                    name = UNCATEGORIZED[1]
                slug = nicename if VALID_SLUG.match(nicename) and name != UNCATEGORIZED[1] else slugify_vi(name)
                slug = slug[:100].strip("-") or "chuyen-muc"
                section = Section.objects.filter(slug=slug).first() if slug not in RESERVED_SLUGS else None
                if section is None:
                    slug = unique_slug(slug, lambda s: Section.objects.filter(slug=s).exists(), "chuyen-muc")
                    section = Section(name=name[:100], slug=slug[:100],
                                      description=content.plain_text(description))
                    section.full_clean()
                    section.save()
                    self.stats[kind]["tạo mới"] += 1
                else:
                    self.stats[kind]["gộp vào chuyên mục có sẵn"] += 1
                self.remember(ImportedItem.Kind.CATEGORY, nicename, section)
        return self.cached(self.sections, nicename, section)

    def category_path(self, nicename, depth=0):
        parent = self.category_parents.get(nicename)
        if parent and depth < 10:
            return f"{self.category_path(parent, depth + 1)}/{nicename}"
        return nicename

    def import_tag(self, entry):
        slug = unquote(entry.get("wp:tag_slug", "")).strip()
        name = nfc(unescape(entry.get("wp:tag_name", ""))).strip() or slug
        tag = self.tag_for(slug, name)
        self.add_archive_redirects([f"/tag/{slug}/", f"/?tag={slug}"], tag)

    def tag_for(self, slug, name):
        key = name.casefold()
        if key not in self.tags:
            tag = Tag.objects.filter(name__iexact=name[:100]).first()
            if tag is None:
                tag = Tag.objects.create(name=name[:100])
                self.stats["thẻ"]["tạo mới"] += 1
            else:
                self.stats["thẻ"]["bỏ qua (đã có)"] += 1
            self.cached(self.tags, key, tag)
        return self.tags[key]

    def add_archive_redirects(self, old_paths, target):
        """Old archive addresses (a "?cat=" without a term id is nothing) to a section or a tag."""
        rows = [(path, target) for path in old_paths if not path.endswith("=")]
        self.stats["chuyển hướng"]["tạo mới"] += add_redirects(rows)

    def import_author(self, entry):
        self.author_for(entry.get("wp:author_login", "").strip(), entry)

    def author_for(self, login, entry=None):
        """The author profile of a WordPress login (made from dc:creator alone in WXR 1.0)."""
        if login in self.authors:
            return self.authors[login]
        entry = entry or {}
        done = self.imported(ImportedItem.Kind.AUTHOR, login)
        author = Author.objects.filter(pk=done.object_id).first() if done else None
        if author is None:
            full = " ".join(filter(None, (entry.get("wp:author_first_name", "").strip(),
                                          entry.get("wp:author_last_name", "").strip())))
            name = nfc(unescape(entry.get("wp:author_display_name", "").strip() or full or login))
            author = Author.objects.create(name=name[:120] or "Tác giả")
            self.remember(ImportedItem.Kind.AUTHOR, login, author)
            self.stats["tác giả"]["tạo mới"] += 1
        else:
            self.stats["tác giả"]["bỏ qua (đã có)"] += 1
        if self.create_logins and author.user_id is None:
            author.user = self.journalist_login(login, entry.get("wp:author_email", ""))
            author.save(update_fields=["user"])
        return self.cached(self.authors, login, author)

    def journalist_login(self, login, email):
        """A staff login in the journalist group with an unusable password; never an admin. An
        existing account is never taken over: a free name is made from the login instead."""
        User = get_user_model()
        base = re.sub(r"[^\w.@+-]", "", slugify_vi(login) or "wp")[:140] or "wp"
        username, n = base, 1
        while User.objects.filter(username__iexact=username).exists():
            n += 1
            username = f"{base}-wp{n if n > 2 else ''}"
        try:
            validate_email(email)
        except ValidationError:
            email = ""
        user = User(username=username, email=email, is_staff=True, is_superuser=False)
        user.set_unusable_password()
        user.save()
        user.groups.add(Group.objects.get(name=roles.JOURNALIST))
        self.stats["tài khoản phóng viên"]["tạo mới"] += 1
        return user

    # Items ------------------------------------------------------------------------------

    def wanted(self, item):
        """Whether an item is a post (or a page, with --pages-section) to import; counts the others."""
        post_type = item.get("wp:post_type", "post")
        if post_type == "post" or (post_type == "page" and self.pages_target is not None):
            return True
        if post_type == "page":
            self.stats["trang"]["bỏ qua (không nhập trang)"] += 1
        elif post_type != "attachment":
            self.stats["khác (menu, bản lưu...)"]["bỏ qua"] += 1
        return False

    def import_posts(self, items):
        """Posts and pages with their bylines, tags, redirects and comments: new articles go in with
        bulk inserts after derived.derive(), changed ones through derived.save()."""
        done = self.imported_many([ImportedItem.Kind.POST, ImportedItem.Kind.PAGE],
                                  [item.get("wp:post_id", "").strip() for item in items])
        articles = Article.objects.in_bulk([record.object_id for record in done.values()]) if self.update else {}
        posts = []
        for item in items:
            post = Post(item)
            status = item.get("wp:status", "").strip()
            if status not in STATUSES:  # trash, auto-draft: not content
                self.stats[post.kind][f"bỏ qua (trạng thái {status or 'trống'})"] += 1
                continue
            post.record = done.get((post.record_kind, post.post_id))
            if post.record is not None and (not self.update or post.record.checksum == post.checksum):
                self.stats[post.kind]["bỏ qua (không đổi)" if self.update else "bỏ qua (đã nhập)"] += 1
                continue
            post.article = articles.get(post.record.object_id) if post.record is not None else None
            try:
                post.article = self.prepared_article(post.article or Article(), item, post.kind, post.post_id)
            except ItemError as error:
                self.stats[post.kind]["lỗi"] += 1
                self.say(f"Lỗi ở {post.kind} {post.post_id} “{post.title}”: {error} — bỏ qua, nhập tiếp.")
                continue
            posts.append(post)
        self.assign_slugs(posts)
        new = [post.article for post in posts if post.article.pk is None]
        for article in new:
            derived.derive(article)
        Article.objects.bulk_create(new)
        derived.update_search_vectors([article.pk for article in new])
        for post in posts:
            if post.record is not None:
                derived.save(post.article)
        self.set_bylines_and_tags(posts)
        self.stats["chuyển hướng"]["tạo mới"] += add_redirects(
            row for post in posts for row in self.post_redirects(post.article, post.item, post.post_id)
        )
        self.import_comments(posts)
        self.record_posts(posts)

    def imported_many(self, kinds, keys):
        """{(kind, key): ImportedItem} of this site (one query)."""
        found = ImportedItem.objects.filter(site=self.site, kind__in=kinds, key__in=[k[:300] for k in keys])
        return {(record.kind, record.key): record for record in found}

    def prepared_article(self, article, item, kind, post_id):
        """The article's fields from the item (ItemError when it cannot be imported)."""
        if not post_id.isdigit():
            raise ItemError("thiếu mã bài (wp:post_id)")
        self.fill_article(article, item, kind, item["wp:status"].strip())
        return article

    def record_posts(self, posts):
        ImportedItem.objects.bulk_create([
            ImportedItem(site=self.site, kind=post.record_kind, key=post.post_id, object_id=post.article.pk,
                         guid=post.item.get("guid", "").strip()[:500], checksum=post.checksum,
                         comments=post.comment_ids)
            for post in posts if post.record is None
        ])
        for post in posts:
            if post.record is not None:
                record = post.record
                record.object_id, record.checksum, record.comments = post.article.pk, post.checksum, post.comment_ids
                record.save(update_fields=["object_id", "checksum", "comments", "imported_at"])
            self.stats[post.kind]["cập nhật" if post.record is not None else "tạo mới"] += 1

    def fill_article(self, article, item, kind, status):
        post_id = item["wp:post_id"].strip()
        title = nfc(unescape(item.get("title", ""))).strip() or f"Bài viết số {post_id}"
        published_at = self.post_time(item)
        if status in ("publish", "future") and published_at is None:
            raise ItemError("ngày đăng không hợp lệ (wp:post_date_gmt, wp:post_date)")
        article.title = title[:300]
        article.status = STATUSES[status]
        article.published_at = published_at if status in ("publish", "future") else None
        article.section = self.pages_target if kind == "trang" else self.post_section(item)
        article.sapo = content.plain_text(item.get("excerpt:encoded", ""))
        article.allow_comments = item.get("wp:comment_status", "open").strip() != "closed"
        body, dropped = content.convert(item.get("content:encoded", ""))
        if dropped:
            self.say(f"Bài {post_id} “{title}”: bỏ shortcode {', '.join(f'[{n}]' for n in dropped)}.")
        article.body = self.rewrite_uploads(body, post_id, title)
        self.set_cover(article, item, post_id, title)

    def post_time(self, item):
        """published_at from post_date_gmt; post_date (site time) when the GMT one is empty."""
        gmt = item.get("wp:post_date_gmt", "").strip()
        if gmt and not gmt.startswith("0000"):
            return _parse_time(gmt, datetime.UTC)
        local = item.get("wp:post_date", "").strip()
        if local and not local.startswith("0000"):
            return _parse_time(local, timezone.get_current_timezone())
        return None

    def post_section(self, item):
        categories = [c for c in item["categories"] if c[0]]
        preferred = [c for c in categories if c[0] != UNCATEGORIZED[0]] or categories
        if not preferred:
            return self.section_for(*UNCATEGORIZED)
        nicename, name = preferred[0]
        nicename = unquote(nicename)
        return self.sections.get(nicename) or self.section_for(nicename, nfc(unescape(name)))

    def assign_slugs(self, posts):
        """post_name when it is a valid slug of ours and free; else one made from it or the title
        (one query for the batch, one more per clash)."""
        wanted = []
        for post in posts:
            article = post.article
            name = unquote(post.item.get("wp:post_name", "")).strip()
            slug = name.lower()
            if not VALID_SLUG.match(slug) or len(slug) > SLUG_MAX_LENGTH:
                slug = slugify_vi(name) or slugify_vi(article.title)
            wanted.append((article, slug))
        mine = [post.article.pk for post in posts if post.article.pk]
        taken = set(Article.objects.filter(slug__in=[slug for _, slug in wanted]).exclude(pk__in=mine)
                    .values_list("slug", flat=True))
        for article, slug in wanted:
            if not slug or slug in RESERVED_SLUGS or slug in taken:
                others = Article.objects.exclude(pk=article.pk)
                slug = unique_slug(slug or article.title,
                                   lambda s, others=others: s in taken or others.filter(slug=s).exists())
            article.slug = slug
            taken.add(slug)

    def set_bylines_and_tags(self, posts):
        changed = [post.article.pk for post in posts if post.record is not None]
        ArticleAuthor.objects.filter(article__in=changed).delete()
        TaggedArticle.objects.filter(content_object__in=changed).delete()
        bylines, tagged = [], []
        for post in posts:
            item, article = post.item, post.article
            login = item.get("dc:creator", "").strip()
            if login:
                bylines.append(ArticleAuthor(article=article, author=self.author_for(login), position=0))
            tags = {self.tag_for(unquote(slug), nfc(unescape(name)) or unquote(slug)).pk
                    for slug, name in item["tags"] if name or slug}
            tagged += [TaggedArticle(content_object=article, tag_id=pk) for pk in tags]
        ArticleAuthor.objects.bulk_create(bylines)
        TaggedArticle.objects.bulk_create(tagged)

    def post_redirects(self, article, item, post_id):
        """(old path, article) pairs: the permalink, the guid and "?p=<id>" (or "?page_id=<id>")."""
        if not article.is_published():
            return []  # never public on the old site either (a draft), or not yet here (scheduled)
        paths = [f"/?page_id={post_id}" if item.get("wp:post_type") == "page" else f"/?p={post_id}"]
        for url in (item.get("link", ""), item.get("guid", "")):
            parts = urlsplit(url.strip())
            if parts.path not in ("", "/"):
                paths.append(parts.path)
            elif parts.query:
                paths.append(f"/?{parts.query}")
        return [(path, article) for path in dict.fromkeys(paths)]

    # Images -----------------------------------------------------------------------------

    def set_cover(self, article, item, post_id, title):
        thumbnail = item["meta"].get("_thumbnail_id", "").strip()
        attachment = self.attachments.get(thumbnail)
        if not thumbnail:
            return
        if attachment is None or not attachment["file"]:
            self.say(f"Bài {post_id} “{title}”: ảnh đại diện (tệp đính kèm {thumbnail}) không có trong bản xuất.")
            self.stats["ảnh"]["lỗi"] += 1
            return
        name = self.stored_file(attachment["file"], post_id, title)
        if name:
            article.cover_image = name
            article.cover_alt = attachment["alt"][:300]
            article.cover_caption = attachment["caption"][:500]

    def rewrite_uploads(self, html, post_id, title):
        """Point every /wp-content/uploads/ image to our copy; drop the images whose file is missing."""
        missing = set()

        def link(match):
            name = self.stored_file(match.group("rel"), post_id, title)
            if name is None:
                missing.add(match.group("url"))
                return match.group(0)
            return f"{match.group('attr')}{match.group('q')}{default_storage.url(name)}{match.group('q')}"

        html = UPLOADS.sub(link, html)
        if not missing:
            return html
        html = IMG_TAG.sub(lambda m: "" if any(url in m.group(0) for url in missing) else m.group(0), html)
        html = LINK_AROUND.sub(
            lambda m: m.group("inner") if any(url in m.group(0)[:m.start("inner") - m.start()] for url in missing)
            else m.group(0), html)
        return EMPTY_FIGURE.sub("", html)

    def stored_file(self, relative, post_id, title):
        """Our storage name for a file of the uploads folder (copied once, cleaned, with renditions),
        or None when it is missing or not an image (reported). A resized copy that WordPress made
        (photo-300x200.jpg) and is not in the folder is served by its original."""
        relative = self.find_upload(unquote(relative).lstrip("/")) or unquote(relative).lstrip("/")
        if relative not in self.files:
            self.cached(self.files, relative, self.copy_file(relative))
        name, problem = self.files[relative]
        if problem:
            self.stats["ảnh"]["lỗi"] += 1
            self.say(f"Bài {post_id} “{title}”: ảnh {relative} {problem}, ảnh bị bỏ (bài vẫn được nhập).")
        return name

    def copy_file(self, relative):
        """(storage name, None) or (None, why not) for a path relative to --media-dir."""
        done = self.imported(ImportedItem.Kind.FILE, relative)
        if done is not None and done.stored_name and default_storage.exists(done.stored_name):
            self.stats["ảnh"]["bỏ qua (đã có)"] += 1
            return done.stored_name, None
        if self.find_upload(relative) != relative:
            return None, "không có trong --media-dir"
        if self.dry_run:
            self.stats["ảnh"]["tạo mới"] += 1
            return f"wordpress/{relative}", None
        with open(self.media_dir / relative, "rb") as handle:
            upload = File(handle, name=os.path.basename(relative))
            try:
                check_image(upload)
            except ImageRejected as rejected:
                return None, f"bị từ chối ({rejected})"
            name = store_upload(upload, "wordpress/" + (os.path.dirname(relative) or "khac"))
        self.remember(ImportedItem.Kind.FILE, relative, stored_name=name)
        self.stats["ảnh"]["tạo mới"] += 1
        return name, None

    def find_upload(self, relative):
        """The path (relative to --media-dir) of the file or of its full-size original, or None.
        Nothing outside --media-dir is ever read."""
        if self.media_dir is None:
            return None
        for candidate in dict.fromkeys((relative, RESIZED.sub("", relative))):
            path = (self.media_dir / candidate).resolve()
            if path.is_relative_to(self.media_dir) and path.is_file():
                return candidate
        return None

    # Comments ---------------------------------------------------------------------------

    def import_comments(self, posts):
        """The comments of these posts not imported before (post.record.comments knows them),
        threads kept: bulk inserts, parents before replies (no signals; the page cache is told at
        the end of the run). Fills post.comment_ids."""
        kind = "bình luận"
        waiting = {}
        for n, post in enumerate(posts):
            post.comment_ids = dict(post.record.comments) if post.record is not None else {}
            for raw in post.item["comments"]:
                comment_id = raw.get("wp:comment_id", "").strip()
                if comment_id in post.comment_ids:
                    self.stats[kind]["bỏ qua (đã nhập)"] += 1
                    continue
                comment = self.comment_from(raw, post.article)
                if comment is not None:
                    waiting[(n, comment_id)] = (comment, (n, raw.get("wp:comment_parent", "0").strip()))
        while waiting:
            # Comments whose parent is stored (or is none of the new ones) go in now, replies after.
            ready = {key: value for key, value in waiting.items() if value[1] not in waiting}
            if not ready:  # parents that loop in the file: stored without their parent
                ready = waiting
            for comment, (n, parent) in ready.values():
                comment.parent_id = posts[n].comment_ids.get(parent)
            Comment.objects.bulk_create([comment for comment, _ in ready.values()], batch_size=1000)
            for (n, comment_id), (comment, _) in ready.items():
                posts[n].comment_ids[comment_id] = comment.pk
            self.stats[kind]["tạo mới"] += len(ready)
            waiting = {key: value for key, value in waiting.items() if key not in ready}

    def comment_from(self, raw, article):
        from comments.models import Comment

        kind = "bình luận"
        if raw.get("wp:comment_type", "").strip() in ("pingback", "trackback"):
            self.stats[kind]["bỏ qua (pingback)"] += 1
            return None
        status = COMMENT_STATUSES.get(raw.get("wp:comment_approved", "").strip())
        body = nfc(content.plain_text(raw.get("wp:comment_content", "")))
        if status is None or not body:
            self.stats[kind]["bỏ qua (trống hoặc trạng thái lạ)"] += 1
            return None
        email = raw.get("wp:comment_author_email", "").strip()
        address = raw.get("wp:comment_author_IP", "").strip()
        try:
            validate_email(email)
        except ValidationError:
            email = ""
        try:
            validate_ipv46_address(address)
        except ValidationError:
            address = None
        created_at = (_time_or_none(raw.get("wp:comment_date_gmt", ""), datetime.UTC)
                      or _time_or_none(raw.get("wp:comment_date", ""), timezone.get_current_timezone())
                      or article.published_at or timezone.now())
        name = nfc(unescape(raw.get("wp:comment_author", ""))).strip() or "Bạn đọc"
        return Comment(article=article, name=name[:80], email=email[:254], body=body, status=status,
                       ip_address=address, created_at=created_at,
                       moderated_at=created_at if status != "pending" else None)


class Post:
    """One post or page of the export on its way in."""

    def __init__(self, item):
        self.item, self.article, self.record, self.comment_ids = item, None, None, {}
        self.kind = "trang" if item.get("wp:post_type") == "page" else "bài viết"
        self.record_kind = ImportedItem.Kind.PAGE if self.kind == "trang" else ImportedItem.Kind.POST
        self.post_id = item.get("wp:post_id", "").strip()
        self.title = unescape(item.get("title", "")).strip()
        self.checksum = hashlib.sha256(json.dumps(item, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def describe(error):
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)
    if isinstance(error, ItemError):
        return str(error)
    return f"{type(error).__name__}: {error}"


def _attachment(entry):
    url = entry.get("wp:attachment_url", "").strip()
    relative = entry["meta"].get("_wp_attached_file", "").strip()
    if not relative and "/wp-content/uploads/" in url:
        relative = url.split("/wp-content/uploads/", 1)[1]
    return {
        "file": relative,
        "alt": nfc(entry["meta"].get("_wp_attachment_image_alt", "")).strip(),
        "caption": nfc(content.plain_text(entry.get("excerpt:encoded", ""))),
    }


def _parse_time(text, zone):
    text = text.strip()
    try:
        if not WP_DATE.fullmatch(text):
            raise ValueError
        return datetime.datetime.fromisoformat(text).replace(tzinfo=zone)
    except ValueError:
        raise ItemError(f"ngày giờ không hợp lệ “{text.strip()}”") from None


def _time_or_none(text, zone):
    try:
        return _parse_time(text, zone) if text.strip() and not text.startswith("0000") else None
    except ItemError:
        return None


@contextmanager
def _nothing():
    yield
