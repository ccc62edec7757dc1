"""Serving for real: scripts/serve (gunicorn with gunicorn.conf.py, the background worker, PostgreSQL, WhiteNoise),
the environment file it reads, and the deployment files in deploy/.

The test that starts scripts/serve runs on PostgreSQL only (scripts/serve refuses SQLite): under scripts/with-postgres,
as CI runs the suite a second time. It waits for conditions (the port answering, a line in the log), never for a
fixed time.
"""

import configparser
import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.core.management import get_commands
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
# Variables that switch settings.py into its lenient modes; a deployment has none of them.
LENIENT = {
    "DEBUG",
    "LOCAL_HTTP",
    "LOCAL_SECRET_KEY_FILE",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "ISMS_CLI",
    "PYTEST_VERSION",
    "PYTEST_CURRENT_TEST",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DATABASE_URL",
    "STORAGE_BUCKET",
}
HOST = "lis.example.se"


def deployment_env(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in LENIENT}
    env.update({"LIS_ENV_FILE": "", **extra})
    return env


def database_url() -> str:
    database = connection.settings_dict
    auth = quote(database["USER"] or "", safe="")
    if database["PASSWORD"]:
        auth += ":" + quote(database["PASSWORD"], safe="")
    return f"postgres://{auth}@{database['HOST']}:{database['PORT']}/{database['NAME']}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, what: str, process: subprocess.Popen, log: Path, timeout: float = 300):
    """Poll `condition` until it holds; fail at once if the process ended, or after `timeout` seconds (a guard for
    a hung start, not a measure of speed)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert process.poll() is None, f"scripts/serve ended (status {process.returncode}):\n{log.read_text()}"
        assert time.monotonic() < deadline, f"gave up waiting for {what}:\n{log.read_text()}"
        time.sleep(0.2)


def answers(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


class Browser:
    """Just enough of a browser behind the TLS proxy: HTTP to gunicorn with the headers nginx adds, and cookies."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, *, body: dict | None = None, proxy: bool = True, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        sent = {"Host": HOST, **(headers or {})}
        if proxy:
            sent.update({"X-Forwarded-Proto": "https", "X-Forwarded-For": "192.0.2.10"})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Referer"] = f"https://{HOST}{path}"
        try:
            conn.request(method, path, body=data, headers=sent)
            response = conn.getresponse()
            content = response.read()
        finally:
            conn.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response, content


