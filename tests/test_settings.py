"""Smoke tests of the project's set-up: settings from the environment, Swedish admin, local Bootstrap."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.db import connection

BASE_DIR = Path(__file__).resolve().parent.parent

# Variables that switch settings.py into its lenient modes (DEBUG, local plain-HTTP run, tests, management commands)
# or supply the values.
LENIENT = {
    "DEBUG",
    "LOCAL_HTTP",
    "LOCAL_SECRET_KEY_FILE",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "ISMS_CLI",
    "PYTEST_VERSION",
    "PYTEST_CURRENT_TEST",
}


def clean_env(**extra_env: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in LENIENT}
    env.update(DJANGO_SETTINGS_MODULE="isms.settings", **extra_env)
    return env


def setup_django(code: str = "", **extra_env: str) -> subprocess.CompletedProcess:
    """Run django.setup(), then code, in a fresh interpreter whose environment has none of LENIENT, plus extra_env."""
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup()\n{code}"],
        cwd=BASE_DIR,
        env=clean_env(**extra_env),
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


CONNECTION_SETTINGS = (
    "from django.conf import settings as s\n"
    "print(s.DATABASES['default']['CONN_MAX_AGE'], s.DATABASES['default']['CONN_HEALTH_CHECKS'])"
)


def test_a_database_connection_is_not_kept_between_requests_by_default(monkeypatch):
    """The threaded development server (scripts/run) keeps a connection per thread when they are kept: after a
    burst, PostgreSQL answers "too many clients" to everyone. So by default each request gets its own."""
    monkeypatch.delenv("CONN_MAX_AGE", raising=False)
    result = setup_django(CONNECTION_SETTINGS, LOCAL_HTTP="1", SECRET_KEY="x" * 50)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "False"]


def test_kept_database_connections_come_from_the_environment_and_are_checked_before_reuse():
    result = setup_django(CONNECTION_SETTINGS, LOCAL_HTTP="1", SECRET_KEY="x" * 50, CONN_MAX_AGE="60")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["60", "True"]

    refused = setup_django(CONNECTION_SETTINGS, LOCAL_HTTP="1", SECRET_KEY="x" * 50, CONN_MAX_AGE="en minut")
    assert refused.returncode != 0
    assert "CONN_MAX_AGE must be a whole number of seconds" in refused.stderr


def test_the_deployment_keeps_connections_for_its_sync_workers():
    example = (BASE_DIR / "deploy" / "env.example").read_text()
    assert "\nCONN_MAX_AGE=60\n" in example
    assert "export CONN_MAX_AGE=${CONN_MAX_AGE:-60}" in (BASE_DIR / "scripts" / "serve").read_text()


LOCAL_SETTINGS = (
    "from django.conf import settings as s\n"
    "print(s.DEBUG, ','.join(s.ALLOWED_HOSTS), s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_NAME, "
    "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_PROXY_SSL_HEADER)\n"
    "print(s.SECRET_KEY)"
)


def test_local_http_runs_with_debug_off_over_plain_http_on_loopback_only(tmp_path):
    """LOCAL_HTTP=1 alone (what scripts/run sets) starts the app as users see it: DEBUG off, yet no HTTPS needed."""
    key_file = tmp_path / "key"

    result = setup_django(LOCAL_SETTINGS, LOCAL_HTTP="1", LOCAL_SECRET_KEY_FILE=str(key_file))

    assert result.returncode == 0, result.stderr
    flags, key = result.stdout.splitlines()
    assert flags.split() == ["False", "localhost,127.0.0.1,[::1]", "False", "False", "sessionid", "False", "0", "None"]
    assert len(key) >= 50 and key != "insecure-key-for-local-development-and-tests-only"


def test_local_http_keeps_its_generated_key_so_sessions_survive_a_restart(tmp_path):
    key_file = tmp_path / "key"

    first = setup_django(
        "from django.conf import settings; print(settings.SECRET_KEY)",
        LOCAL_HTTP="1",
        LOCAL_SECRET_KEY_FILE=str(key_file),
    )
    second = setup_django(
        "from django.conf import settings; print(settings.SECRET_KEY)",
        LOCAL_HTTP="1",
        LOCAL_SECRET_KEY_FILE=str(key_file),
    )

    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert first.stdout == second.stdout == key_file.read_text()
    assert key_file.stat().st_mode & 0o777 == 0o600  # readable by its owner only
    assert list(tmp_path.iterdir()) == [key_file]  # no temporary file left behind


def test_local_http_uses_a_given_secret_key_and_writes_no_file(tmp_path):
    key_file = tmp_path / "key"

    result = setup_django(LOCAL_SETTINGS, LOCAL_HTTP="1", LOCAL_SECRET_KEY_FILE=str(key_file), SECRET_KEY="k" * 50)

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1] == "k" * 50
    assert not key_file.exists()


def test_local_http_accepts_loopback_names_in_allowed_hosts(tmp_path):
    result = setup_django(
        LOCAL_SETTINGS, LOCAL_HTTP="1", LOCAL_SECRET_KEY_FILE=str(tmp_path / "key"), ALLOWED_HOSTS="localhost, [::1]"
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1] == "localhost,[::1]"


@pytest.mark.parametrize("hosts", ["lis.example.se", "127.0.0.1,lis.example.se", "*", "0.0.0.0", ".localhost"])
def test_local_http_refuses_any_host_name_but_the_loopback_ones(tmp_path, hosts):
    """A deployment that sets LOCAL_HTTP by mistake must not start with plain-HTTP cookies and a key in a file."""
    key_file = tmp_path / "key"

    result = setup_django(LOCAL_HTTP="1", LOCAL_SECRET_KEY_FILE=str(key_file), ALLOWED_HOSTS=hosts, SECRET_KEY="k" * 50)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "LOCAL_HTTP is for a local run on this machine only" in result.stderr
    assert not key_file.exists()


def test_local_http_refuses_values_other_than_true_or_false():
    result = setup_django(LOCAL_HTTP="maybe")

    assert result.returncode != 0
    assert "LOCAL_HTTP must be true or false" in result.stderr


def test_scripts_run_starts_the_app_with_debug_off_and_serves_the_static_files():
    """scripts/run shows the app as users see it; DEBUG stays the developer's choice (DEBUG=1 scripts/run)."""
    script = (BASE_DIR / "scripts" / "run").read_text()

    assert "export LOCAL_HTTP=1" in script
    assert "export DEBUG" not in script
    assert 'runserver --insecure "127.0.0.1:$PORT"' in script


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode(), response.headers.get("Set-Cookie", "")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), error.headers.get("Set-Cookie", "")


