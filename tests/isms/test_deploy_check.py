"""`manage.py check --deploy` is clean with production settings (DEBUG off, a real secret key, a host name)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# DJANGO_ALLOW_ASYNC_UNSAFE is set by the browser tests for the rest of the session; a deployment has none of these.
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
}


def run_python(code: str, **extra_env: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in LENIENT}
    env.update(DJANGO_SETTINGS_MODULE="isms.settings", **extra_env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


PRODUCTION = {"SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "lis.example.se"}


def test_check_deploy_is_clean_with_production_settings():
    result = run_python(
        "import sys; from django.core.management import execute_from_command_line as run; "
        "run(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
        **PRODUCTION,
    )

    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_cookies_are_secure_and_host_only_and_the_policy_is_set():
    result = run_python(
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_NAME, "
        "s.CSRF_COOKIE_NAME, s.SECURE_HSTS_SECONDS >= 31536000, s.SESSION_EXPIRE_AT_BROWSER_CLOSE, "
        "s.SESSION_IDLE_TIMEOUT, s.SESSION_ABSOLUTE_TIMEOUT, 'isms.security.ContentSecurityPolicyMiddleware' "
        "in s.MIDDLEWARE)",
        **PRODUCTION,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "True",
        "True",
        "__Host-sessionid",
        "__Host-csrftoken",
        "True",
        "True",
        "1800",
        "28800",
        "True",
    ]