@pytest.mark.slow
@pytest.mark.skipif(not ON_POSTGRESQL, reason="scripts/serve runs on PostgreSQL: run under scripts/with-postgres")
@pytest.mark.django_db(transaction=True)
def test_scripts_serve_runs_web_and_worker_as_a_deployment_would(django_user_model, tmp_path):
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    from isms.models import Membership, Role
    from tests.factories import organisation

    # Hashed as a deployment hashes it: the tests' fast hasher is not among the server's.
    user = django_user_model.objects.create_user("besokare")
    user.password = PBKDF2PasswordHasher().encode("ett långt lösenord 2024", PBKDF2PasswordHasher().salt())
    user.save()
    Membership.objects.create(user=user, organisation=organisation("aor"), role=Role.READER)
    port = free_port()
    log = tmp_path / "serve.log"
    env = deployment_env(
        DATABASE_URL=database_url(),
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        SITE_URL=f"https://{HOST}",
        WEB_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="2",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    with open(log, "w") as out:
        serve = subprocess.Popen(
            ["scripts/serve"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        wait_for(lambda: answers(port), "gunicorn to answer", serve, log)
        wait_for(lambda: "Starting worker" in log.read_text(), "the background worker", serve, log)
        browser = Browser(port)

        # Plain HTTP is sent to HTTPS; behind the proxy (X-Forwarded-Proto) the page answers, with the policies.
        response, _ = browser.request("GET", "/accounts/login/", proxy=False)
        assert (response.status, response.headers["Location"]) == (301, f"https://{HOST}/accounts/login/")
        response, page = browser.request("GET", "/accounts/login/")
        assert response.status == 200 and "Logga in" in page.decode()
        assert response.headers["Server"] == "gunicorn"
        assert response.headers["Content-Security-Policy"].startswith("default-src 'self'; script-src 'self'")
        assert "max-age=31536000" in response.headers["Strict-Transport-Security"]
        assert "__Host-csrftoken" in browser.cookies

        # Static files: WhiteNoise serves the collected files under hashed names, compressed, cached for a year;
        # the page names no other origin and no inline script or style (the policy allows neither).
        html = page.decode()
        assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', html)
        assert any(a.startswith("/static/vendor/bootstrap/css/bootstrap.min.") for a in assets), assets
        assert any(a.startswith("/static/vendor/bootstrap/js/bootstrap.bundle.min.") for a in assets), assets
        for asset in assets:
            assert re.search(r"\.[0-9a-f]{12}\.(css|js|svg)$", asset), asset
            response, body = browser.request("GET", asset, headers={"Accept-Encoding": "gzip"})
            assert response.status == 200, asset
            assert "immutable" in response.headers["Cache-Control"], asset
            assert response.headers.get("Content-Encoding") == "gzip" or asset.endswith(".svg"), asset
        assert "<script>" not in html and "style=" not in html

        # Signing in works through the proxy's HTTPS: the secure, host-only cookies are set and sent back.
        response, _ = browser.request(
            "POST",
            "/accounts/login/",
            body={
                "username": "besokare",
                "password": "ett långt lösenord 2024",
                "csrfmiddlewaretoken": browser.cookies["__Host-csrftoken"],
            },
        )
        assert (response.status, response.headers["Location"]) == (302, "/"), response.headers
        assert "__Host-sessionid" in browser.cookies
        response, page = browser.request("GET", "/")
        assert response.status == 200 and "Logga ut" in page.decode()

        # One SIGTERM (systemd's stop, or Ctrl-C) stops web and worker, and scripts/serve with them.
        serve.send_signal(signal.SIGTERM)
        assert serve.wait(timeout=120) == 0, log.read_text()
        assert not answers(port)
        text = log.read_text()
        assert "Shutting down: Master" in text
        assert "shutting down gracefully" in text
        leftovers = subprocess.run(["pgrep", "-s", str(serve.pid)], capture_output=True, text=True).stdout.split()
        assert leftovers == [], leftovers
    finally:
        # After a failure: every process scripts/serve started is in its session (each in a process group of its own).
        for pid in subprocess.run(["pgrep", "-s", str(serve.pid)], capture_output=True, text=True).stdout.split():
            os.kill(int(pid), signal.SIGKILL)
        serve.wait(timeout=60)


def run_serve(tmp_path, **extra) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["scripts/serve"], cwd=ROOT, env=deployment_env(**extra), capture_output=True, text=True, timeout=120
    )


def test_scripts_serve_refuses_sqlite(tmp_path):
    done = run_serve(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", SECRET_KEY="k" * 50)

    assert done.returncode == 1
    assert "DATABASE_URL must name a PostgreSQL database" in done.stderr
    assert not (tmp_path / "db.sqlite3").exists()


def test_scripts_serve_wants_the_secrets_of_a_deployment(tmp_path):
    done = run_serve(tmp_path, DATABASE_URL="postgres://lis@127.0.0.1:1/lis")

    assert done.returncode == 1
    assert "set SECRET_KEY and ALLOWED_HOSTS" in done.stderr


def test_the_environment_file_is_read_as_systemd_reads_it(tmp_path):
    """scripts/manage and scripts/serve read the file the units name in EnvironmentFile=: KEY=VALUE lines, quotes
    taken off, nothing expanded; a variable set in the environment wins."""
    env_file = tmp_path / "env"
    env_file.write_text(
        "# LIS-portalen\n"
        "SECRET_KEY=a$HOME\\b=c\n"
        'SITE_URL="https://lis.example.se"\n'
        "\n"
        "; a comment\n"
        "ALLOWED_HOSTS = lis.example.se  \n"
        "MEDIA_ROOT=/from/the/file\n"
    )
    code = (
        "from django.conf import settings as s; "
        "print(s.SECRET_KEY, s.SITE_URL, ','.join(s.ALLOWED_HOSTS), s.MEDIA_ROOT, sep='|')"
    )
    done = subprocess.run(
        ["scripts/manage", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=deployment_env(LIS_ENV_FILE=str(env_file), MEDIA_ROOT="/from/the/environment"),
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "a$HOME\\b=c|https://lis.example.se|lis.example.se|/from/the/environment"
    assert f"environment from {env_file}" in done.stderr


def test_a_line_that_is_not_key_value_stops_with_its_number(tmp_path):
    env_file = tmp_path / "env"
    env_file.write_text("SECRET_KEY=x\nexport DEBUG=1\n")

    done = subprocess.run(
        ["scripts/manage", "check"],
        cwd=ROOT,
        env=deployment_env(LIS_ENV_FILE=str(env_file)),
        capture_output=True,
        text=True,
    )

    assert done.returncode == 1
    assert f"{env_file} line 2 is not KEY=VALUE" in done.stderr


# --- deploy/ ----------------------------------------------------------------------------------------------------


def units() -> dict[str, configparser.ConfigParser]:
    found = {}
    for path in sorted((ROOT / "deploy" / "systemd").iterdir()):
        parser = configparser.ConfigParser(strict=False, interpolation=None)
        parser.optionxform = str
        # ExecStart= may repeat in a oneshot service; configparser would keep the last only.
        text = path.read_text()
        lines = text.splitlines()
        starts = [i for i, line in enumerate(lines) if line.startswith("ExecStart=")]
        for number, i in enumerate(starts):
            lines[i] = lines[i].replace("ExecStart=", f"ExecStart{number}=", 1)
        text = "\n".join(lines)
        parser.read_string(text)
        found[path.name] = parser
    return found


def test_the_systemd_units_run_commands_that_exist():
    """Every manage.py command a unit runs exists, the web unit uses the project's gunicorn.conf.py, and each
    service reads the environment file and runs as the app's own user."""
    found = units()
    assert set(found) == {
        "lis-portalen-web.service",
        "lis-portalen-worker.service",
        "lis-portalen-daily.service",
        "lis-portalen-daily.timer",
        "lis-portalen-backup.service",
        "lis-portalen-backup.timer",
    }
    commands = get_commands()
    for name, unit in found.items():
        if name.endswith(".timer"):
            assert name.replace(".timer", ".service") in found
            assert unit["Timer"]["OnCalendar"] and unit["Timer"]["Persistent"] == "true"
            continue
        service = unit["Service"]
        assert service["User"] == "lis" and service["EnvironmentFile"] == "/etc/lis-portalen/env", name
        for key, line in service.items():
            if not key.startswith("ExecStart"):
                continue
            program, *args = line.split()
            assert program.startswith("/srv/lis-portalen/app/"), line
            assert (ROOT / program.removeprefix("/srv/lis-portalen/app/")).name in {"gunicorn", "python", "backup"}
            if program.endswith("/python"):
                assert args[0] == "manage.py" and args[1] in commands, line
            if program.endswith("/backup"):
                assert (ROOT / "scripts" / "backup").exists()
    assert "-c gunicorn.conf.py isms.wsgi:application" in found["lis-portalen-web.service"]["Service"]["ExecStart0"]
    assert (ROOT / "gunicorn.conf.py").exists()
    assert found["lis-portalen-worker.service"]["Service"]["Nice"] == "10"


def test_gunicorn_conf_gives_short_requests_and_recycled_workers():
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from gunicorn.config import Config; c = Config(); "
            "[c.set(k, v) for k, v in __import__('runpy').run_path('gunicorn.conf.py').items() if k in c.settings]; "
            "print(c.workers, c.timeout, c.max_requests, c.worker_class_str, c.bind, c.control_socket_disable)",
        ],
        cwd=ROOT,
        env={k: v for k, v in deployment_env().items() if not k.startswith("WEB_")},
        capture_output=True,
        text=True,
    )

    assert done.returncode == 0, done.stderr
    workers, timeout, max_requests, worker_class, bind, no_control = done.stdout.split(maxsplit=5)
    assert int(workers) == 2 * os.cpu_count() + 1
    assert (timeout, max_requests, worker_class, no_control.strip()) == ("30", "1000", "sync", "True")
    assert bind == "['127.0.0.1:8000']"


def environment_variables(path: Path) -> set[str]:
    """The environment variables a Python file reads with os.environ.get, env_bool or env_list."""
    return set(re.findall(r"""(?:os\.environ\.get|env_bool|env_list)\(\s*"([A-Z_]+)\"""", path.read_text()))


DEVELOPMENT_ONLY = {"DEBUG", "LOCAL_HTTP", "LOCAL_SECRET_KEY_FILE", "ISMS_CLI", "AXES_ENABLED", "STATIC_MANIFEST"}


def test_the_example_environment_file_names_every_setting_and_passes_check_deploy():
    example = ROOT / "deploy" / "env.example"
    named = set(re.findall(r"^#?([A-Z_]+)=", example.read_text(), flags=re.M))
    read = environment_variables(ROOT / "isms" / "settings.py") | environment_variables(ROOT / "gunicorn.conf.py")

    assert read - DEVELOPMENT_ONLY <= named, sorted(read - DEVELOPMENT_ONLY - named)
    done = subprocess.run(
        ["scripts/manage", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=deployment_env(LIS_ENV_FILE=str(example), SECRET_KEY=secrets.token_urlsafe(50)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr + done.stdout


def test_the_readme_documents_every_setting():
    table = (ROOT / "README.md").read_text().split("## Configuration", 1)[1].split("\n## ", 1)[0]
    read = environment_variables(ROOT / "isms" / "settings.py") | environment_variables(ROOT / "gunicorn.conf.py")

    missing = sorted(v for v in read - {"ISMS_CLI", "AXES_ENABLED"} if f"`{v}`" not in table)
    assert missing == []
