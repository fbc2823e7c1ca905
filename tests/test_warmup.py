"""magazine.warmup: what gunicorn's master loads before forking (preload_app), so that a new or
recycled worker's first page is not parsing templates and compiling URL patterns."""

from django.db import connection
from django.template import engines

from magazine.warmup import warm_up


def test_warm_up_parses_the_public_templates_and_opens_no_connection():
    connection.close()
    loader = engines["django"].engine.template_loaders[0]
    loader.reset()
    names = warm_up()
    assert "articles/article.html" in names and "base.html" in names
    assert not any(name.startswith("admin/") for name in names)
    cached = loader.get_template_cache
    assert {"articles/article.html", "articles/home.html", "comments/section.html"} <= set(cached)
    assert connection.connection is None  # a forked worker must not share the master's
