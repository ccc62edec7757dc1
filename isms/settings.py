"""Settings for LIS-portalen, read from the environment (DESIGN.md §5).

Variables: DATABASE_URL (default: a SQLite file `db.sqlite3` beside manage.py), SECRET_KEY, ALLOWED_HOSTS
(comma-separated), DEBUG (off unless "1"/"true"/"yes"), SITE_URL (public base address, used in PDFs' verification
line), MEDIA_ROOT, STATIC_ROOT (where collectstatic gathers the static files), STATIC_MANIFEST (serve collected files
under hashed names; on unless DEBUG, LOCAL_HTTP or tests), STORAGE_BUCKET and the other STORAGE_* (write-once storage
in an S3-compatible object store instead of MEDIA_ROOT; see README, Configuration), TRUSTED_PROXY_COUNT (reverse
proxies in front that append to X-Forwarded-For; sign-in throttling reads the client address from it), CONN_MAX_AGE
(seconds a database connection is kept between requests, default 0), LOCAL_HTTP. With DEBUG off the app refuses to
start without SECRET_KEY and ALLOWED_HOSTS, unless LOCAL_HTTP is on; a pytest run (pytest sets PYTEST_VERSION) gets
test values instead.

LOCAL_HTTP=1 (what scripts/run sets) means a local run on one machine over plain HTTP, as users see the app: DEBUG
stays off, so errors show the Swedish error pages; ALLOWED_HOSTS defaults to the loopback names and may name nothing
else; SECRET_KEY defaults to a random key kept in the git-ignored file .local-secret-key beside manage.py
(LOCAL_SECRET_KEY_FILE names another), so sessions survive restarts; cookies are not secure-only and there is no
HTTPS redirect or HSTS. Static files then come from `runserver --insecure`.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
TESTING = "PYTEST_VERSION" in os.environ
CLI = os.environ.get("ISMS_CLI") == "1"


def env_bool(name: str, default: bool = False) -> bool:
    """True/false from an environment variable; raises ImproperlyConfigured on anything else."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def local_secret_key(path: Path) -> str:
    """The key in `path`, made (random, readable by the owner only) on first use, so sessions survive restarts."""
    try:
        key = path.read_text().strip()
    except FileNotFoundError:
        key = ""
    if key:
        return key
    key = secrets.token_urlsafe(50)
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as file:
        file.write(key + "\n")
    try:
        os.link(partial, path)  # atomic, and never over a key another process has just written
    except FileExistsError:
        key = path.read_text().strip()
    finally:
        partial.unlink()
    return key


DEBUG = env_bool("DEBUG")
LOCAL_HTTP = env_bool("LOCAL_HTTP")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
LOCAL_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
if LOCAL_HTTP and set(ALLOWED_HOSTS) - set(LOCAL_HOSTS):
    # Plain-HTTP cookies and a key in a file are for one machine only: never let a deployment switch them on.
    raise ImproperlyConfigured(
        "LOCAL_HTTP is for a local run on this machine only: ALLOWED_HOSTS may then name only "
        f"{', '.join(LOCAL_HOSTS)}, not {', '.join(sorted(set(ALLOWED_HOSTS) - set(LOCAL_HOSTS)))}. "
        "Unset LOCAL_HTTP for a deployment."
    )
if TESTING or DEBUG:
    SECRET_KEY = SECRET_KEY or "insecure-key-for-local-development-and-tests-only"
    ALLOWED_HOSTS = ALLOWED_HOSTS or [*LOCAL_HOSTS, "testserver"]
elif LOCAL_HTTP:
    SECRET_KEY = SECRET_KEY or local_secret_key(
        Path(os.environ.get("LOCAL_SECRET_KEY_FILE") or BASE_DIR / ".local-secret-key")
    )
    ALLOWED_HOSTS = ALLOWED_HOSTS or LOCAL_HOSTS
elif CLI:
    SECRET_KEY = SECRET_KEY or secrets.token_urlsafe(50)
elif not SECRET_KEY or not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "With DEBUG off, set SECRET_KEY and ALLOWED_HOSTS in the environment (or LOCAL_HTTP=1 for a local run)."
    )

SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "isms.staticfiles.StaticFilesConfig",  # django.contrib.staticfiles, collecting only what is used
    "django.contrib.humanize",
    "simple_history",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "axes",
    "django_tasks",
    "django_tasks_db",
    # The layers, each importing only those above it in this list (DESIGN.md §5, tests/test_layers.py).
    "isms",
    "registry",
    "reviews",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files answer here, before sessions and the database: cheap, and the same in every app process.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "isms.security.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "isms.middleware.MethodNotAllowedPageMiddleware",
    "isms.security.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "isms.permissions.OrganisationMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "isms.urls"
WSGI_APPLICATION = "isms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.navigation",
            ],
        },
    },
]

try:
    # Seconds a process keeps its database connection between requests. 0 (a connection per request) by default:
    # runserver (scripts/run) answers each request in a thread of its own, and every thread would keep one open
    # connection, which after a burst of requests exhausts PostgreSQL's max_connections. gunicorn's sync workers
    # (scripts/serve, deploy/env.example: 60) serve one request at a time, so they keep one connection per worker.
    CONN_MAX_AGE = int(os.environ.get("CONN_MAX_AGE") or 0)
