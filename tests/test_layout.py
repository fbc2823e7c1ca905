"""The packages depend one way (README, "Layout"): each package's imports, read from its source,
go only where the table below allows. The shared packages at the bottom know no app."""

import ast
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
# Below the apps: they know no app.
SHARED = {"vietnamese", "web", "images", "pagecache", "security", "roles"}
# Apps above articles: they know articles, authors and the shared packages, not each other.
ABOVE_ARTICLES = {"featured", "comments", "corrections", "printissues", "mostread", "redirects"}
ALLOWED = {
    "vietnamese": set(),
    "web": set(),
    "images": {"vietnamese"},
    "pagecache": set(),
    "security": set(),
    "roles": set(),
    "authors": SHARED,
    "articles": SHARED | {"authors"},
    **{app: SHARED | {"authors", "articles"} for app in ABOVE_ARTICLES},
    "wordpress": SHARED | {"authors", "articles"} | ABOVE_ARTICLES,
    # The project: settings, URLs and WSGI put everything together.
    "magazine": SHARED | {"authors", "articles", "wordpress"} | ABOVE_ARTICLES,
}


def packages(root=ROOT):
    """Top-level packages and modules of the project (not tests, scripts or the tools)."""
    found = {path.parent.name for path in root.glob("*/__init__.py")} - {"tests"}
    found |= {path.stem for path in root.glob("*.py")} - {"manage", "gunicorn.conf"}
    return found


def imports(package, root=ROOT):
    """(imported top-level name, file:line) for every absolute import in a package's files,
    those inside functions included."""
    path = root / package
    files = path.rglob("*.py") if path.is_dir() else [root / f"{package}.py"]
    for file in files:
        for node in ast.walk(ast.parse(file.read_text(), str(file))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                yield name.split(".")[0], f"{file.relative_to(root)}:{node.lineno}"


def wrong_imports(root=ROOT):
    ours = packages(root)
    return [
        f"{where} imports {name}"
        for package in sorted(ours)
        for name, where in imports(package, root)
        if name in ours and name != package and name not in ALLOWED.get(package, ours)
    ]


def test_every_package_is_placed_in_the_layout():
    assert packages() == set(ALLOWED)


def test_imports_follow_the_direction_of_the_layout():
    assert wrong_imports() == []


def test_the_check_finds_an_import_against_the_direction(tmp_path):
    for package, source in {"authors": "def page():\n    from articles.models import Article\n",
                            "articles": "from authors.models import Author\n"}.items():
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
        (tmp_path / package / "views.py").write_text(source)
    assert wrong_imports(tmp_path) == ["authors/views.py:2 imports articles"]
