"""Every URL of the root URLconf, as every persona, by GET and by POST, and for the pages of
a report in every state of its workflow: who gets through, who is refused.

The table is written by hand from the rules in portal/access.py. The URLs are found by
walking the root URLconf, and a test fails when one of them lacks a row for either method,
so a new app's pages cannot escape the table. A POST is sent empty: the table says who gets
past the checks; each action's own tests check what it does.

302 for anonymous means "sent to the login page"; 404 means the record is not even confirmed
to exist for that persona; 403 a visible record the persona may not change; 405 a method the
page does not take.
"""

import io
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import TestCase, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from PIL import Image

from campaign import excel
from campaign.models import Exemplar, ExpectedUnit, Region, StatisticsReport
from campaign.services import activities as activity_services
from campaign.services import attachments as attachment_services
from campaign.services import exemplars as exemplar_services
from campaign.services import statistics as statistics_services
from campaign.services.photos import check_photo
from commitments.models import CommitmentKind, ServiceCommitment
from commitments.services import commitments as commitment_services
from complaints.models import Complaint
from complaints.services import workflow as complaint_workflow
from portal.models import Notification
from portal.notifications import notify
from reports.models import NationalReportRun
from reports.services import runs as run_services

from .campaign.exemplars import photo_upload
from .campaign.exemplars import words as exemplar_words
from .campaign.media_reports import recorded as recorded_media_report
from .campaign.workbooks import fill, template
from .conftest import MD5_HASHER, PERSONA_USERS, PERSONAS, open_2013_campaign
from .factories import activity, article, statistics_report, valid_values
from .factories import complaint as register_complaint

OK, FOUND, FORBIDDEN, MISSING, NOT_ALLOWED = 200, 302, 403, 404, 405
UNAUTHORIZED = 401  # the API without a token
LOGIN = "302 to the login page"
USERS = [p for p in PERSONAS if p != "anonymous"]

# The states beijing's 2013 report is put in for the pages about a report.
STATES = ["draft", "submitted", "returned", "approved"]
EDITABLE = ["draft", "returned"]


# Insurers and the association answer complaints or have none: they register none.
NO_INTAKE = ["company_x", "company_y", "association"]


def everyone(status):
    return dict.fromkeys(PERSONAS, status)


def users(status, **exceptions):
    """Anonymous is sent to the login page; every user gets ``status`` unless named."""
    return {"anonymous": LOGIN, **dict.fromkeys(USERS, status), **exceptions}


def head_office_only(ok=OK, others=FORBIDDEN):
    return users(others, head_office=ok)


def report_pages(status_for_unit, status_for_head_office, others=MISSING):
    """A page of beijing's report: its own bureau (its administrator too) and head office see
    it, nobody else does."""
    return users(
        others,
        bureau_a=status_for_unit,
        bureau_a_admin=status_for_unit,
        head_office=status_for_head_office,
    )


def people_pages(status, others=FORBIDDEN):
    """Head office manages every account, beijing's administrator beijing's."""
    return users(others, head_office=status, bureau_a_admin=status)


