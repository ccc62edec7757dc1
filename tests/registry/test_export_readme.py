"""The README documents the columns of every register's file as the declarations make them (issue 11: the export's
and the import's documentation)."""

from registry.spreadsheets.readme import BEGIN, END, columns_markdown, readme_path, readme_with_columns
from registry.spreadsheets.registers import REGISTER_SHEETS
from registry.views import REGISTERS


def test_the_readme_tables_are_those_of_the_declarations():
    readme = readme_path().read_text(encoding="utf-8")

    assert BEGIN in readme and END in readme
    assert readme_with_columns(readme) == readme, "run: .venv/bin/python manage.py spreadsheet_columns --write"


def test_every_register_and_every_column_is_documented():
    text = columns_markdown()

    assert set(REGISTER_SHEETS) == {register.slug for register in REGISTERS}, "every register list has its file"
    for sheets in REGISTER_SHEETS.values():
        for sheet in sheets:
            for column in sheet.columns:
                assert f"`{column.field}`" in text
