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


def test_check_deploy_is_clean_with_an_object_store_configured():
    result = run_python(
        "from django.core.management import execute_from_command_line as run; "
        "run(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
        **PRODUCTION,
        STORAGE_BUCKET="lis-arkiv",
        STORAGE_ENDPOINT_URL="https://s3.example.se",
        STORAGE_REGION="eu-north-1",
        STORAGE_ACCESS_KEY_ID="id",
        STORAGE_SECRET_ACCESS_KEY="secret",
    )

    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_a_deployment_serves_collected_static_files_and_queues_jobs_in_the_database():
    """Production settings: WhiteNoise right after SecurityMiddleware, serving the collected files under hashed names
    (nothing from the source folders), background jobs in the database, write-once storage under MEDIA_ROOT."""
    result = run_python(
        "import django; django.setup(); from django.conf import settings as s; "
        "m = s.MIDDLEWARE; print(m.index('whitenoise.middleware.WhiteNoiseMiddleware') - "
        "m.index('django.middleware.security.SecurityMiddleware'), s.STORAGES['staticfiles']['BACKEND'], "
        "s.WHITENOISE_USE_FINDERS, s.WHITENOISE_AUTOREFRESH, s.TASKS['default']['BACKEND'], "
        "s.STORAGES['archive']['BACKEND'])",
        **PRODUCTION,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "1",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "False",
        "False",
        "django_tasks_db.DatabaseBackend",
        "isms.storage.WriteOnceFileSystemStorage",
    ]


def test_storage_bucket_selects_the_object_store_with_its_settings():
    result = run_python(
        "import django; django.setup(); from isms.storage import archive_storage as a; "
        "print(a.__class__.__name__, a.bucket_name, a.location, a.endpoint_url, a.region_name, a.access_key)",
        **PRODUCTION,
        STORAGE_BUCKET="lis-arkiv",
        STORAGE_PREFIX="/prod/",
        STORAGE_ENDPOINT_URL="https://s3.example.se",
        STORAGE_REGION="eu-north-1",
        STORAGE_ACCESS_KEY_ID="id",
        STORAGE_SECRET_ACCESS_KEY="secret",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "WriteOnceS3Storage",
        "lis-arkiv",
        "prod",
        "https://s3.example.se",
        "eu-north-1",
        "id",
    ]