def rows():
    """(method, url, states, {persona: status}); states None: the page is about no report."""
    yield from [
        ("GET", "/healthz/", None, everyone(OK)),
        ("POST", "/healthz/", None, everyone(NOT_ALLOWED)),
        ("GET", "/accounts/login/", None, everyone(OK)),
        ("POST", "/accounts/login/", None, everyone(OK)),  # the form again, with its errors
        ("GET", "/accounts/logout/", None, everyone(NOT_ALLOWED)),  # a POST, from the user menu
        ("POST", "/accounts/logout/", None, everyone(LOGIN)),
        ("GET", "/accounts/password/", None, users(OK)),
        ("POST", "/accounts/password/", None, users(OK)),
        ("GET", "/accounts/password/done/", None, users(OK)),
        ("POST", "/accounts/password/done/", None, everyone(NOT_ALLOWED)),
        ("GET", "/i18n/setlang/", None, everyone(FOUND)),
        ("POST", "/i18n/setlang/", None, everyone(FOUND)),
        # The admin is for superusers; the personas are sent to its login page.
        ("GET", "/admin/", None, everyone(LOGIN)),
        ("POST", "/admin/", None, everyone(LOGIN)),
        # The public site's home page for a visitor; a user is taken to their work.
        ("GET", "/", None, users(FOUND, anonymous=OK)),
        ("POST", "/", None, everyone(NOT_ALLOWED)),
        # For search engines.
        ("GET", "/sitemap.xml", None, everyone(OK)),
        ("POST", "/sitemap.xml", None, everyone(NOT_ALLOWED)),
        ("GET", "/robots.txt", None, everyone(OK)),
        ("POST", "/robots.txt", None, everyone(NOT_ALLOWED)),
        ("GET", "/campaigns/", None, users(OK)),
        ("POST", "/campaigns/", None, users(NOT_ALLOWED)),
        ("GET", "/campaigns/2013/", None, users(OK)),
        ("POST", "/campaigns/2013/", None, users(NOT_ALLOWED)),
        ("GET", "/campaigns/2099/", None, users(MISSING)),
        # Head office sets up campaigns and their statistics tables.
        ("GET", "/campaigns/new/", None, head_office_only()),
        ("POST", "/campaigns/new/", None, head_office_only(OK)),  # the form, with its errors
        ("GET", "/campaigns/2013/table/", None, head_office_only()),
        ("POST", "/campaigns/2013/table/", None, users(NOT_ALLOWED)),
        ("GET", "/campaigns/2099/table/", None, users(MISSING)),
        ("GET", "/campaigns/2013/table/indicators/new/", None, head_office_only()),
        ("POST", "/campaigns/2013/table/indicators/new/", None, head_office_only(OK)),
        ("GET", "/campaigns/2013/table/indicators/E01/edit/", None, head_office_only()),
        ("POST", "/campaigns/2013/table/indicators/E01/edit/", None, head_office_only(OK)),
        ("GET", "/campaigns/2013/table/indicators/Z99/edit/", None, head_office_only(MISSING)),
        *[
            (method, f"/campaigns/2013/{action}/", None, expected)
            for action in (
                "open",
                "close",
                "table/indicators/E01/retire",
                "table/indicators/E01/restore",
                "table/indicators/E01/move",
            )
            for method, expected in [
                ("GET", users(NOT_ALLOWED)),
                ("POST", head_office_only(FOUND)),
            ]
        ],
        # Head office keeps each campaign's list of units expected to report.
        ("GET", "/campaigns/2013/units/", None, head_office_only()),
        ("POST", "/campaigns/2013/units/", None, users(NOT_ALLOWED)),
        ("GET", "/campaigns/2099/units/", None, users(MISSING)),
        ("GET", "/campaigns/2013/units/add/", None, users(NOT_ALLOWED)),
        ("POST", "/campaigns/2013/units/add/", None, head_office_only(OK)),  # no unit chosen
        ("GET", "/campaigns/2013/units/shanghai/remove/", None, users(NOT_ALLOWED)),
        ("POST", "/campaigns/2013/units/shanghai/remove/", None, head_office_only(FOUND)),
        ("POST", "/campaigns/2013/units/hq/remove/", None, head_office_only(MISSING)),
        ("GET", "/organisations/", None, head_office_only()),
        ("POST", "/organisations/", None, users(NOT_ALLOWED)),
        ("GET", "/organisations/new/", None, head_office_only()),
        ("POST", "/organisations/new/", None, head_office_only(OK)),
        ("GET", "/organisations/beijing/edit/", None, head_office_only(OK, MISSING)),
        ("POST", "/organisations/beijing/edit/", None, head_office_only(OK, MISSING)),
        # Where the navigation's "Statistics" leads: the unit's form or head office's review.
        ("GET", "/statistics/", None, users(FOUND, hotline=FORBIDDEN)),
        ("POST", "/statistics/", None, users(NOT_ALLOWED)),
        ("GET", "/statistics/2013/review/", None, head_office_only()),
        ("POST", "/statistics/2013/review/", None, users(NOT_ALLOWED)),
        ("GET", "/statistics/2099/review/", None, head_office_only(MISSING)),
        # Deadline reminders: head office's log, and its 催报 (an empty one is sent back to
        # the review table with a message).
        ("GET", "/reports/2013/reminders/", None, head_office_only()),
        ("POST", "/reports/2013/reminders/", None, users(NOT_ALLOWED)),
        ("GET", "/reports/2099/reminders/", None, head_office_only(MISSING)),
        ("GET", "/reports/2013/reminders/send/", None, users(NOT_ALLOWED)),
        ("POST", "/reports/2013/reminders/send/", None, head_office_only(FOUND)),
        # An insurer's form is its own; company Y's insurer is not on the 2013 list of
        # expected units, so it has no form there.
        ("GET", "/statistics/2013/demo-life/", None, users(MISSING, company_x=OK)),
        ("GET", "/statistics/2013/demo-pc/", None, users(MISSING)),
        ("POST", "/statistics/2013/demo-pc/", None, users(MISSING)),
        # Shanghai has not started: its own people open an empty form (starting its
        # report), head office has nothing to see yet.
        ("GET", "/statistics/2013/shanghai/", None, users(MISSING, bureau_b=OK)),
        ("GET", "/statistics/2013/shanghai/excel/", None, users(MISSING, bureau_b=OK)),
        ("GET", "/statistics/2013/shanghai/review/", None, users(MISSING)),
        # People: head office manages every account, an administrator their organisation's.
        ("GET", "/people/", None, people_pages(OK)),
        ("POST", "/people/", None, users(NOT_ALLOWED)),
        ("GET", "/people/new/", None, people_pages(OK)),
        ("POST", "/people/new/", None, people_pages(OK)),  # the form, with its errors
        ("GET", "/people/beijing/edit/", None, people_pages(OK, MISSING)),
        ("POST", "/people/beijing/edit/", None, people_pages(OK, MISSING)),
        ("GET", "/people/shanghai/edit/", None, users(MISSING, head_office=OK)),
        ("POST", "/people/shanghai/edit/", None, users(MISSING, head_office=OK)),
        ("GET", "/people/nobody/edit/", None, users(MISSING)),
        *[
            (method, f"/people/{account}/{action}/", None, expected)
            for action in ("deactivate", "activate", "unlock")
            for account, method, expected in [
                ("beijing", "GET", users(NOT_ALLOWED)),
                ("beijing", "POST", people_pages(FOUND, MISSING)),
                ("shanghai", "POST", users(MISSING, head_office=FOUND)),
            ]
        ],
        # Password reset by e-mailed link: for anyone, logged in or not.
        ("GET", "/accounts/password/reset/", None, everyone(OK)),
        ("POST", "/accounts/password/reset/", None, everyone(OK)),  # the form, with its errors
        ("GET", "/accounts/password/reset/sent/", None, everyone(OK)),
        ("POST", "/accounts/password/reset/sent/", None, everyone(NOT_ALLOWED)),
        ("GET", "/accounts/password/reset/MQ/not-a-token/", None, everyone(OK)),
        ("POST", "/accounts/password/reset/MQ/not-a-token/", None, everyone(OK)),
        ("GET", "/accounts/password/reset/complete/", None, everyone(OK)),
        ("POST", "/accounts/password/reset/complete/", None, everyone(NOT_ALLOWED)),
        # The public's complaint pages: anyone, logged in or not. An empty POST is the form
        # again, with its errors; the done page, with no complaint filed in the session, sends
        # to the form.
        ("GET", "/complaints/new/", None, everyone(OK)),
        ("POST", "/complaints/new/", None, everyone(OK)),
        ("GET", "/complaints/new/done/", None, everyone(FOUND)),
        ("POST", "/complaints/new/done/", None, everyone(NOT_ALLOWED)),
        ("GET", "/complaints/track/", None, everyone(OK)),
        ("POST", "/complaints/track/", None, everyone(OK)),
        # A company's commitments beside last year's: the public's, no login; only insurers
        # have commitments.
        ("GET", "/commitments/companies/demo-life/year-over-year/", None, everyone(OK)),
        ("POST", "/commitments/companies/demo-life/year-over-year/", None, everyone(NOT_ALLOWED)),
        ("GET", "/commitments/companies/beijing/year-over-year/", None, everyone(MISSING)),
        # The public's commitment pages: anyone, logged in or not; read-only. A company's page
        # is an insurer's: another organisation's code is not found.
        ("GET", "/commitments/", None, everyone(OK)),
        ("POST", "/commitments/", None, everyone(NOT_ALLOWED)),
        ("GET", "/commitments/compare/", None, everyone(OK)),
        ("POST", "/commitments/compare/", None, everyone(NOT_ALLOWED)),
        ("GET", "/commitments/companies/demo-life/", None, everyone(OK)),
        ("POST", "/commitments/companies/demo-life/", None, everyone(NOT_ALLOWED)),
        ("GET", "/commitments/companies/beijing/", None, everyone(MISSING)),
        # Notifications: everyone has their own; another's is not found.
        ("GET", "/notifications/", None, users(OK)),
        ("POST", "/notifications/", None, users(NOT_ALLOWED)),
        ("GET", "/notifications/{notification}/", None, users(MISSING, bureau_a=FOUND)),
        ("POST", "/notifications/{notification}/", None, users(NOT_ALLOWED)),
        ("GET", "/notifications/read/", None, users(NOT_ALLOWED)),
        ("POST", "/notifications/read/", None, users(FOUND)),
        # The national report: head office's alone; {run} is a finished build of 2013.
        ("GET", "/reports/", None, users(MISSING, head_office=FOUND)),
        ("POST", "/reports/", None, users(NOT_ALLOWED)),
        ("GET", "/reports/2013/", None, users(MISSING, head_office=OK)),
        ("POST", "/reports/2013/", None, users(NOT_ALLOWED)),
        ("GET", "/reports/2099/", None, users(MISSING)),
        ("GET", "/reports/2013/build/", None, users(NOT_ALLOWED)),
        ("POST", "/reports/2013/build/", None, users(MISSING, head_office=FOUND)),
        ("POST", "/reports/2099/build/", None, users(MISSING)),
        *[
            (method, f"/reports/2013/runs/{{run}}/{page}", None, expected)
            for page in ("", "progress/", "workbook/", "summary/")
            for method, expected in [
                ("GET", users(MISSING, head_office=OK)),
                ("POST", users(NOT_ALLOWED)),
            ]
        ],
        ("GET", "/reports/2013/runs/{run}/minutes/", None, users(MISSING)),
        # Dashboards: head office's national one, a unit's own beside its kind's average, at
        # one address; the hotline has none. The navigation's item leads to the current one.
        ("GET", "/reports/2013/dashboard/", None, users(OK, hotline=MISSING)),
        ("POST", "/reports/2013/dashboard/", None, users(NOT_ALLOWED)),
        ("GET", "/reports/2099/dashboard/", None, users(MISSING)),
        ("GET", "/reports/dashboard/", None, users(FOUND, hotline=FORBIDDEN)),
        ("POST", "/reports/dashboard/", None, users(NOT_ALLOWED)),
        # The national summary is head office's: nobody else learns that it exists. An empty
        # POST is refused by the page's form, or by the services (no build yet), with a message.
        ("GET", "/reports/2013/summary/", None, users(MISSING, head_office=OK)),
        ("POST", "/reports/2013/summary/", None, users(MISSING, head_office=OK)),
        *[
            (method, f"/reports/2013/summary/{action}/", None, expected)
            for action in ("final", "adopt")
            for method, expected in [
                ("GET", users(NOT_ALLOWED)),
                ("POST", users(MISSING, head_office=FOUND)),
            ]
        ],
        ("GET", "/reports/2013/summary/versions/1/", None, users(MISSING)),  # none is final
        ("POST", "/reports/2013/summary/versions/1/", None, users(NOT_ALLOWED)),
        # The hotline API takes a token, never the session: a logged-in persona is
        # unauthenticated there (tests/complaints/test_api_*.py send tokens). Its schema is
        # for anyone to read.
        ("GET", "/api/v1/complaints/", None, everyone(UNAUTHORIZED)),
        ("POST", "/api/v1/complaints/", None, everyone(UNAUTHORIZED)),
        ("GET", "/api/v1/complaints/{complaint}/", None, everyone(UNAUTHORIZED)),
        ("POST", "/api/v1/complaints/{complaint}/", None, everyone(UNAUTHORIZED)),
        ("GET", "/api/schema/", None, everyone(OK)),
        ("POST", "/api/schema/", None, everyone(NOT_ALLOWED)),
        *complaint_handling_rows(),
        # Complaints: the hotline, the bureaus and head office register them (an empty POST
        # is the form again, with its errors); whoever has complaints to see has the list.
        *[
            (method, url, None, users(OK, **dict.fromkeys(NO_INTAKE, FORBIDDEN)))
            for url in ("/hotline/", "/complaints/register/")
            for method in ("GET", "POST")
        ],
        ("GET", "/complaints/", None, users(OK, association=FORBIDDEN)),
        ("POST", "/complaints/", None, users(NOT_ALLOWED)),
        *commitment_staff_rows(),
        *exemplar_rows(),
        *media_report_rows(),
        *article_rows(),
        *activity_rows(),
    ]
    yield from report_rows()


