"""Demo content for a first `make run`: the reference article and its neighbours.

Idempotent: what exists (matched by slug) is left as it is, what is missing is
created, so running it twice changes nothing.
"""

import datetime
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import module_has_submodule

from articles import derived
from articles.demo import content
from articles.demo.images import make_image
from articles.models import Article, ArticleAuthor, Section
from authors.models import Author
from roles import newsroom as roles
from vietnamese import slugify_vi

DEMO_DIR = Path(content.__file__).parent
# Local demo logins, documented in README.md; never used in production.
DEMO_USERS = [
    # (username, password, group or None for a superuser, author slug)
    ("admin", "admin-nguoihanoi", None, None),
    ("bientapvien", "bientap-nguoihanoi", roles.EDITOR, "thu-ha"),
    ("phongvien", "phongvien-nguoihanoi", roles.JOURNALIST, "huyen-anh"),
]


def local_time(text):
    naive = datetime.datetime.strptime(text, "%Y-%m-%d %H:%M")
    return timezone.make_aware(naive, timezone.get_default_timezone())


def stored_image(name, palette, seed=0):
    """The media path of a demo image, drawn once and reused afterwards."""
    path = f"demo/{name}"
    if not default_storage.exists(path):
        default_storage.save(path, ContentFile(make_image(palette, seed=seed)))
    return path


class Command(BaseCommand):
    help = "Tạo nội dung mẫu: chuyên mục, tác giả, bài viết tham chiếu và các bài xung quanh."

    def add_arguments(self, parser):
        parser.add_argument(
            "--users", action="store_true",
            help="Tạo thêm các tài khoản thử nghiệm (admin, bientapvien, phongvien) của README.",
        )

    @transaction.atomic
    def handle(self, *args, users=False, **options):
        sections = self.load_sections()
        authors = self.load_authors()
        reference = self.load_reference(sections, authors)
        for item in content.HIGHLIGHTS:
            body = content.HIGHLIGHT_BODY.format(sapo=item["sapo"])
            self.load_article(item, body, sections, authors, palette=item["palette"])
        for title, section, author_slugs, published_at, tags, palette in content.FILLERS:
            item = {
                "title": title, "section": section, "authors": author_slugs,
                "published_at": published_at, "tags": tags,
                "sapo": content.FILLER_SAPO.format(title=title),
            }
            self.load_article(item, content.FILLER_BODY, sections, authors, palette=palette)
        # Apps that articles does not know (featured lists, ...) add theirs in `<app>/demo.py`.
        for app_config in apps.get_app_configs():
            if app_config.name != "articles" and module_has_submodule(app_config.module, "demo"):
                import_module(f"{app_config.name}.demo").load_demo(self.stdout)
        if users:
            self.load_users(authors)
        self.stdout.write(self.style.SUCCESS(f"Nội dung mẫu sẵn sàng: {reference.get_absolute_url()}"))

    def load_sections(self):
        sections = {}
        for position, (name, slug, description) in enumerate(content.SECTIONS):
            sections[slug], _ = Section.objects.get_or_create(
                slug=slug, defaults={"name": name, "description": description, "position": position},
            )
        return sections

    def load_authors(self):
        authors = {}
        for index, (name, slug, title, bio) in enumerate(content.AUTHORS):
            author, created = Author.objects.get_or_create(
                slug=slug, defaults={"name": name, "title": title, "bio": bio},
            )
            if created:
                author.photo = stored_image(f"tac-gia-{slug}.jpg", "portrait", seed=index)
                author.save(update_fields=["photo"])
            authors[slug] = author
        return authors

    def load_reference(self, sections, authors):
        item = content.REFERENCE
        body = (DEMO_DIR / item["body_file"]).read_text(encoding="utf-8")
        for name, (palette, _caption) in item["images"].items():
            path = stored_image(name, palette)
            body = body.replace(f"{{{{ {name} }}}}", default_storage.url(path))
        return self.load_article(
            item, body, sections, authors,
            cover=stored_image(item["cover"], item["images"][item["cover"]][0]),
        )

    def load_article(self, item, body, sections, authors, palette=None, cover=None):
        slug = slugify_vi(item["title"])
        if cover is None and palette:
            cover = stored_image(f"{slug[:60]}.jpg", palette)
        article = Article.objects.filter(slug=slug).first()
        if article is None:
            article = derived.save(Article(slug=slug, **{
                "title": item["title"],
                "sapo": item["sapo"],
                "body": body,
                "section": sections[item["section"]],
                "status": Article.Status.PUBLISHED,
                "published_at": local_time(item["published_at"]),
                "cover_image": cover or "",
                "cover_caption": item.get("cover_caption", ""),
                "cover_alt": item.get("cover_alt", item["title"]),
            }))
            for position, author_slug in enumerate(item["authors"]):
                ArticleAuthor.objects.create(article=article, author=authors[author_slug], position=position)
            article.tags.add(*item["tags"])
        return article

    def load_users(self, authors):
        User = get_user_model()
        for username, password, group_name, author_slug in DEMO_USERS:
            if User.objects.filter(username=username).exists():
                continue
            if group_name is None:
                User.objects.create_superuser(username, f"{username}@example.com", password)
                continue
            user = User.objects.create_user(username, f"{username}@example.com", password, is_staff=True)
            user.groups.add(Group.objects.get(name=group_name))
            author = authors[author_slug]
            if author.user_id is None:
                author.user = user
                author.save(update_fields=["user"])
        self.stdout.write("Tài khoản thử nghiệm: xem README.md (admin, bientapvien, phongvien).")
