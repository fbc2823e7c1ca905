"""Backups: a pg_dump of the database plus a tar archive of MEDIA_ROOT, in one folder."""

import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connections
from django.utils import timezone

DUMP, MEDIA, MANIFEST = "database.dump", "media.tar.gz", "manifest.json"
# Rebuilt on demand, never worth restoring: cached pages and logged-in sessions.
SKIPPED_TABLE_DATA = ["django_cache", "django_session"]


def pg_command(alias="default"):
    """Connection arguments and environment for the PostgreSQL client tools."""
    connection = connections[alias]
    if connection.vendor != "postgresql":
        raise CommandError("Backups need PostgreSQL (DATABASE_URL=postgres://...); this database is "
                           f"{connection.vendor}.")
    params = connection.settings_dict
    args = ["--dbname", params["NAME"]]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if params.get(key):
            args += [flag, str(params[key])]
    env = dict(os.environ)
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = params["PASSWORD"]
    return args, env


def _run(command, env):
    if shutil.which(command[0]) is None:
        raise CommandError(f"{command[0]} is not installed (apt-get install postgresql-client).")
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise CommandError(f"{command[0]} failed: {result.stderr.strip()}")
    return result


def make_backup(root, alias="default"):
    """Write database.dump, media.tar.gz and manifest.json into a new timestamped folder under root."""
    args, env = pg_command(alias)
    folder = Path(root) / timezone.now().strftime("%Y%m%d-%H%M%S-%f")
    folder.mkdir(parents=True)
    excluded = [f"--exclude-table-data={table}" for table in SKIPPED_TABLE_DATA]
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", *excluded,
          "--file", str(folder / DUMP), *args], env)
    media_root = Path(settings.MEDIA_ROOT)
    files = 0
    with tarfile.open(folder / MEDIA, "w:gz") as archive:
        if media_root.is_dir():
            for path in sorted(media_root.rglob("*")):
                if path.is_file():
                    archive.add(path, arcname=str(path.relative_to(media_root)), recursive=False)
                    files += 1
    manifest = {"created_at": timezone.now().isoformat(), "database": connections[alias].settings_dict["NAME"],
                "media_files": files}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return folder, manifest


def database_is_empty(alias="default"):
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        return cursor.fetchone()[0] == 0


def restore_backup(folder, force=False, alias="default"):
    """Load a backup folder into the (empty, unless force) database and MEDIA_ROOT."""
    folder = Path(folder)
    for name in (DUMP, MEDIA):
        if not (folder / name).is_file():
            raise CommandError(f"{folder} is not a backup folder: {name} is missing.")
    args, env = pg_command(alias)
    if not database_is_empty(alias):
        if not force:
            raise CommandError("The database is not empty; refusing to overwrite it. "
                               "Pass --force (make restore FORCE=1) to replace its contents.")
        with connections[alias].cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    connections[alias].close()
    _run(["pg_restore", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
          *args, str(folder / DUMP)], env)
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / MEDIA, "r:gz") as archive:
        # The "data" filter refuses absolute paths, "..", links out of the folder and device files.
        archive.extractall(media_root, filter="data")
    return media_root