def complaint_handling_rows():
    """{complaint}: beijing handles it, company X answers it (forwarded), the hotline
    registered it, head office sees every complaint; nobody else learns that it exists."""

    def seen_by(status, **exceptions):
        seeing = ["head_office", "bureau_a", "bureau_a_admin", "company_x", "hotline"]
        return users(MISSING, **dict.fromkeys(seeing, status) | exceptions)

    # Incidents: head office and the handling bureau follow them.
    def followed_by(status):
        return users(MISSING, head_office=status, bureau_a=status, bureau_a_admin=status)

    complaint = "/complaints/{complaint}/"
    return [
        ("GET", complaint, None, seen_by(OK)),
        ("POST", complaint, None, users(NOT_ALLOWED)),
        # The complainant's data in full: a logged POST from the page.
        ("GET", f"{complaint}personal-data/", None, users(NOT_ALLOWED)),
        ("POST", f"{complaint}personal-data/", None, seen_by(OK)),
        ("GET", f"{complaint}attachments/nope/", None, users(MISSING)),
        ("POST", f"{complaint}attachments/nope/", None, users(NOT_ALLOWED)),
        # Steps: POST only. The company answers (the empty form again, with its error); the
        # bureau's accept is past (a message on the page); the bureau's close is the empty
        # form again; an unknown step is not found.
        ("GET", f"{complaint}answer/", None, users(NOT_ALLOWED)),
        ("POST", f"{complaint}answer/", None, seen_by(FORBIDDEN, company_x=OK)),
        ("POST", f"{complaint}extend/", None, seen_by(FORBIDDEN, company_x=OK)),
        # The company accepts what was forwarded to it (no note needed: back to the page).
        ("POST", f"{complaint}company_accept/", None, seen_by(FORBIDDEN, company_x=FOUND)),
        # The claim's dates: the company and the handling bureau record them (an empty form
        # changes nothing: back to the page); the others who see the complaint are refused.
        ("GET", f"{complaint}claim-timeline/", None, users(NOT_ALLOWED)),
        (
            "POST",
            f"{complaint}claim-timeline/",
            None,
            seen_by(FORBIDDEN, bureau_a=FOUND, bureau_a_admin=FOUND, company_x=FOUND),
        ),
        (
            "POST",
            f"{complaint}accept/",
            None,
            seen_by(FORBIDDEN, bureau_a=FOUND, bureau_a_admin=FOUND),
        ),
        ("POST", f"{complaint}close/", None, seen_by(FORBIDDEN, bureau_a=OK, bureau_a_admin=OK)),
        # Re-routing and merging are the handling bureau's (the empty form again, with its
        # errors); everyone else who sees the complaint is refused, the others do not find it.
        *(
            (
                "POST",
                f"{complaint}{step}/",
                None,
                seen_by(FORBIDDEN, bureau_a=OK, bureau_a_admin=OK),
            )
            for step in ("reroute", "merge")
        ),
        ("POST", f"{complaint}approve/", None, users(MISSING)),
        # Incidents: a company, the association and the hotline do not follow them.
        (
            "GET",
            "/incidents/",
            None,
            users(FORBIDDEN, head_office=OK, bureau_a=OK, bureau_a_admin=OK, bureau_b=OK),
        ),
        ("POST", "/incidents/", None, users(NOT_ALLOWED)),
        ("GET", "/incidents/{complaint}/", None, followed_by(OK)),
        ("POST", "/incidents/{complaint}/", None, users(NOT_ALLOWED)),
        ("GET", "/incidents/{complaint}/steps/", None, users(NOT_ALLOWED)),
        ("POST", "/incidents/{complaint}/steps/", None, followed_by(OK)),  # no step chosen
    ]


