"""The Swedish catalogue: English msgids in the code, every one translated in locale/sv, the .mo compiled from it."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "sv" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _entries(catalogue):
    return {(e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in catalogue if e.msgid}


def test_every_msgid_has_swedish_text():
    po = polib.pofile(str(PO))
    untranslated = [e.msgid for e in po if not e.translated()]
    assert untranslated == [], "msgids without Swedish text (run scripts/messages and translate them)"
    assert len(po) > 1000
    assert po.metadata["Language"] == "sv"


def test_compiled_catalogue_matches_the_po():
    assert _entries(polib.mofile(str(MO))) == _entries(polib.pofile(str(PO))), (
        "run scripts/messages and commit django.mo"
    )


def test_msgids_are_english_and_the_ui_swedish():
    with translation.override("sv"):
        assert translation.gettext("Needs attention") == "Behöver uppmärksamhet"
        breaches = (
            "personal data breach has not been reported to IMY within 72 hours",
            "personal data breaches have not been reported to IMY within 72 hours",
        )
        assert translation.ngettext(*breaches, 2) == "personuppgiftsincidenter har inte anmälts till IMY inom 72 timmar"
    po = polib.pofile(str(PO))
    swedish_msgids = [e.msgid for e in po if any(c in e.msgid for c in "åäöÅÄÖ") and "[[" not in e.msgid]
    # A few proper nouns keep their Swedish letters in English too (names of organisations in the demo).
    assert len(swedish_msgids) <= 5, swedish_msgids


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed (scripts/setup with E2E=1)")
def test_catalogue_has_every_string_of_the_code(tmp_path):
    """makemessages over a copy of the sources finds no msgid the committed catalogue lacks."""
    copy = tmp_path / "src"
    ignore = shutil.ignore_patterns(".venv", "node_modules", "tests", "bench", "static", "media", "*.sqlite3", ".git")
    shutil.copytree(ROOT, copy, ignore=ignore)
    env = dict(os.environ, ISMS_CLI="1", DJANGO_SETTINGS_MODULE="isms.settings")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "sv", "--add-location", "file", "--no-obsolete"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    extracted = {(e.msgctxt, e.msgid) for e in polib.pofile(str(copy / PO.relative_to(ROOT))) if e.msgid}
    committed = {(e.msgctxt, e.msgid) for e in polib.pofile(str(PO)) if e.msgid}
    assert extracted - committed == set(), "new msgids: run scripts/messages and translate them"
    assert committed - extracted == set(), "msgids no longer in the code: run scripts/messages"
