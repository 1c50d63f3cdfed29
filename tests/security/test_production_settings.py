"""The hardened profile (DJANGO_ENV=production), loaded in a process of its own as gunicorn
would load it: `check --deploy` is clean, cookies are Secure and HttpOnly, DEBUG and its
conveniences are off, and uploaded files have no public address."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import json, django
django.setup()
from django.conf import settings as s
from django.urls import resolve, Resolver404
def routed(path):
    try:
        resolve(path)
        return True
    except Resolver404:
        return False
print(json.dumps({
    "DEBUG": s.DEBUG,
    "SESSION_COOKIE_SECURE": s.SESSION_COOKIE_SECURE,
    "SESSION_COOKIE_HTTPONLY": s.SESSION_COOKIE_HTTPONLY,
    "SESSION_COOKIE_SAMESITE": s.SESSION_COOKIE_SAMESITE,
    "CSRF_COOKIE_SECURE": s.CSRF_COOKIE_SECURE,
    "LANGUAGE_COOKIE_SECURE": s.LANGUAGE_COOKIE_SECURE,
    "SECURE_HSTS_SECONDS": s.SECURE_HSTS_SECONDS,
    "SECURE_SSL_REDIRECT": s.SECURE_SSL_REDIRECT,
    "media_routed": routed("/media/statistics/2013/beijing/attachment.pdf"),
    "static_routed": routed("/static/css/portal.css"),
    "FILE_UPLOAD_PERMISSIONS": s.FILE_UPLOAD_PERMISSIONS,
    "FILE_UPLOAD_DIRECTORY_PERMISSIONS": s.FILE_UPLOAD_DIRECTORY_PERMISSIONS,
}))
"""


@pytest.fixture(scope="module")
def production_env(tmp_path_factory):
    var = tmp_path_factory.mktemp("production")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(
            (
                "DJANGO_",
                "DATABASE_",
                "CELERY_",
                "CACHE_",
                "SECRET",
                "ALLOWED",
                "DEBUG",
                "PERSONAL_DATA_",
            )
        )
    }
    env.update(
        DJANGO_ENV="production",
        DJANGO_SETTINGS_MODULE="portal.settings",
        SECRET_KEY="x" * 20 + "production-only-test-key-1234567890abcdefghijkl",
        ALLOWED_HOSTS="portal.example.gov.cn",
        DATABASE_URL=f"sqlite:///{var / 'db.sqlite3'}",
        CELERY_BROKER_URL="redis://127.0.0.1:1/0",
        CACHE_URL="redis://127.0.0.1:1/1",
        PERSONAL_DATA_KEYS="production-only-test-salt",
        PERSONAL_DATA_HASH_KEY="production-only-test-hash-key",
        PORTAL_VAR_DIR=str(var),
        STATIC_ROOT=str(var / "static"),
        DEBUG="1",  # ignored in production
    )
    return env


def run(env, *args):
    return subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean(production_env):
    result = run(production_env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.fixture(scope="module")
def probed(production_env):
    result = run(production_env, "-c", PROBE)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_debug_stays_off_even_when_asked_for(probed):
    assert probed["DEBUG"] is False


def test_cookies_are_secure_and_the_session_cookie_is_out_of_scripts_reach(probed):
    assert probed["SESSION_COOKIE_SECURE"] and probed["SESSION_COOKIE_HTTPONLY"]
    assert probed["SESSION_COOKIE_SAMESITE"] in ("Lax", "Strict")
    assert probed["CSRF_COOKIE_SECURE"] and probed["LANGUAGE_COOKIE_SECURE"]
    assert probed["SECURE_SSL_REDIRECT"] and probed["SECURE_HSTS_SECONDS"] >= 31536000


def test_uploaded_files_have_no_public_address(probed):
    assert not probed["media_routed"]
    assert not probed["static_routed"]  # whitenoise serves STATIC_ROOT only, before URLs


def test_uploaded_files_are_not_readable_by_other_accounts_on_the_server(probed):
    permissions = probed["FILE_UPLOAD_PERMISSIONS"]
    assert permissions is not None and not permissions & 0o007
    assert not probed["FILE_UPLOAD_DIRECTORY_PERMISSIONS"] & 0o007