def commitment_staff_rows():
    """{commitment}: company X's published commitment, nationwide (every bureau comments on
    it); {commitment_draft}: company X's draft, its own and head office's to see. A
    commitment's page is public once published."""
    companies = ["company_x", "company_y"]
    bureaus = ["bureau_a", "bureau_a_admin", "bureau_b"]

    def draft_seen_by(company_x, head_office=FORBIDDEN):
        return users(MISSING, company_x=company_x, head_office=head_office)

    published, draft = "/commitments/{commitment}/", "/commitments/{commitment_draft}/"
    return [
        # A company's own commitments; a bureau's and head office's review list.
        (
            "GET",
            "/commitments/manage/",
            None,
            users(OK, association=FORBIDDEN, hotline=FORBIDDEN),
        ),
        ("POST", "/commitments/manage/", None, users(NOT_ALLOWED)),
        # Companies draft (an empty POST is the form again, with its errors).
        *[
            (
                method,
                "/commitments/manage/new/",
                None,
                users(FORBIDDEN, **dict.fromkeys(companies, OK)),
            )
            for method in ("GET", "POST")
        ],
        ("GET", published, None, everyone(OK)),
        ("POST", published, None, everyone(NOT_ALLOWED)),
        ("GET", draft, None, everyone(MISSING) | {"company_x": OK, "head_office": OK}),
        # A published version is amended, not edited: its company is sent to its page.
        *[
            (method, f"{published}edit/", None, users(FORBIDDEN, company_x=FOUND))
            for method in ("GET", "POST")
        ],
        ("GET", f"{draft}edit/", None, draft_seen_by(OK)),
        ("POST", f"{draft}edit/", None, draft_seen_by(OK)),  # the form, with its errors
        # Steps: POST only. Publishing a published one is refused with a message; amending
        # sends to the new draft's form; an empty withdrawal or remark is the page again
        # with the form's error.
        ("GET", f"{published}amend/", None, users(NOT_ALLOWED)),
        ("POST", f"{published}publish/", None, users(FORBIDDEN, company_x=FOUND)),
        ("POST", f"{published}amend/", None, users(FORBIDDEN, company_x=FOUND)),
        ("POST", f"{published}withdraw/", None, users(FORBIDDEN, company_x=OK)),
        ("POST", f"{published}comment/", None, users(FORBIDDEN, **dict.fromkeys(bureaus, OK))),
        ("POST", f"{published}flag/", None, users(FORBIDDEN, head_office=OK)),
        ("POST", f"{published}delete/", None, users(MISSING)),
        ("POST", f"{draft}publish/", None, draft_seen_by(FOUND)),
    ]


