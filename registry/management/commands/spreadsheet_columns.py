"""Print the README's tables of the registers' file columns, made from their declarations; --write puts them into
README.md (between the markers of registry.spreadsheets.readme)."""

from django.core.management.base import BaseCommand

from registry.spreadsheets.readme import columns_markdown, readme_path, readme_with_columns


class Command(BaseCommand):
    help = "Print (or, with --write, update in README.md) the columns of every register's spreadsheet file."

    def add_arguments(self, parser):
        parser.add_argument("--write", action="store_true", help="Rewrite the generated part of README.md.")

    def handle(self, *args, write=False, **options):
        if not write:
            self.stdout.write(columns_markdown())
            return
        path = readme_path()
        path.write_text(readme_with_columns(path.read_text(encoding="utf-8")), encoding="utf-8")
        self.stdout.write(f"{path} updated.")
