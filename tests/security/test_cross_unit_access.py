"""Every state-changing URL, POSTed by someone it does not belong to: another unit, head office
on a unit's own form, the unit on head office's review, a head-office colleague who is not a
reviewer, a bureau on head office's set-up pages. Each is refused on the server and nothing
changes. 404 where the record must not even be confirmed to exist, 403 where it is visible."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from campaign.models import (
    Campaign,
    Indicator,
    Organisation,
    ReportAttachment,
    StatisticsReport,
    StatisticsUpload,
)
from campaign.selectors import reports as selectors

from ..campaign import workbooks
from .conftest import PDF

Status = StatisticsReport.Status


def snapshot(report):
    report.refresh_from_db()
    return (
        report.status,
        report.version,
        report.summary,
        selectors.values_of(report),
        sorted(report.attachments.values_list("pk", flat=True)),
        report.uploads.count(),
    )


def unit_posts(attachment_pk, excel):
    """What a unit POSTs about its own report, by URL."""
    return [
        ("/statistics/2013/beijing/", {"version": "1", "A01": "999", "summary": "hijacked"}),
        ("/statistics/2013/beijing/", {"version": "1", "A01": "999", "submit": "1"}),
        (
            "/statistics/2013/beijing/attachments/",
            {"file": SimpleUploadedFile("evil.pdf", PDF)},
        ),
        (f"/statistics/2013/beijing/attachments/{attachment_pk}/remove/", {}),
        ("/statistics/2013/beijing/excel/", {"file": workbooks.upload_file(excel)}),
    ]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("bureau_b", 404),
        ("company_x", 404),
        ("association", 404),
        ("hotline", 404),
        ("head_office", 403),
        ("head_office_staff", 403),
    ],
)
def test_nobody_but_the_unit_changes_the_units_report(client, request, beijing, persona, expected):
    excel = workbooks.template(beijing)
    before = snapshot(beijing)
    client.force_login(request.getfixturevalue(persona))
    for url, data in unit_posts(beijing.attachments.get().pk, excel):
        response = client.post(url, data)
        assert response.status_code == expected, f"{persona} POST {url}"
    assert snapshot(beijing) == before


def test_another_unit_cannot_reach_an_attachment_through_its_own_report(
    client, bureau_b, beijing, shanghai
):
    attachment = beijing.attachments.get()
    client.force_login(bureau_b)
    base = f"/statistics/2013/shanghai/attachments/{attachment.pk}/"
    assert client.get(base).status_code == 404
    assert client.post(base + "remove/").status_code == 404
    assert ReportAttachment.objects.filter(pk=attachment.pk).exists()


def test_another_unit_cannot_fetch_an_annotated_upload_through_its_own_report(
    client, bureau_a, bureau_b, beijing, shanghai
):
    refused = workbooks.set_identity(workbooks.template(beijing), unit="shanghai")
    client.force_login(bureau_a)
    client.post("/statistics/2013/beijing/excel/", {"file": workbooks.upload_file(refused)})
    upload = StatisticsUpload.objects.get()
    assert upload.can_be_annotated
    client.force_login(bureau_b)
    for code in ("shanghai", "beijing"):
        url = f"/statistics/2013/{code}/excel/uploads/{upload.pk}/annotated.xlsx"
        assert client.get(url).status_code == 404


def test_a_file_naming_another_unit_never_writes_that_units_report(
    client, bureau_a, beijing, shanghai
):
    """The identity sheet is only a check: the report written is always the URL's."""
    forged = workbooks.fill(
        workbooks.set_identity(workbooks.template(beijing), unit="shanghai"), {"A01": 4242}
    )
    client.force_login(bureau_a)
    before = snapshot(beijing)
    response = client.post(
        "/statistics/2013/beijing/excel/", {"file": workbooks.upload_file(forged)}
    )
    assert not response.context["result"].accepted
    assert snapshot(beijing)[:5] == before[:5]  # only the refused upload is recorded
    assert selectors.values_of(shanghai) == {}
    # And through Shanghai's address Beijing's people find nothing at all.
    response = client.post(
        "/statistics/2013/shanghai/excel/", {"file": workbooks.upload_file(forged)}
    )
    assert response.status_code == 404
    assert selectors.values_of(shanghai) == {}


REVIEW_ACTIONS = [
    ("approve", {}),
    ("return", {"comment": "redo it"}),
    ("reopen", {"comment": "again"}),
]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("bureau_a", 404),  # the unit itself
        ("bureau_b", 404),
        ("company_x", 404),
        ("association", 404),
        ("hotline", 404),
        ("head_office_staff", 403),  # sees the report, is not a reviewer
    ],
)
@pytest.mark.parametrize(("action", "data"), REVIEW_ACTIONS)
def test_only_a_reviewer_decides_on_a_report(
    client, request, beijing_submitted, persona, expected, action, data
):
    before = snapshot(beijing_submitted)
    client.force_login(request.getfixturevalue(persona))
    response = client.post(f"/statistics/2013/beijing/{action}/", data)
    assert response.status_code == expected
    assert snapshot(beijing_submitted) == before
    assert beijing_submitted.transitions.count() == 1  # the submission only