def exemplar_rows():
    """{exemplar}: beijing's published person, with a photo; {exemplar_draft}: its draft
    person, with a photo. Bureaus and the association keep 双十佳 lists, each its own
    entries (head office sees them, and is refused); the public reads what is published."""
    listers = ["bureau_a", "bureau_a_admin", "bureau_b", "association"]
    own = ["bureau_a", "bureau_a_admin"]

    def listers_get(status):
        return users(FORBIDDEN, **dict.fromkeys(listers, status))

    def entry_seen_by(status):
        return users(MISSING, head_office=FORBIDDEN, **dict.fromkeys(own, status))

    published, draft = (
        "/exemplars/manage/2013/{exemplar}/",
        "/exemplars/manage/2013/{exemplar_draft}/",
    )
    return [
        *[
            row
            for url in ("/exemplars/", "/exemplars/2013/", "/exemplars/2013/110000/")
            for row in [
                ("GET", url, None, everyone(OK)),
                ("POST", url, None, everyone(NOT_ALLOWED)),
            ]
        ],
        ("GET", "/exemplars/2013/999999/", None, everyone(MISSING)),
        ("GET", "/exemplars/2099/", None, everyone(MISSING)),
        *[
            row
            for size in ("", "small/")
            for row in [
                ("GET", f"/exemplars/photos/{{exemplar}}/{size}", None, everyone(OK)),
                ("POST", f"/exemplars/photos/{{exemplar}}/{size}", None, everyone(NOT_ALLOWED)),
                (
                    "GET",
                    f"/exemplars/photos/{{exemplar_draft}}/{size}",
                    None,
                    everyone(MISSING) | dict.fromkeys(own, OK),
                ),
            ]
        ],
        ("GET", "/exemplars/manage/", None, listers_get(FOUND)),
        ("POST", "/exemplars/manage/", None, users(NOT_ALLOWED)),
        ("GET", "/exemplars/manage/2013/", None, listers_get(OK)),
        ("POST", "/exemplars/manage/2013/", None, users(NOT_ALLOWED)),
        ("GET", "/exemplars/manage/2099/", None, users(MISSING)),
        # An empty POST is the form again, with its errors.
        *[
            (method, "/exemplars/manage/2013/new/", None, listers_get(OK))
            for method in ("GET", "POST")
        ],
        *[(method, f"{published}edit/", None, entry_seen_by(OK)) for method in ("GET", "POST")],
        ("GET", f"{draft}edit/", None, entry_seen_by(OK)),
        *[
            row
            for step in ("publish", "withdraw", "delete")
            for row in [
                ("GET", f"{published}{step}/", None, users(NOT_ALLOWED)),
                ("POST", f"{published}{step}/", None, entry_seen_by(FOUND)),
            ]
        ],
        ("POST", f"{draft}publish/", None, entry_seen_by(FOUND)),
        ("POST", f"{published}promote/", None, users(MISSING)),
    ]


def media_report_rows():
    """{media_report}: beijing's. Reporting units record their own; head office reads every
    unit's and changes none; the hotline has none."""
    units = ["bureau_a", "bureau_a_admin", "bureau_b", "company_x", "company_y", "association"]
    own = ["bureau_a", "bureau_a_admin"]

    def readers(status):
        return users(FORBIDDEN, head_office=status, **dict.fromkeys(units, status))

    def report_seen_by(status):
        return users(MISSING, head_office=FORBIDDEN, **dict.fromkeys(own, status))

    report = "/media-reports/2013/{media_report}/"
    return [
        ("GET", "/media-reports/", None, readers(FOUND)),
        ("POST", "/media-reports/", None, users(NOT_ALLOWED)),
        ("GET", "/media-reports/2013/", None, readers(OK)),
        ("POST", "/media-reports/2013/", None, users(NOT_ALLOWED)),
        ("GET", "/media-reports/2099/", None, users(MISSING)),
        # An empty POST is the form again, with its errors.
        *[
            (method, "/media-reports/2013/new/", None, users(FORBIDDEN, **dict.fromkeys(units, OK)))
            for method in ("GET", "POST")
        ],
        *[(method, f"{report}edit/", None, report_seen_by(OK)) for method in ("GET", "POST")],
        ("GET", f"{report}delete/", None, users(NOT_ALLOWED)),
        ("POST", f"{report}delete/", None, report_seen_by(FOUND)),
    ]


