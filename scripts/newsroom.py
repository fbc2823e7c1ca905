"""The newsroom of `make bench-newsroom` (scripts/newsroom_bench.py): a journalist and an editor at work.

Runs inside the project (Django settings from the environment) and changes content only through
the project's own functions: a draft saved as the admin saves it (one save, one revision, one
log row), `articles.workflow.publish` and `comments.moderation.approve`. After each publication
and each approval it asks the site, as an anonymous reader, for the page that changed and checks
that the change shows: the article page, the home page and the section page for a publication,
the article page for an approved comment. A check that does not show the change is a stale read.

    python scripts/newsroom.py paths                       # JSON: home, sections, newest articles
    python scripts/newsroom.py prepare --comments 12       # the editor and comments waiting
    python scripts/newsroom.py write --site URL --duration 20 --events events.jsonl

`write` prints "ready" once Django is loaded, waits for a line on stdin, then works for
`duration` seconds: a draft save every 2 s, a publication every 15 s, an approval every 5 s.
"""

import argparse
import json
import os
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EDITOR = "newsroom-bench"
MARK = "nrb"  # in the titles and comments the newsroom writes, so that checks find them
DRAFT_EVERY, PUBLISH_EVERY, APPROVE_EVERY = 2.0, 15.0, 5.0
SETTLE = 1.5  # how long a stale read is asked again, to say when the change showed


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "magazine.settings")
    import django

    django.setup()


# ---------------------------------------------------------------- what readers read


def reader_paths(newest=5000):
    """The home page, every section, and the newest `newest` public articles, newest first."""
    from articles.models import Article, Section

    articles = Article.objects.published().newest().only("pk", "slug")[:newest]
    return {
        "home": "/",
        "sections": [section.get_absolute_url() for section in Section.objects.order_by("position", "pk")],
        "articles": [article.get_absolute_url() for article in articles],
    }


# ---------------------------------------------------------------- the newsroom's steps


def editor():
    from django.contrib.auth import get_user_model

    user, created = get_user_model().objects.get_or_create(
        username=EDITOR, defaults={"is_staff": True, "is_superuser": True, "email": f"{EDITOR}@example.com"}
    )
    return user


def prepare(comment_count, newest=20):
    """Comments waiting for moderation on the most read articles (a reader's post: a pending row)."""
    from articles.models import Article
    from comments.models import Comment

    articles = list(Article.objects.published().newest()[:newest])
    editor()
    comments = [
        Comment.objects.create(
            article=articles[i % len(articles)], name="Bạn đọc", email="ban-doc@example.com",
            body=f"Ý kiến bạn đọc {MARK}-{time.time_ns()}-{i}: mong tòa soạn tiếp tục theo dõi.",
            status=Comment.Status.PENDING, ip_address="10.0.0.1",
        )
        for i in range(comment_count)
    ]
    return [comment.pk for comment in comments]


def save_draft(article, user, number):
    """Write the next paragraph of the draft `article` (None: start a new one), saved the way the
    admin saves it: one save, one revision, one log row. Returns the draft."""
    import reversion
    from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
    from django.db import transaction

    from articles import derived
    from articles.models import Article, ArticleAuthor, Section, Tag
    from authors.models import Author

    paragraph = f"<p>Đoạn {number}: phóng viên đang viết tiếp bài này tại tòa soạn.</p>"
    with transaction.atomic(), reversion.create_revision():
        adding = article is None
        if adding:
            stamp = time.time_ns()
            article = Article(
                title=f"Tin mới nhất {MARK} {stamp}: Hà Nội chỉnh trang phố cổ",
                sapo="Bài đang viết trong tòa soạn.", body=paragraph, status=Article.Status.DRAFT,
                section=Section.objects.order_by("position", "pk").first(), created_by=user,
            )
            derived.save(article)
            ArticleAuthor.objects.create(article=article, author=Author.objects.order_by("pk").first())
            article.tags.add(*Tag.objects.order_by("pk")[:2])
        else:
            article.body += paragraph
            derived.save(article)
        reversion.set_user(user)
        LogEntry.objects.log_actions(user.pk, [article], ADDITION if adding else CHANGE,
                                     change_message="Sửa nội dung", single_object=True)
    return article


def publish(article, user):
    from articles import workflow

    return workflow.publish(article, user)


def approve(comment_id, user):
    from comments.models import Comment
    from comments.moderation import approve as approve_comments

    comment = Comment.objects.select_related("article").get(pk=comment_id)
    approve_comments([comment], user)
    return comment


# ---------------------------------------------------------------- freshness