except ValueError:
    raise ImproperlyConfigured(
        f"CONN_MAX_AGE must be a whole number of seconds, not {os.environ['CONN_MAX_AGE']!r}"
    ) from None
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=CONN_MAX_AGE,
        # A kept connection the server has since closed (a restart, an idle timeout) is replaced before a request
        # uses it, instead of failing that request.
        conn_health_checks=CONN_MAX_AGE > 0,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared by every worker process, so it lives in the database: `manage.py createcachetable` creates the table
# (scripts/run does; the test database gets it by itself). Limits that must hold under concurrency (the /verify/
# rate limit, draft renders at once) do not use it: isms/throttle.py counts them atomically in tables of their own.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "isms_cache"}}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

# Throttle failed sign-ins per username and address together, so nobody can lock another user out.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "isms.security.lockout_response"  # Swedish page (HTTP 429) saying when to try again
# The client address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT reverse proxies the X-Forwarded-For entry they added.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "isms.security.client_ip_address"
AXES_ENABLED = not TESTING or env_bool("AXES_ENABLED", False)

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "Y-m-d"
SHORT_DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = "Y-m-d H:i"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
DATE_INPUT_FORMATS = ["%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S"]
FORMAT_MODULE_PATH = ["isms.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
if (BASE_DIR / "node_modules" / "bootstrap" / "dist").is_dir():
    STATICFILES_DIRS.append(("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"))
# A deployment serves the files `collectstatic` gathered into STATIC_ROOT under names carrying their hash
# (css/app.3f2a….css), which WhiteNoise lets browsers cache for a year; a new release gets new names. Development,
# tests and scripts/run collect nothing and serve the files from where they are (static/, node_modules/).
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", not (DEBUG or TESTING or LOCAL_HTTP))
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
WHITENOISE_AUTOREFRESH = not STATIC_MANIFEST
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# Files that must outlive an app server and be the same on all of them (approved review PDFs; later DOCX copies and
# kept import files) go to write-once storage (isms.storage): under MEDIA_ROOT by default, in an S3-compatible
# object store when STORAGE_BUCKET is set. Credentials: STORAGE_ACCESS_KEY_ID and STORAGE_SECRET_ACCESS_KEY, else
# boto3's own chain (AWS_ACCESS_KEY_ID …, an instance role).
STORAGE_BUCKET = os.environ.get("STORAGE_BUCKET", "").strip()
if STORAGE_BUCKET:
    ARCHIVE_STORAGE = {
        "BACKEND": "isms.storage_s3.WriteOnceS3Storage",
        "OPTIONS": {
            "bucket_name": STORAGE_BUCKET,
            "location": os.environ.get("STORAGE_PREFIX", "").strip().strip("/"),
            "endpoint_url": os.environ.get("STORAGE_ENDPOINT_URL", "").strip() or None,
            "region_name": os.environ.get("STORAGE_REGION", "").strip() or None,
            "access_key": os.environ.get("STORAGE_ACCESS_KEY_ID", "").strip() or None,
            "secret_key": os.environ.get("STORAGE_SECRET_ACCESS_KEY", "").strip() or None,
            "addressing_style": os.environ.get("STORAGE_ADDRESSING_STYLE", "").strip() or None,
        },
    }
else:
    ARCHIVE_STORAGE = {"BACKEND": "isms.storage.WriteOnceFileSystemStorage"}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
    "archive": ARCHIVE_STORAGE,
}

# Background jobs (django-tasks): rows in the database, run by `manage.py db_worker` (scripts/serve starts one; a
# deployment runs deploy/systemd/lis-portalen-worker.service). Several workers may run side by side on PostgreSQL.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Sessions end after 30 minutes without a request and, whatever the activity, 8 hours after sign-in
# (isms.security.SessionTimeoutMiddleware), and when the browser closes.
SESSION_IDLE_TIMEOUT = 30 * 60
SESSION_ABSOLUTE_TIMEOUT = 8 * 3600
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "isms.views.csrf_failure"  # a Swedish page (templates/403_csrf.html) with what to do
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Sent on every response (isms.security.ContentSecurityPolicyMiddleware). No inline scripts and no inline styles:
# templates put their styles in static/css/app.css (tests/test_security.py checks the templates). data: images are
# Bootstrap's own icons inside its CSS (select arrows, checkboxes, the menu button).
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# Secure-only cookies, HTTPS and HSTS everywhere but on a developer's or a local plain-HTTP run (LOCAL_HTTP).
if not DEBUG and not TESTING and not LOCAL_HTTP:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # The __Host- prefix makes browsers refuse these cookies unless Secure, for the whole site and this host only.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# One line per refused request (403, 400) without a traceback; 500s keep theirs (isms/log_filters.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client_errors_without_traceback": {"()": "isms.log_filters.ClientErrorsWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["client_errors_without_traceback"]}},
    "loggers": {
        "fontTools": {"level": "WARNING"},
        "weasyprint": {"level": "ERROR"},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
}
