"""The WordPress export the import tests share (tests/wxr/), its uploads folder, and a runner."""

import io
from pathlib import Path

from django.core.management import call_command
from PIL import Image

EXPORT = Path(__file__).parent / "wxr" / "nguoi-ha-noi.xml"
SITE = "https://cu.nguoihanoi.example"


def make_uploads(folder):
    """A copy of wp-content/uploads: the Hồ Gươm photo only (khong-con.jpg is missing on purpose)."""
    (folder / "2019" / "05").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (1200, 800), (40, 90, 140)).save(folder / "2019" / "05" / "ho-guom.jpg", quality=90)
    return folder


def run_import(*args, **options):
    """(stdout, stderr) of import_wordpress."""
    out, err = io.StringIO(), io.StringIO()
    call_command("import_wordpress", *[str(a) for a in args], stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def export_text():
    return EXPORT.read_text(encoding="utf-8")


def write_export(folder, text, name="export.xml", encoding="utf-8"):
    path = folder / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path