def read(site, path):
    """An anonymous reader's GET: (status, X-Page-Cache, body text)."""
    request = urllib.request.Request(site + path, headers={"User-Agent": "nhn-newsroom-check/1"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers.get("X-Page-Cache", ""), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Page-Cache", ""), error.read().decode(errors="replace")


def check(site, kind, path, expected, changed_at, status_wanted=200):
    """The next reader request for `path` must show `expected`; a stale read otherwise."""
    status, cache, body = read(site, path)
    return {"event": "check", "kind": kind, "path": path, "fresh": status == status_wanted and expected in body,
            "status": status, "cache": cache, "after_ms": round((time.monotonic() - changed_at) * 1000, 1),
            "expected": expected}


def settle(site, checks, changed_at, seconds):
    """Ask the stale reads again until the change shows (at most `seconds` after it), to say when."""
    for result in checks:
        while not result["fresh"] and time.monotonic() < changed_at + seconds:
            time.sleep(0.05)
            status, _, body = read(site, result["path"])
            if status == 200 and result["expected"] in body:
                result["shown_after_ms"] = round((time.monotonic() - changed_at) * 1000, 1)
                break
    return checks


def publication_checks(site, article, seconds=0.0):
    """The article page, the home page and the section page, each asked once right after the
    publication (then the stale ones again for up to `seconds`)."""
    from django.utils.html import escape

    url = article.get_absolute_url()
    changed_at = time.monotonic()
    checks = [
        check(site, "publish: article page", url, escape(article.title), changed_at),
        check(site, "publish: home", "/", url, changed_at),
        check(site, "publish: section", article.section.get_absolute_url(), url, changed_at),
    ]
    return settle(site, checks, changed_at, seconds)


def approval_checks(site, comment, seconds=0.0):
    marker = comment.body.split(":", 1)[0].split()[-1]
    changed_at = time.monotonic()
    checks = [check(site, "approve: article page", comment.article.get_absolute_url(), marker, changed_at)]
    return settle(site, checks, changed_at, seconds)


# ---------------------------------------------------------------- the schedule


def schedule(duration):
    """(second, step) pairs: drafts every 2 s from 0, publications every 15 s from 2.5 s (a draft
    has been saved by then), approvals every 5 s from 1 s."""
    def series(every, first, name):
        return [(first + every * i, name) for i in range(int((duration - first) / every) + 1)
                if first + every * i < duration]

    return sorted(series(DRAFT_EVERY, 0, "draft") + series(PUBLISH_EVERY, 2.5, "publish")
                  + series(APPROVE_EVERY, 1, "approve"))


def work(site, duration, comment_ids, out):
    user = editor()
    comments = iter(comment_ids)
    draft, drafts = None, 0
    start = time.monotonic()
    for moment, step in schedule(duration):
        time.sleep(max(0.0, start + moment - time.monotonic()))
        began = time.monotonic()
        if step == "draft":
            drafts += 1
            draft = changed = save_draft(draft, user, drafts)
        elif step == "publish" and draft is not None:
            changed, draft = publish(draft, user), None
        elif step == "approve" and (comment_id := next(comments, None)) is not None:
            changed = approve(comment_id, user)
        else:
            continue
        events = [{"event": step, "at": round(began - start, 3), "ms": round((time.monotonic() - began) * 1000, 1)}]
        if step == "draft":
            # Not public: its URL stays a 404 (which may be cached meanwhile).
            events.append(check(site, "draft: still hidden", changed.get_absolute_url(), "", began, 404))
        elif step == "publish":
            events += publication_checks(site, changed, SETTLE)
        else:
            events += approval_checks(site, changed, SETTLE)
        out.writelines(json.dumps(event) + "\n" for event in events)
        out.flush()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("paths").add_argument("--newest", type=int, default=5000)
    sub.add_parser("prepare").add_argument("--comments", type=int, default=12)
    writer = sub.add_parser("write")
    writer.add_argument("--site", required=True)
    writer.add_argument("--duration", type=float, default=20)
    writer.add_argument("--comment-ids", default="", help="comma-separated, from prepare")
    writer.add_argument("--events", required=True, help="JSON lines written here")
    args = parser.parse_args(argv)
    setup_django()
    if args.command == "paths":
        print(json.dumps(reader_paths(args.newest)))
    elif args.command == "prepare":
        print(json.dumps(prepare(args.comments)))
    else:
        ids = [int(pk) for pk in args.comment_ids.split(",") if pk]
        print("ready", flush=True)
        sys.stdin.readline()
        with open(args.events, "w") as out:
            work(args.site, args.duration, ids, out)


if __name__ == "__main__":
    main()