def article_rows():
    """{article}: the association's published knowledge article, public; {article_draft}: head
    office's draft, head office's alone to see. Head office and the association write
    articles, each changes its own, head office any; nobody else writes any."""

    def written_by(status, association=None):
        return users(FORBIDDEN, head_office=status, association=association or status)

    published, draft = "/knowledge/manage/{article}/", "/knowledge/manage/{article_draft}/"
    return [
        ("GET", "/knowledge/", None, everyone(OK)),
        ("POST", "/knowledge/", None, everyone(NOT_ALLOWED)),
        ("GET", "/knowledge/{article}/", None, everyone(OK)),
        ("POST", "/knowledge/{article}/", None, everyone(NOT_ALLOWED)),
        ("GET", "/knowledge/{article_draft}/", None, everyone(MISSING) | {"head_office": OK}),
        ("GET", "/knowledge/999/", None, everyone(MISSING)),
        ("GET", "/knowledge/manage/", None, written_by(OK)),
        ("POST", "/knowledge/manage/", None, users(NOT_ALLOWED)),
        # An empty POST is the form again, with its errors.
        *[
            (method, url, None, written_by(OK))
            for url in ("/knowledge/manage/new/", f"{published}edit/")
            for method in ("GET", "POST")
        ],
        *[(method, f"{draft}edit/", None, written_by(OK, MISSING)) for method in ("GET", "POST")],
        # Steps: POST only. Deleting a published article is refused with a message.
        ("GET", f"{published}withdraw/", None, users(NOT_ALLOWED)),
        *[
            ("POST", f"{published}{step}/", None, written_by(FOUND))
            for step in ("publish", "withdraw", "delete")
        ],
        ("POST", f"{draft}publish/", None, written_by(FOUND, MISSING)),
        ("POST", f"{draft}archive/", None, users(MISSING)),
    ]


def activity_rows():
    """{activity}: an event beijing logged in 2013, with a photo ({photo}). Every reporting
    unit keeps its own log; head office reads every unit's and changes none; the hotline
    keeps none; nobody else learns that beijing's event exists."""
    units = ["bureau_a", "bureau_a_admin", "bureau_b", "company_x", "company_y", "association"]

    def logs(status):
        return users(FORBIDDEN, **dict.fromkeys(units, status))

    def beijings(status, head_office):
        return users(MISSING, bureau_a=status, bureau_a_admin=status, head_office=head_office)

    event, photo = "/activities/2013/{activity}/", "/activities/photos/{photo}/"
    return [
        ("GET", "/activities/", None, users(FOUND, hotline=FORBIDDEN)),
        ("GET", "/activities/2013/", None, users(OK, hotline=FORBIDDEN)),
        ("GET", "/activities/2013/calendar/", None, users(OK, hotline=FORBIDDEN)),
        ("GET", "/activities/2099/", None, users(MISSING)),
        *[
            ("POST", url, None, users(NOT_ALLOWED))
            for url in (
                "/activities/",
                "/activities/2013/",
                "/activities/2013/calendar/",
                event,
                photo,
                f"{photo}thumbnail/",
            )
        ],
        # Recording: the form (an empty POST is the form again, with its errors).
        ("GET", "/activities/2013/new/", None, logs(OK)),
        ("POST", "/activities/2013/new/", None, logs(OK)),
        ("GET", event, None, beijings(OK, head_office=OK)),
        ("GET", f"{event}edit/", None, beijings(OK, head_office=FORBIDDEN)),
        ("POST", f"{event}edit/", None, beijings(OK, head_office=FORBIDDEN)),
        ("GET", f"{event}delete/", None, beijings(OK, head_office=FORBIDDEN)),
        ("POST", f"{event}delete/", None, beijings(FOUND, head_office=FORBIDDEN)),
        # Photos are served through the event's access, never from MEDIA; an empty POST to
        # add one is a message on the event's page.
        ("GET", photo, None, beijings(OK, head_office=OK)),
        ("GET", f"{photo}thumbnail/", None, beijings(OK, head_office=OK)),
        ("GET", f"{event}photos/", None, users(NOT_ALLOWED)),
        ("POST", f"{event}photos/", None, beijings(FOUND, head_office=FORBIDDEN)),
        ("GET", f"{photo}delete/", None, users(NOT_ALLOWED)),
        ("POST", f"{photo}delete/", None, beijings(FOUND, head_office=FORBIDDEN)),
    ]


