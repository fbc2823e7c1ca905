"""The newsroom groups come from one module (roles/newsroom.py) and the migrations give every
install exactly what it says."""

import ast
import pathlib

import pytest
from django.contrib.auth.models import Group, Permission

from roles import newsroom as roles

ROOT = pathlib.Path(__file__).resolve().parent.parent
# The table itself, and the frozen copy the migration keeps.
OWNERS = {ROOT / "roles" / "newsroom.py", ROOT / "roles" / "migrations" / "0001_roles.py"}


def expected(group):
    names = set()
    for app_label, codenames in roles.PERMISSIONS[group].items():
        permissions = Permission.objects.filter(content_type__app_label=app_label)
        if codenames != roles.ALL:
            assert permissions.filter(codename__in=codenames).count() == len(codenames), app_label
            permissions = permissions.filter(codename__in=codenames)
        names |= {f"{app_label}.{codename}" for codename in permissions.values_list("codename", flat=True)}
    return names


@pytest.mark.django_db
@pytest.mark.parametrize("group", [roles.EDITOR, roles.JOURNALIST])
def test_migrated_groups_hold_exactly_the_permissions_of_the_roles_module(group):
    held = Group.objects.get(name=group).permissions.values_list("content_type__app_label", "codename")
    assert {f"{app}.{codename}" for app, codename in held} == expected(group)


def group_lookups(tree):
    """String literals naming a group: Group lookups by name, make_user roles, group tables."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and node.value in (roles.EDITOR, roles.JOURNALIST):
            yield node.lineno


def python_files():
    for path in ROOT.rglob("*.py"):
        if not {".venv", "node_modules"} & set(path.parts) and path not in OWNERS:
            yield path


def test_no_file_but_the_roles_module_spells_a_group_name():
    # The same words as job titles (an author's "Phóng viên", a comment signature) are not
    # group names; they sit in lists of titles, which this allows by file.
    titles = {"articles/demo/content.py", "articles/management/commands/generate_content.py",
              "comments/moderation.py", "redirects/models.py", "redirects/migrations/0001_initial.py"}
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in python_files() if str(path.relative_to(ROOT)) not in titles
        for line in group_lookups(ast.parse(path.read_text()))
    ]
    assert found == []