TABLE_POSTS = [
    ("/campaigns/2013/table/indicators/new/", {"code": "Z01", "name_zh": "x", "unit_zh": "个"}),
    ("/campaigns/2013/table/indicators/E01/edit/", {"name_zh": "changed", "name_en": "changed"}),
    ("/campaigns/2013/table/indicators/E01/retire/", {}),
    ("/campaigns/2013/table/indicators/E01/restore/", {}),
    ("/campaigns/2013/table/indicators/E01/move/", {"direction": "up"}),
    ("/campaigns/2013/close/", {}),
    ("/campaigns/2013/open/", {}),
    ("/campaigns/new/", {"year": "2014", "theme": "x", "notice_reference": "x"}),
    ("/organisations/new/", {"kind": "insurer", "code": "evil", "name_zh": "恶意"}),
]


@pytest.mark.parametrize("persona", ["bureau_a", "company_x", "association", "hotline"])
def test_units_cannot_change_head_offices_set_up(client, request, campaign, persona):
    user = request.getfixturevalue(persona)
    indicator = Indicator.objects.get(campaign=campaign, code="E01")
    before = (
        indicator.name_zh,
        indicator.position,
        indicator.is_retired,
        Indicator.objects.count(),
        Organisation.objects.count(),
        list(Campaign.objects.values_list("year", "status")),
    )
    client.force_login(user)
    for url, data in TABLE_POSTS:
        response = client.post(url, data)
        assert response.status_code in (403, 404), f"{persona} POST {url}"
    indicator.refresh_from_db()
    after = (
        indicator.name_zh,
        indicator.position,
        indicator.is_retired,
        Indicator.objects.count(),
        Organisation.objects.count(),
        list(Campaign.objects.values_list("year", "status")),
    )
    assert after == before


@pytest.mark.parametrize("persona", ["bureau_a", "bureau_b", "company_x", "hotline"])
def test_only_head_office_edits_an_organisation(client, request, campaign, persona):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(
        "/organisations/beijing/edit/",
        {"kind": "insurer", "code": "beijing", "name_zh": "被改名", "is_active": ""},
    )
    assert response.status_code == 404
    beijing = Organisation.objects.get(code="beijing")
    assert (beijing.name_zh, beijing.kind, beijing.is_active) == ("北京保监局", "bureau", True)


@pytest.mark.parametrize(
    "url",
    [
        "/statistics/2013/beijing/approve/",
        "/statistics/2013/beijing/return/",
        "/statistics/2013/beijing/reopen/",
        "/statistics/2013/beijing/attachments/",
        "/campaigns/2013/open/",
        "/campaigns/2013/close/",
        "/campaigns/2013/table/indicators/E01/retire/",
        "/accounts/logout/",
    ],
)
def test_actions_that_change_state_refuse_get(client, head_office, beijing_submitted, url):
    client.force_login(head_office)
    assert client.get(url).status_code == 405
    beijing_submitted.refresh_from_db()
    assert beijing_submitted.status == Status.SUBMITTED


def test_a_draft_campaign_is_invisible_to_units_even_by_its_year(client, bureau_a, campaign):
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.DRAFT)
    client.force_login(bureau_a)
    for url in (
        "/campaigns/2013/",
        "/statistics/2013/beijing/",
        "/statistics/2013/beijing/excel/template.xlsx",
        "/campaigns/2013/table/",
    ):
        assert client.get(url).status_code == 404, url
    assert not StatisticsReport.objects.exists()


def test_head_office_itself_cannot_be_edited_or_deactivated_from_the_portal(
    client, head_office, head_office_staff
):
    """Head office is reference data, kept in the admin: one click on its edit page would
    otherwise turn it into an insurer or deactivate it, and with it every head-office account
    (including whoever could undo it) would lose its rights."""
    client.force_login(head_office_staff)
    assert client.get("/organisations/hq/edit/").status_code == 404
    response = client.post(
        "/organisations/hq/edit/",
        {"kind": "insurer", "code": "hq", "name_zh": "保险消费者权益保护局", "is_active": ""},
    )
    assert response.status_code == 404
    hq = Organisation.objects.get(code="hq")
    assert (hq.kind, hq.is_active) == (Organisation.Kind.HEAD_OFFICE, True)
    client.force_login(head_office)
    response = client.get("/organisations/")
    assert response.status_code == 200
    assert "hq" not in [o.code for o in response.context["page"]]
