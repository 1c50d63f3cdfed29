"""Settings for the 3·15 campaign portal, read from the environment only.

With nothing set the portal runs embedded: SQLite under var/, Celery tasks run
in-process, DEBUG on. DJANGO_ENV=production switches to the hardened profile and
requires SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and CELERY_BROKER_URL.
README.md lists every variable.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def required(name):
    value = env(name)
    if not value:
        raise ImproperlyConfigured(f"{name} must be set when DJANGO_ENV=production")
    return value


def development_secret_key():
    """A per-checkout key, generated once and kept in var/ (ignored by git)."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


PRODUCTION = env("DJANGO_ENV", "development") == "production"

if PRODUCTION:
    DEBUG = False
    SECRET_KEY = required("SECRET_KEY")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DJANGO_ENV=production")
    DATABASE_URL = required("DATABASE_URL")
    CELERY_BROKER_URL = required("CELERY_BROKER_URL")
    # Shared by every web process: the upload rate limit counts there.
    CACHE_URL = required("CACHE_URL")
    PERSONAL_DATA_KEYS = required("PERSONAL_DATA_KEYS")
    PERSONAL_DATA_HASH_KEY = required("PERSONAL_DATA_HASH_KEY")
else:
    DEBUG = env_bool("DEBUG", True)
    SECRET_KEY = env("SECRET_KEY") or development_secret_key()
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
    DATABASE_URL = env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
    CELERY_BROKER_URL = env("CELERY_BROKER_URL", "")
    CACHE_URL = env("CACHE_URL")
    PERSONAL_DATA_KEYS = env("PERSONAL_DATA_KEYS", "development")
    PERSONAL_DATA_HASH_KEY = env("PERSONAL_DATA_HASH_KEY", f"phone:{SECRET_KEY}")

# Complainants' names, phones, ID numbers and addresses are encrypted at rest
# (django-fernet-encrypted-fields): the key is derived from SECRET_KEY and each of these
# salts. To rotate, put a new salt first (it encrypts; the others still decrypt), run
# `manage.py rotate_personal_data_keys`, then drop the old salt.
SALT_KEY = [key.strip() for key in PERSONAL_DATA_KEYS.split(",") if key.strip()]

# Earlier secret keys: signatures made with them (sessions, links) and personal data
# encrypted under them stay readable while a new SECRET_KEY takes over.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Monitors that send "Authorization: Bearer <token>" see /healthz/'s details.
HEALTHZ_TOKEN = env("HEALTHZ_TOKEN", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "csp",
    "simple_history",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "portal",
    "campaign",
    "complaints",
    "commitments",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Pages and files of logged-in users are kept by no cache (proxy or shared browser).
    "portal.middleware.PrivateNoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records the acting user on every history entry made during a request.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes requires: it turns a lockout signalled by the backend into a page.
    "axes.middleware.AxesMiddleware",
]