def report_rows():
    """The pages of beijing's report, in each state."""
    # Read-only pages take no POST, whoever sends it and whatever the report's state.
    for page in (
        "history/",
        "review/",
        "excel/template.xlsx",
        "excel/uploads/{upload}/annotated.xlsx",
        "attachments/{attachment}/",
    ):
        yield ("POST", f"/statistics/2013/beijing/{page}", None, users(NOT_ALLOWED))
    for state in STATES:
        editable = state in EDITABLE
        unit_may_change = OK if editable else FORBIDDEN  # a POST the unit makes to its form
        for page in (
            "",
            "history/",
            "excel/",
            "excel/template.xlsx",
            "excel/uploads/{upload}/annotated.xlsx",
            "attachments/{attachment}/",
        ):
            yield ("GET", f"/statistics/2013/beijing/{page}", [state], report_pages(OK, OK))
        yield from [
            # Head office sees the form, but only its unit changes it.
            (
                "POST",
                "/statistics/2013/beijing/",
                [state],
                report_pages(unit_may_change, FORBIDDEN),
            ),
            (
                "POST",
                "/statistics/2013/beijing/excel/",
                [state],
                report_pages(unit_may_change, FORBIDDEN),
            ),
            # Attachments: the unit's own; outside an editable state the service says no
            # with a message on the form, which the attachment tests check.
            *[
                (method, f"/statistics/2013/beijing/{page}", [state], expected)
                for page in ("attachments/", "attachments/{attachment}/remove/")
                for method, expected in [
                    ("GET", users(NOT_ALLOWED)),
                    ("POST", report_pages(FOUND, FORBIDDEN)),
                ]
            ],
            # Head office's review: the unit works on its report at its own form page.
            ("GET", "/statistics/2013/beijing/review/", [state], users(MISSING, head_office=OK)),
            *[
                (method, f"/statistics/2013/beijing/{action}/", [state], expected)
                for action, decided in [
                    ("approve", FOUND),
                    ("return", OK),  # the review page again: a return needs a comment
                    ("reopen", FOUND),
                ]
                for method, expected in [
                    ("GET", users(NOT_ALLOWED)),
                    ("POST", users(MISSING, head_office=decided)),
                ]
            ],
        ]


MATRIX = list(rows())


def _put_in_state(report, state, *, unit, reviewer):
    if state == "draft":
        return
    statistics_services.submit_report(actor=unit, report=report)
    if state == "returned":
        statistics_services.return_report(actor=reviewer, report=report, comment="请核对E01。")
    if state == "approved":
        statistics_services.approve_report(actor=reviewer, report=report)


def beijing_report(campaign, bureau_a):
    """Beijing's 2013 report, valid values saved, with an attachment and a refused upload."""
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
    content = fill(template(report), {"A01": "很多"})
    refused = excel.upload_statistics(
        actor=bureau_a,
        report=report,
        file=SimpleUploadedFile("表.xlsx", content),
        name="表.xlsx",
        size=len(content),
    )
    assert not refused.accepted
    notify(recipients=[bureau_a], verb="请查看北京保监局的报表", link="/statistics/2013/beijing/")
    return report


@pytest.fixture
def beijing(campaign, bureau_a, head_office):
    return beijing_report(campaign, bureau_a)


def forwarded_complaint(bureau_a, company_x, hotline):
    """A six-person complaint (so an incident) from Beijing about company X, registered by
    the hotline, accepted and forwarded by bureau A: URLs name it as {complaint}."""
    complaint = register_complaint(
        actor=hotline, company=company_x.organisation, province="北京", complainant_count=6
    )
    complaint = complaint_workflow.accept_complaint(actor=bureau_a, complaint=complaint)
    return complaint_workflow.forward_complaint(
        actor=bureau_a, complaint=complaint, complexity="simple"
    )


@pytest.fixture
def complaint_in_beijing(bureau_a, company_x, hotline):
    return forwarded_complaint(bureau_a, company_x, hotline)


def company_x_commitments(campaign, company_x):
    """Company X's published promise to pay within 5 days, nationwide, and a draft: URLs
    name them as {commitment} and {commitment_draft}."""

    def draft(kind, **fields):
        return commitment_services.draft_commitment(
            actor=company_x,
            company=company_x.organisation,
            campaign=campaign,
            kind=CommitmentKind.objects.get(code=kind),
            **fields,
        )

    payment = draft(
        "claim_payment", text="达成赔偿协议后5日内支付赔款。", limit_value=5, limit_unit="days"
    )
    return {
        "commitment": commitment_services.publish_commitment(actor=company_x, commitment=payment),
        "commitment_draft": draft("information_security", text="不泄露客户信息。"),
    }


@pytest.fixture
def commitments_of_company_x(campaign, company_x):
    return company_x_commitments(campaign, company_x)


def beijing_campaign_work(campaign, bureau_a):
    """Beijing's published 双十佳 person and its draft one, each with a photo, and its media
    report: URLs name them as {exemplar}, {exemplar_draft} and {media_report}."""

    def person(name):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return exemplar_services.draft_exemplar(
                actor=bureau_a,
                campaign=campaign,
                region=Region.objects.get(code="110000"),
                kind=Exemplar.Kind.PERSON,
                **exemplar_words(Exemplar.Kind.PERSON) | {"name": name},
                photo=check_photo(photo_upload()),
            )

    published = exemplar_services.publish_exemplar(actor=bureau_a, exemplar=person("王芳"))
    return {
        "exemplar": published.pk,
        "exemplar_draft": person("李娜").pk,
        "media_report": recorded_media_report(bureau_a, campaign).pk,
    }


def knowledge_articles(association, head_office):
    """The association's published article and head office's draft: URLs name them as
    {article} and {article_draft}."""
    return {
        "article": article(association, title="如何识别销售误导"),
        "article_draft": article(head_office, title="投保时要如实告知", published=False),
    }


@pytest.fixture
def campaign_work_of_beijing(campaign, bureau_a):
    return beijing_campaign_work(campaign, bureau_a)


@pytest.fixture
def articles_of_association_and_head_office(association, head_office):
    return knowledge_articles(association, head_office)


def beijing_event(campaign, bureau_a):
    """An event beijing logged, with a photo whose files are written: {activity}, {photo}."""
    event = activity(bureau_a, campaign)
    png = io.BytesIO()
    Image.new("RGB", (40, 30)).save(png, "PNG")
    with TestCase.captureOnCommitCallbacks(execute=True):
        photo = activity_services.add_activity_photo(
            actor=bureau_a, activity=event, upload=SimpleUploadedFile("现场.png", png.getvalue())
        )
    return event, photo


