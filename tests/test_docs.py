"""The repository stands alone: the design is in docs/design.md and true to the URLs (issue 13, point 20)."""

import re
from pathlib import Path

from django.urls import resolve

ROOT = Path(__file__).resolve().parent.parent


def test_the_readme_points_at_the_design_in_the_repository():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/design.md" in readme
    assert "shared folder" not in readme


def test_every_fixed_address_of_the_design_exists():
    design = (ROOT / "docs" / "design.md").read_text(encoding="utf-8")
    table = design[design.index("## Public addresses"):design.index("## Content rules")]
    paths = {path.split("?")[0] for path in re.findall(r"`(/[^`]*)`", table)}
    fixed = {path for path in paths if "<" not in path}
    assert {"/", "/rss/", "/sitemap.xml", "/sitemap-news.xml", "/robots.txt", "/healthz", "/tim-kiem/"} <= fixed
    for path in fixed:
        resolve(path)
