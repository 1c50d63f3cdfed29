"""Every URL of the portal as every persona: who gets the page, who is refused.

Each new page joins this table. 302 for anonymous means "sent to the login page";
404 means the record is not even confirmed to exist for that persona.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import URLPattern, resolve

from campaign import urls as campaign_urls
from campaign.services import attachments as attachment_services
from campaign.services import statistics as statistics_services
from portal import urls as portal_urls

from .conftest import PERSONAS
from .factories import statistics_report, valid_values

OK, LOGIN, FORBIDDEN, MISSING = 200, 302, 403, 404
ALL_USERS = {p: OK for p in PERSONAS if p != "anonymous"}


UNIT_AND_HEAD_OFFICE = {"bureau_a": OK, "head_office": OK}


def only_head_office(ok=OK):
    return {p: (ok if p == "head_office" else FORBIDDEN) for p in PERSONAS if p != "anonymous"}


MATRIX = [
    ("/healthz/", {p: OK for p in PERSONAS}),
    ("/accounts/login/", {p: OK for p in PERSONAS}),
    ("/", {"anonymous": LOGIN, **{p: 302 for p in ALL_USERS}}),
    ("/campaigns/", {"anonymous": LOGIN, **ALL_USERS}),
    ("/campaigns/2013/", {"anonymous": LOGIN, **ALL_USERS}),
    ("/campaigns/2099/", {"anonymous": LOGIN, **{p: MISSING for p in ALL_USERS}}),
    # Head office sets up campaigns and their statistics tables.
    ("/campaigns/new/", {"anonymous": LOGIN, **only_head_office()}),
    ("/campaigns/2013/table/", {"anonymous": LOGIN, **only_head_office()}),
    ("/campaigns/2099/table/", {"anonymous": LOGIN, **{p: MISSING for p in ALL_USERS}}),
    ("/campaigns/2013/table/indicators/new/", {"anonymous": LOGIN, **only_head_office()}),
    ("/campaigns/2013/table/indicators/E01/edit/", {"anonymous": LOGIN, **only_head_office()}),
    (
        "/campaigns/2013/table/indicators/Z99/edit/",
        {"anonymous": LOGIN, **only_head_office(MISSING)},
    ),
    # POST-only actions (their per-action tests POST as every persona): GET is 405.
    *[
        (url, {"anonymous": LOGIN, **{p: 405 for p in ALL_USERS}})
        for url in [
            "/campaigns/2013/open/",
            "/campaigns/2013/close/",
            "/campaigns/2013/table/indicators/E01/retire/",
            "/campaigns/2013/table/indicators/E01/restore/",
            "/campaigns/2013/table/indicators/E01/move/",
        ]
    ],
    ("/accounts/password/", {"anonymous": LOGIN, **ALL_USERS}),
    ("/accounts/password/done/", {"anonymous": LOGIN, **ALL_USERS}),
    ("/accounts/logout/", {p: 405 for p in PERSONAS}),  # a POST, from the user menu
    ("/organisations/", {"anonymous": LOGIN, **only_head_office()}),
    ("/organisations/new/", {"anonymous": LOGIN, **only_head_office()}),
    (
        "/organisations/beijing/edit/",
        {"anonymous": LOGIN, **{p: MISSING for p in ALL_USERS}, "head_office": OK},
    ),
    ("/admin/", {"anonymous": LOGIN, **{p: LOGIN for p in ALL_USERS}}),
    ("/statistics/2013/review/", {"anonymous": LOGIN, **only_head_office()}),
    ("/statistics/2099/review/", {"anonymous": LOGIN, **only_head_office(MISSING)}),
    (
        "/statistics/2013/beijing/review/",
        {"anonymous": LOGIN, **{p: MISSING for p in ALL_USERS}, "head_office": OK},
    ),
    # Not started: head office reviews only reports that exist.
    ("/statistics/2013/shanghai/review/", {"anonymous": LOGIN, **{p: MISSING for p in ALL_USERS}}),
    # The unit's own form, its history and attachments: the unit and head office only.
    ("/statistics/", {"anonymous": LOGIN, **{p: 302 for p in ALL_USERS}, "hotline": FORBIDDEN}),
    *[
        (url, {"anonymous": LOGIN, **{p: MISSING for p in ALL_USERS}, **UNIT_AND_HEAD_OFFICE})
        for url in [
            "/statistics/2013/beijing/",
            "/statistics/2013/beijing/history/",
            "/statistics/2013/beijing/attachments/{attachment}/",
        ]
    ],
    # Shanghai has not started: its own people open an empty form, head office sees nothing yet.
    (
        "/statistics/2013/shanghai/",
        {"anonymous": LOGIN, **{p: MISSING for p in ALL_USERS}, "bureau_b": OK},
    ),
    ("/statistics/2013/beijing/attachments/", {"anonymous": LOGIN, **{p: 405 for p in ALL_USERS}}),
    (
        "/statistics/2013/beijing/attachments/{attachment}/remove/",
        {"anonymous": LOGIN, **{p: 405 for p in ALL_USERS}},
    ),
    # Actions take POST only (their per-persona tests are in tests/campaign/test_*_report.py).
    *[
        (f"/statistics/2013/beijing/{action}/", {"anonymous": LOGIN, **{p: 405 for p in ALL_USERS}})
        for action in ("approve", "return", "reopen")
    ],
    # The form as Excel: whoever sees the report may download it and see the upload page.
    *[
        (url, {"anonymous": LOGIN, **{p: MISSING for p in ALL_USERS}, **UNIT_AND_HEAD_OFFICE})
        for url in [
            "/statistics/2013/beijing/excel/",
            "/statistics/2013/beijing/excel/template.xlsx",
        ]
    ],
    (
        "/statistics/2013/shanghai/excel/",
        {"anonymous": LOGIN, **{p: MISSING for p in ALL_USERS}, "bureau_b": OK},
    ),
    # No such upload (test_excel_upload.py fetches real ones as each persona).
    (
        "/statistics/2013/beijing/excel/uploads/999/annotated.xlsx",
        {"anonymous": LOGIN, **{p: MISSING for p in ALL_USERS}},
    ),
]


@pytest.fixture
def beijing_submitted(campaign, bureau_a):
    """Beijing's 2013 report with an attachment, submitted, so pages about it have a record."""
    report = statistics_report(campaign, "beijing")
    statistics_services.save_report(
        actor=bureau_a, report=report, values=valid_values(report), expected_version=0
    )
    # The file is written once the attachment is committed.
    with TestCase.captureOnCommitCallbacks(execute=True):
        attachment_services.add_attachment(
            actor=bureau_a,
            report=report,
            upload=SimpleUploadedFile("总结.pdf", b"%PDF-1.4\n%%EOF\n"),
        )
    return statistics_services.submit_report(actor=bureau_a, report=report)


@pytest.mark.parametrize(
    ("url", "persona", "expected"),
    [(url, persona, expected[persona]) for url, expected in MATRIX for persona in PERSONAS],
)
def test_permission_matrix(client, as_persona, beijing_submitted, url, persona, expected):
    as_persona(persona)
    response = client.get(url.format(attachment=beijing_submitted.attachments.get().pk))
    assert response.status_code == expected, f"{persona} GET {url}"
    if expected == LOGIN and persona == "anonymous":
        assert response["Location"].startswith(("/accounts/login/", "/admin/login/"))


def test_every_page_of_the_portal_is_in_the_matrix():
    in_matrix = {resolve(url.format(attachment=1, upload=1)).url_name for url, _ in MATRIX}
    named = {
        pattern.name
        for pattern in [*portal_urls.urlpatterns, *campaign_urls.urlpatterns]
        if isinstance(pattern, URLPattern)
    }
    assert named - in_matrix == set()