@pytest.mark.slow
def test_a_local_http_server_serves_swedish_error_pages_bootstrap_and_plain_http_cookies(tmp_path):
    """What scripts/run starts, for real: runserver --insecure with LOCAL_HTTP=1 on an empty SQLite database."""
    port = _free_port()
    env = clean_env(
        LOCAL_HTTP="1",
        LOCAL_SECRET_KEY_FILE=str(tmp_path / "key"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--insecure", "--noreload", f"127.0.0.1:{port}"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert server.poll() is None, server.stderr.read()
                time.sleep(0.1)

        status, page, _ = _get(f"{base}/finns-inte/")
        assert status == 404
        assert "Sidan finns inte – LIS-portalen" in page
        assert "Using the URLconf" not in page  # not Django's technical 404 page

        status, css, _ = _get(f"{base}/static/vendor/bootstrap/css/bootstrap.min.css")
        assert status == 200 and "Bootstrap" in css[:200]
        assert _get(f"{base}/static/css/app.css")[0] == 200

        status, page, cookie = _get(f"{base}/accounts/login/")
        assert status == 200 and "Logga in" in page
        assert cookie.startswith("csrftoken=") and "secure" not in cookie.lower()

        assert _get(f"http://localhost:{port}/finns-inte/")[0] == 404
    finally:
        server.terminate()
        server.wait(timeout=10)


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
