"""make backup / make restore: a restore into a fresh database finds every article, comment and image."""

import io
import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from PIL import Image

from articles.models import Article
from comments.models import Comment

from .factories import make_article, make_author

ROOT = Path(__file__).resolve().parent.parent

postgresql_only = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="backups are pg_dump/pg_restore: PostgreSQL only (CI runs them; SQLite skips)",
)


def jpeg(color):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), color).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue())


def make_comments(articles):
    return [
        Comment.objects.create(article=article, name="Bạn đọc", email="ban.doc@example.com",
                               body=f"Bình luận về bài {article.pk}, đủ dài.", ip_address="192.0.2.1")
        for article in articles
    ]


def connect(name):
    params = connection.settings_dict
    return psycopg2.connect(dbname=name, host=params["HOST"], port=params["PORT"] or 5432,
                            user=params["USER"], password=params["PASSWORD"])


@pytest.fixture
def fresh_database():
    name = f"restore_{uuid.uuid4().hex[:12]}"
    admin = connect("postgres")
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    yield name
    admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def restore(folder, database, media_root, *flags):
    params = connection.settings_dict
    credentials = f"{params['USER']}:{params['PASSWORD'] or ''}"
    url = f"postgres://{credentials}@{params['HOST']}:{params['PORT'] or 5432}/{database}"
    env = {
        "PATH": os.environ["PATH"], "DEBUG": "0", "SECRET_KEY": "test-only-not-secret",
        "DATABASE_URL": url, "MEDIA_ROOT": str(media_root),
    }
    return subprocess.run([sys.executable, "manage.py", "restore", str(folder), *flags],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_restores_into_a_fresh_database_with_every_article_comment_and_image(tmp_path, fresh_database):
    author = make_author(name="Huyền Anh")
    author.photo.save("huyen-anh.jpg", jpeg((10, 10, 10)))
    articles = [make_article(title=f"Bài số {i} về Đống Đa", authors=[author], tags=["Đống Đa"]) for i in range(3)]
    for i, article in enumerate(articles):
        article.cover_image.save(f"bia-{i}.jpg", jpeg((i * 60, 100, 100)))
    comments = make_comments(articles)
    images = [article.cover_image.name for article in articles] + [author.photo.name]

    call_command("backup", dir=str(tmp_path / "backups"), stdout=io.StringIO())
    (folder,) = (tmp_path / "backups").iterdir()
    assert {p.name for p in folder.iterdir()} == {"database.dump", "media.tar.gz", "manifest.json"}

    media = tmp_path / "restored-media"
    result = restore(folder, fresh_database, media)
    assert result.returncode == 0, result.stderr

    with connect(fresh_database) as db, db.cursor() as cursor:
        cursor.execute("SELECT id, title, cover_image FROM articles_article ORDER BY id")
        assert cursor.fetchall() == [(a.pk, a.title, a.cover_image.name) for a in Article.objects.order_by("pk")]
        cursor.execute("SELECT count(*) FROM articles_taggedarticle")
        assert cursor.fetchone()[0] == 3
        if comments:
            cursor.execute("SELECT id, body FROM comments_comment ORDER BY id")
            assert cursor.fetchall() == [(c.pk, c.body) for c in comments]
    for name in images:
        restored = media / name
        assert restored.is_file(), name
        assert restored.read_bytes() == (Path(settings.MEDIA_ROOT) / name).read_bytes()


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_refuses_to_overwrite_a_database_that_is_not_empty(tmp_path, fresh_database):
    make_article(title="Bài trong bản sao lưu")
    call_command("backup", dir=str(tmp_path / "backups"), stdout=io.StringIO())
    (folder,) = (tmp_path / "backups").iterdir()
    assert restore(folder, fresh_database, tmp_path / "m1").returncode == 0

    again = restore(folder, fresh_database, tmp_path / "m1")
    assert again.returncode != 0
    assert "not empty" in again.stderr

    with connect(fresh_database) as db, db.cursor() as cursor:
        cursor.execute("UPDATE articles_article SET title = 'Sửa sau khi sao lưu'")
    forced = restore(folder, fresh_database, tmp_path / "m1", "--force")
    assert forced.returncode == 0, forced.stderr
    with connect(fresh_database) as db, db.cursor() as cursor:
        cursor.execute("SELECT title FROM articles_article")
        assert cursor.fetchall() == [("Bài trong bản sao lưu",)]


def test_backup_explains_that_it_needs_postgresql(tmp_path):
    env = {"PATH": os.environ["PATH"], "DEBUG": "0", "SECRET_KEY": "x", "DATABASE_URL": f"sqlite:///{tmp_path}/db"}
    result = subprocess.run([sys.executable, "manage.py", "backup", "--dir", str(tmp_path)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "need PostgreSQL" in result.stderr
