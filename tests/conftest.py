"""One fixture per persona, as every permission test uses them."""

import json
import os
import socket

import hypothesis
import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from campaign.models import User
from campaign.services.tables import install_default_table
from portal import timelines
from portal.celery import app as celery_app
from reports.documents.docx import build_summary_docx
from reports.documents.summary import summary_title
from reports.services import runs as run_services

from .factories import CampaignFactory, InsurerFactory, UserFactory, organisation

MD5_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"

# CI (HYPOTHESIS_PROFILE=ci, set by .ci/run) draws the same examples on every run: a rare
# counterexample turns up in a developer's run, not as a red CI on an unrelated change.
hypothesis.settings.register_profile("ci", derandomize=True)
hypothesis.settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = [MD5_HASHER]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to the test's own folder, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def english(client):
    """For tests that assert messages in English (the Chinese is the catalogue's part): the
    test's own code and the pages the test client asks for."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def open_2013_campaign():
    """The 2013 campaign, open, with the 2013 statistics table."""
    campaign = CampaignFactory()
    install_default_table(campaign)
    return campaign


@pytest.fixture
def campaign(db):
    return open_2013_campaign()


# Each persona's user, by fixture name: the fixtures below, and the records that modules
# create once for all their tests (tests/test_permissions.py), take them from here. The
# factories get or create by username, so asking again gives the same user.
PERSONA_USERS = {
    "head_office": lambda: UserFactory(
        username="hq", organisation=organisation("hq"), role=User.Role.REVIEWER
    ),
    "bureau_a": lambda: UserFactory(username="beijing", organisation=organisation("beijing")),
    # The portal administrator of bureau A: manages Beijing's accounts and fills its form.
    "bureau_a_admin": lambda: UserFactory(
        username="beijing-admin",
        full_name="李静",
        email="lijing@beijing.example.cn",
        organisation=organisation("beijing"),
        role=User.Role.ADMIN,
    ),
    "bureau_b": lambda: UserFactory(username="shanghai", organisation=organisation("shanghai")),
    "company_x": lambda: UserFactory(
        username="demo-life",
        organisation=InsurerFactory(code="demo-life", name_zh="示例人寿保险股份有限公司"),
    ),
    "company_y": lambda: UserFactory(
        username="demo-pc",
        organisation=InsurerFactory(code="demo-pc", name_zh="示例财产保险股份有限公司"),
    ),
    "association": lambda: UserFactory(username="iac", organisation=organisation("iac")),
    "hotline": lambda: UserFactory(
        username="hotline", organisation=organisation("hq"), role=User.Role.HOTLINE
    ),
}


@pytest.fixture
def head_office(db):
    return PERSONA_USERS["head_office"]()


@pytest.fixture
def bureau_a(db):
    return PERSONA_USERS["bureau_a"]()


@pytest.fixture
def bureau_a_admin(db):
    return PERSONA_USERS["bureau_a_admin"]()


@pytest.fixture
def bureau_b(db):
    return PERSONA_USERS["bureau_b"]()


@pytest.fixture
def company_x(db):
    return PERSONA_USERS["company_x"]()


@pytest.fixture
def company_y(db):
    return PERSONA_USERS["company_y"]()


@pytest.fixture
def association(db):
    return PERSONA_USERS["association"]()


@pytest.fixture
def hotline(db):
    return PERSONA_USERS["hotline"]()


PERSONAS = [
    "anonymous",
    "head_office",
    "bureau_a",
    "bureau_a_admin",
    "bureau_b",
    "company_x",
    "company_y",
    "association",
    "hotline",
]


@pytest.fixture
def as_persona(request, client, db):
    """``as_persona("bureau_a")`` logs the test client in as that persona and returns the user."""

    def login(name):
        if name == "anonymous":
            return None
        user = request.getfixturevalue(name)
        client.force_login(user)
        return user

    return login


# The Word summaries built in this process, by what goes into them (see summary_docx_built_once).
SUMMARY_DOCX_BUILT = {}


@pytest.fixture
def summary_docx_built_once(monkeypatch):
    """For the tests that build the same national report in each of hundreds of cases (the
    permission matrix, the pages walked in both languages): its Word summary, whose fifteen
    matplotlib charts are most of the build's time, is built for real once per process for
    each title, summary and set of charts, and its bytes are reused when they come again.
    What it holds is build_run's to prove (tests/reports)."""

    def build(*, campaign, html, charts):
        key = (summary_title(campaign), html, json.dumps([chart.data for chart in charts]))
        if key not in SUMMARY_DOCX_BUILT:
            docx = build_summary_docx(campaign=campaign, html=html, charts=charts)
            SUMMARY_DOCX_BUILT[key] = docx
        return SUMMARY_DOCX_BUILT[key]

    monkeypatch.setattr(run_services, "build_summary_docx", build)


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limits count in the cache: each test starts with none used (issue 6, Excel part)."""
    cache.clear()


def reset_broker_connections():
    """Forget pooled connections, so the next task goes to the broker configured now."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def broker_down(settings, monkeypatch):
    """Tasks go through a broker (not in-process), and its port refuses connections."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        url = f"redis://127.0.0.1:{sock.getsockname()[1]}/0"
        settings.CELERY_BROKER_URL = url
        monkeypatch.setenv("CELERY_BROKER_URL", url)
        eager = celery_app.conf.task_always_eager
        celery_app.conf.task_always_eager = False
        reset_broker_connections()
        yield url
    celery_app.conf.task_always_eager = eager
    reset_broker_connections()


@pytest.fixture
def cache_down(settings):
    """The cache (Redis, where the rate limits count) refuses connections."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": f"redis://127.0.0.1:{sock.getsockname()[1]}/0",
            }
        }
        yield


@pytest.fixture
def measured_kinds(monkeypatch):
    """Complaint acceptance and claim payment, and no other kind, are measured, whatever
    records them (the pages show promises kept only for kinds that something measures)."""
    sources = {code: lambda year: [] for code in ("complaint_acceptance", "claim_payment")}
    monkeypatch.setattr(timelines, "_sources", sources)