@pytest.fixture
def event_in_beijing(campaign, bureau_a):
    return beijing_event(campaign, bureau_a)


@pytest.fixture(scope="module")
def records_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The campaign, every persona's user, beijing's report, the complaint and company X's
    commitments, created once for the module's hundreds of cases (each takes a second or
    two to create) inside a transaction rolled back after them. Each test runs in a
    savepoint inside it (pytest-django's ``db``), so each meets the records as created here,
    whatever the one before did: ``records`` reads them afresh."""
    media = tmp_path_factory.mktemp("media")  # where the attachment's file is written
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=[MD5_HASHER]),
        transaction.atomic(),
    ):
        campaign = open_2013_campaign()
        users = {persona: PERSONA_USERS[persona]() for persona in USERS}
        report = beijing_report(campaign, users["bureau_a"])
        complaint = forwarded_complaint(users["bureau_a"], users["company_x"], users["hotline"])
        commitments = company_x_commitments(campaign, users["company_x"])
        campaign_work = beijing_campaign_work(campaign, users["bureau_a"])
        articles = knowledge_articles(users["association"], users["head_office"])
        event, photo = beijing_event(campaign, users["bureau_a"])
        yield SimpleNamespace(
            activity=event.pk,
            photo=photo.pk,
            media=media,
            report=report.pk,
            complaint=complaint.pk,
            commitments={name: commitment.pk for name, commitment in commitments.items()},
            campaign_work=campaign_work,
            articles={name: item.pk for name, item in articles.items()},
        )
        transaction.set_rollback(True)


@pytest.fixture
def records(records_once, db, settings):
    """records_once's report (``records.beijing``), complaint (``.complaint``) and
    commitments (``.commitments``), read for this test; the attachment's file is where the
    records put it."""
    settings.MEDIA_ROOT = records_once.media
    return SimpleNamespace(
        activity=records_once.activity,
        photo=records_once.photo,
        beijing=StatisticsReport.objects.get(pk=records_once.report),
        complaint=Complaint.objects.get(pk=records_once.complaint),
        commitments={
            name: ServiceCommitment.objects.get(pk=pk)
            for name, pk in records_once.commitments.items()
        },
        campaign_work=records_once.campaign_work,
        articles=records_once.articles,
    )


def page_url(url, records):
    """``url`` of the matrix with its placeholders filled from ``records``."""
    if "{run}" in url:  # a national report is built only for the pages of one
        run = NationalReportRun.objects.create(campaign=records.beijing.campaign)
        url = url.replace("{run}", str(run_services.build_run(run_id=run.pk).pk))
    return url.format(
        attachment=records.beijing.attachments.get().pk,
        upload=records.beijing.uploads.get().pk,
        notification=Notification.objects.order_by("id").first().pk,  # the fixture's
        complaint=records.complaint.reference,
        activity=records.activity,
        photo=records.photo,
        **{name: commitment.pk for name, commitment in records.commitments.items()},
        **records.campaign_work,
        **records.articles,
    )


def _request(client, method, url):
    return client.get(url) if method == "GET" else client.post(url)


@pytest.mark.parametrize(
    ("method", "url", "state", "expected"),
    [
        pytest.param(method, url, state, expected, id=f"{method} {url} {state or ''}".strip())
        for method, url, states, expected in MATRIX
        for state in states or [None]
    ],
)
@pytest.mark.usefixtures("summary_docx_built_once")
def test_permission_matrix(
    request,
    client,
    as_persona,
    records,
    bureau_a,
    head_office,
    method,
    url,
    state,
    expected,
):
    beijing = records.beijing
    for persona in USERS:
        request.getfixturevalue(persona)  # created before the savepoints below
    ExpectedUnit.objects.filter(organisation__code="demo-pc").delete()  # company Y's
    if state:
        _put_in_state(beijing, state, unit=bureau_a, reviewer=head_office)
    url = page_url(url, records)
    seen = {}
    for persona in PERSONAS:
        # Each persona meets the records as the state left them, whatever the one before did.
        with transaction.atomic():
            client.logout()
            as_persona(persona)
            response = _request(client, method, url)
            transaction.set_rollback(True)
        seen[persona] = response.status_code
        if response.status_code == FOUND and response["Location"].startswith(
            ("/accounts/login/", "/admin/login/")
        ):
            seen[persona] = LOGIN
    assert seen == expected


def _routes(patterns, prefix=""):
    """(name, route) of every page of the URLconf; the admin counts as one page."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                yield "admin", prefix + str(pattern.pattern)
            else:
                yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield pattern.name, prefix + str(pattern.pattern)


def test_every_url_of_the_root_urlconf_is_in_the_matrix_for_get_and_post():
    covered = set()
    for method, url, _states, _expected in MATRIX:
        match = resolve(
            url.format(
                attachment=1,
                upload=1,
                notification=1,
                run=1,
                complaint="12378-2013-00000001",
                commitment=1,
                commitment_draft=2,
                exemplar=1,
                exemplar_draft=2,
                media_report=1,
                article=1,
                article_draft=2,
                activity=1,
                photo=1,
            )
        )
        covered.add((method, "admin" if match.namespace == "admin" else match.url_name))
    routes = dict(_routes(get_resolver().url_patterns))
    missing = sorted(
        f"{method} {route} ({name})"
        for name, route in routes.items()
        for method in ("GET", "POST")
        if (method, name) not in covered
    )
    assert missing == []
