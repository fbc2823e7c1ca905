from django.core.management.base import BaseCommand

from security.backups import restore_backup


class Command(BaseCommand):
    help = "Restore a folder made by `manage.py backup` into DATABASE_URL and MEDIA_ROOT."

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument("--force", action="store_true", help="replace a database that is not empty")

    def handle(self, *args, **options):
        media_root = restore_backup(options["folder"], force=options["force"])
        self.stdout.write(f"Restored {options['folder']} (media in {media_root}).")