# whitenoise serves the static files: under gunicorn the collected ones (compressed, cached
# forever); in development straight from static/, also with DEBUG off (as `make run` runs, so
# that a missing page shows the portal's own 404 page, not Django's list of every address).
MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.notifications",
            ],
            "builtins": ["portal.templatetags.access"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        # Behind a transaction-mode pooler (PgBouncer) set DATABASE_CONN_MAX_AGE=0
        # and DATABASE_DISABLE_SERVER_SIDE_CURSORS=1.
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60" if PRODUCTION else "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and immediate transactions let the dev server and in-process tasks
    # write without "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
else:
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env_bool(
        "DATABASE_DISABLE_SERVER_SIDE_CURSORS"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "campaign.User"

AUTHENTICATION_BACKENDS = [
    # django-axes first, so a locked-out user is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lock an account after repeated failures from the same address (django-axes).
AXES_FAILURE_LIMIT = int(env("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("LOGIN_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Number of reverse proxies in front of gunicorn, so the client address is the real one.
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))


def client_address(request):
    """The client's address for the lock-out. Each of our TRUSTED_PROXY_COUNT proxies appends
    the address it was reached from to X-Forwarded-For, so the client is that many entries
    from the right; anything further left was written by the client and is not trusted.
    (django-ipware's proxy count with the default header order gave no address at all.)"""
    if TRUSTED_PROXY_COUNT:
        chain = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        chain = [address for address in chain if address]
        if len(chain) >= TRUSTED_PROXY_COUNT:
            return chain[-TRUSTED_PROXY_COUNT]
    return request.META.get("REMOTE_ADDR")


AXES_CLIENT_IP_CALLABLE = client_address
# The public pages' rate limits (django-ratelimit's "ip" key) count the same address, an IPv6
# one by its /64 (RATELIMIT_IPV6_MASK's default): one household holds the whole network.
RATELIMIT_IP_META_KEY = client_address

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
# One date style in both languages: 2013年4月10日 / 10 April 2013 (portal/formats/).
FORMAT_MODULE_PATH = ["portal.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", BASE_DIR / "staticfiles"))
# Uploads are served only through views that check access: never expose MEDIA_ROOT directly.
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", VAR_DIR / "media"))
# Units' summaries and forms: readable by the portal's own account (and its group) only.
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Celery. Without a broker, tasks run in-process at the point they are enqueued.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", CELERY_BROKER_URL) or None
CELERY_RESULT_EXPIRES = timedelta(days=1)
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# A task is acknowledged only when it has finished, so a worker killed mid-task
# leaves it to be re-delivered to another worker; tasks are written to be idempotent.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A Redis that takes connections but never answers (frozen, or a half-open connection) would
# hold the request enqueueing an after-commit task for ever: give up after a few seconds and
# leave the task to its sweep. (The worker's BRPOP waits 1 s at a time, within this.)
REDIS_SOCKET_TIMEOUT = 3
# How long Redis waits for a delivered task's acknowledgement before handing it to another
# worker: a worker killed mid-task (SIGKILL, OOM, lost machine) has its task re-delivered
# after this. 10 minutes: the longest task (the national report) takes about a second, so a
# killed build finishes a few minutes later, and no task runs near this long, which would
# have it delivered twice (tasks are idempotent, so that would be waste, not harm).
BROKER_VISIBILITY_TIMEOUT = int(env("CELERY_VISIBILITY_TIMEOUT", "600"))
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": BROKER_VISIBILITY_TIMEOUT,
    "socket_timeout": REDIS_SOCKET_TIMEOUT,
    "socket_connect_timeout": REDIS_SOCKET_TIMEOUT,
}
CELERY_REDIS_SOCKET_TIMEOUT = REDIS_SOCKET_TIMEOUT
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = REDIS_SOCKET_TIMEOUT
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    "record-worker-heartbeat": {
        "task": "portal.tasks.record_worker_heartbeat",
        "schedule": timedelta(minutes=1),
    },
    "send-pending-incident-alerts": {
        "task": "campaign.tasks.send_pending_incident_alerts",
        "schedule": timedelta(minutes=5),
    },
    "send-pending-notification-emails": {
        "task": "portal.tasks.send_pending_notification_emails",
        "schedule": timedelta(minutes=5),
    },
    # National report runs the broker never took (it was down) or lost (a killed worker).
    "enqueue-waiting-national-report-runs": {
        "task": "reports.tasks.enqueue_waiting_runs",
        "schedule": timedelta(minutes=1),
    },
    # Deadline reminders to units that have not submitted. Hourly, so a unit whose report is
    # returned during the day still hears the same day (at most once a day: a constraint), but
    # only from 08:00 to 20:00 Beijing time (CELERY_TIMEZONE): a reminder is an e-mail, and
    # nobody should get one at midnight; the service checks the hours again.
    "send-deadline-reminders": {
        "task": "reports.tasks.send_scheduled_reminders",
        "schedule": crontab(minute=0, hour="8-20"),
    },
    # Each bureau's and company's overdue complaints, once a day at 08:30 Beijing time (at most
    # one alert per organisation and day: a constraint, should beat fire twice).
    "send-overdue-complaint-alerts": {
        "task": "complaints.tasks.send_overdue_alerts",
        "schedule": crontab(minute=30, hour=8),
    },
    # The dashboards' complaint figures, counted ahead of time (complaints.services.tallies):
    # the pages say when; a refresh of a year with 1,000,000 complaints takes seconds.
    "refresh-complaint-tallies": {
        "task": "complaints.tasks.refresh_complaint_tallies",
        "schedule": timedelta(minutes=10),
    },
    # How often each company kept its promises, measured at night from the day's complaint
    # records: the public pages show the figures with the time they were measured.
    "measure-promises-kept": {
        "task": "commitments.tasks.measure_promises",
        "schedule": crontab(minute=30, hour=2),
    },
}

# E-mail (alerts to head office). Without EMAIL_HOST messages are printed to the console.
PORTAL_URL = env("PORTAL_URL", "http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "portal@localhost")
# Seconds to wait on the mail server: without it a server that never answers holds the web
# worker (password links) or the Celery worker (notifications) for ever.
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "10"))
if env("EMAIL_HOST"):
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = int(env("EMAIL_PORT", "25"))
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            # A frozen Redis fails the rate limits' count after a few seconds instead of
            # holding the request for ever (the public pages carry on without it).
            "OPTIONS": {
                "socket_timeout": REDIS_SOCKET_TIMEOUT,
                "socket_connect_timeout": REDIS_SOCKET_TIMEOUT,
            },
        }
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Excel uploads per user (django-ratelimit's rate, counted in the cache above): a clerk
# correcting a refused form uploads a few times; a script sending files in a loop is stopped.
EXCEL_UPLOAD_RATE = env("EXCEL_UPLOAD_RATE", "10/10m")
# Password-reset links to one address (anyone may ask for any address): enough for a person
# whose first link did not arrive, not enough to fill their mailbox.
PASSWORD_RESET_RATE = env("PASSWORD_RESET_RATE", "5/h")
# The public complaint form and tracking page, per client address: a consumer files a
# complaint or two and checks on it now and then; a script trying references is stopped.
COMPLAINT_FORM_RATE = env("COMPLAINT_FORM_RATE", "5/h")
COMPLAINT_TRACKING_RATE = env("COMPLAINT_TRACKING_RATE", "10/h")

# The hotline's API (/api/v1/): token authentication, an OpenAPI schema at /api/schema/.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["portal.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.CursorPagination",
    "PAGE_SIZE": 100,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "12378 complaints API",
    "DESCRIPTION": "For the 12378 hotline's call-centre system: register complaints, read "
    "their status, list changes since a time.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
}

# Content Security Policy: everything is served from our own origin (no CDN on an intranet).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

SESSION_COOKIE_AGE = int(timedelta(hours=8).total_seconds())
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # The reverse proxy terminates TLS and says so in this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # /healthz/ is probed over plain HTTP by load balancers inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    # django-axes announces its configuration at every start; keep only its warnings.
    "loggers": {"axes": {"level": "WARNING"}},
}
