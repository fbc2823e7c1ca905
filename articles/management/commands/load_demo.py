"""Demo content for a first `make run`: the reference article and its neighbours.

Idempotent: what exists (matched by slug) is left as it is, what is missing is
created, so running it twice changes nothing.
"""

import datetime
import re
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
from articles.demo.images import make_image, make_portrait
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


def stored_image(name, draw, *args, **kwargs):
    """The media path of a demo image, drawn (draw(*args, **kwargs) gives its bytes) once and reused afterwards."""
    path = f"demo/{name}"
    if not default_storage.exists(path):
        default_storage.save(path, ContentFile(draw(*args, **kwargs)))
    return path


def html(body):
    """A body as stored: the data file's line breaks inside paragraphs become spaces."""
    return re.sub(r">\s+<", "><", " ".join(body.split()))


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
        for item in [*content.HIGHLIGHTS, *content.STORIES]:
            self.load_article(item, html(item["body"]), sections, authors, cover=self.cover(item))
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
                author.photo = stored_image(f"tac-gia-{slug}-chan-dung.jpg", make_portrait, seed=index)
                author.save(update_fields=["photo"])
            authors[slug] = author
        return authors

    def load_reference(self, sections, authors):
        item = content.REFERENCE
        body = (DEMO_DIR / item["body_file"]).read_text(encoding="utf-8")
        paths = {
            name: stored_image(name, make_image, palette)
            for name, (palette, _caption) in item["images"].items()
        }
        for name, path in paths.items():
            body = body.replace(f"{{{{ {name} }}}}", default_storage.url(path))
        return self.load_article(item, body, sections, authors, cover=paths[item["cover"]])

    @staticmethod
    def cover(item):
        """The story's own picture: its scene and palette, moved about by its title."""
        scene, palette = item["picture"]
        slug = slugify_vi(item["title"])
        return stored_image(f"{slug[:60]}-{scene}.jpg", make_image, palette, seed=slug, scene=scene)

    def load_article(self, item, body, sections, authors, cover=None):
        slug = slugify_vi(item["title"])
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
