from django.conf import settings
from django.core.management.base import BaseCommand

from security.backups import make_backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump) and MEDIA_ROOT (tar.gz) into a new folder under backups/."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=str(settings.BASE_DIR / "backups"), help="where to create the folder")

    def handle(self, *args, **options):
        folder, manifest = make_backup(options["dir"])
        self.stdout.write(f"Backup written to {folder} ({manifest['media_files']} media files).")
