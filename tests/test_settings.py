"""Smoke tests of the project's set-up: settings from the environment, Swedish admin, local Bootstrap."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.db import connection

BASE_DIR = Path(__file__).resolve().parent.parent

# Variables that switch settings.py into its lenient modes (DEBUG, tests, management commands) or supply the values.
LENIENT = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "ISMS_CLI", "PYTEST_VERSION", "PYTEST_CURRENT_TEST"}


def setup_django(**extra_env: str) -> subprocess.CompletedProcess:
    """Run django.setup() in a fresh interpreter whose environment has none of LENIENT, plus extra_env."""
    env = {key: value for key, value in os.environ.items() if key not in LENIENT}
    env.update(DJANGO_SETTINGS_MODULE="isms.settings", **extra_env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.django_db
def test_admin_login_page_answers_in_swedish(client):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    assert "Logga in" in response.content.decode()


@pytest.mark.parametrize(
    "extra_env",
    [{}, {"ALLOWED_HOSTS": "lis.example.se"}, {"SECRET_KEY": "x" * 50}],
    ids=["neither", "no-secret-key", "no-allowed-hosts"],
)
def test_settings_refuse_to_start_with_debug_off_and_missing_secrets(extra_env):
    result = setup_django(**extra_env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "set SECRET_KEY and ALLOWED_HOSTS" in result.stderr


def test_settings_start_with_debug_off_when_secrets_are_given():
    """The control for the test above: the same clean environment starts once both values are set."""
    result = setup_django(SECRET_KEY="x" * 50, ALLOWED_HOSTS="lis.example.se")

    assert result.returncode == 0, result.stderr


def test_bootstrap_is_served_from_local_static_files():
    for name in ("vendor/bootstrap/css/bootstrap.min.css", "vendor/bootstrap/js/bootstrap.bundle.min.js"):
        assert finders.find(name), f"{name} not found: run scripts/setup (npm ci)"


@pytest.mark.django_db
def test_database_comes_from_database_url():
    """.ci/run's PostgreSQL pass only means something if DATABASE_URL really selects the backend."""
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected


def test_weasyprint_renders_swedish_text_with_the_system_libraries():
    """Fails when Pango, HarfBuzz or fonts are missing (what scripts/setup installs), before any report test does."""
    import io

    import weasyprint  # imported here, not at the top: it takes most of a second
    from pypdf import PdfReader

    pdf = weasyprint.HTML(string="<p>Åsa Öberg – årlig översyn</p>").write_pdf()

    assert "Åsa Öberg – årlig översyn" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
