"""Who is responsible for a report (填报人, 联系电话, 单位负责人) and the unit's confirmation
that no insurance was sold at its events: required to submit, prefilled from the user's
profile, shown to head office and printed with the signature lines (issue 7, items 1, 14)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from campaign import validation
from campaign.models import StatisticsReport
from campaign.selectors import statistics as statistics_selectors
from campaign.services import statistics as service

from ..factories import RESPONSIBLE, RESPONSIBLE_POSTED, statistics_report, valid_values

SHANGHAI = ZoneInfo("Asia/Shanghai")
FORM = "/statistics/2013/beijing/"
REVIEW = "/statistics/2013/beijing/review/"
NOBODY = {"filled_by": "", "contact_phone": "", "unit_head": "", "no_sales_confirmed": False}


@pytest.fixture(autouse=True)
def before_the_deadline(time_machine):
    time_machine.move_to(datetime.datetime(2013, 4, 8, 10, 0, tzinfo=SHANGHAI))


@pytest.fixture
def unnamed(campaign, bureau_a):
    """Beijing's report, filled in and valid, naming nobody and confirming nothing."""
    report = statistics_report(campaign, "beijing", **NOBODY)
    service.save_report(
        actor=bureau_a, report=report, values=valid_values(report), expected_version=0
    )
    return report


def form_data(report, **fields):
    data = {"version": report.version, "summary": "", **RESPONSIBLE_POSTED}
    data |= {code: str(value) for code, value in valid_values(report).items()}
    return {name: value for name, value in (data | fields).items() if value is not None}


# Services


def test_a_draft_is_saved_without_anyone_named(unnamed):
    assert unnamed.version == 1
    assert unnamed.status == StatisticsReport.Status.DRAFT


def test_submitting_needs_every_contact_and_the_confirmation(bureau_a, unnamed):
    with pytest.raises(service.SubmissionRefused) as refused:
        service.submit_report(actor=bureau_a, report=unnamed)
    assert set(refused.value.missing) == {
        "filled_by",
        "contact_phone",
        "unit_head",
        "no_sales_confirmed",
    }
    assert refused.value.errors == [] and refused.value.unacknowledged == []
    unnamed.refresh_from_db()
    assert unnamed.status == StatisticsReport.Status.DRAFT


def test_blank_contacts_do_not_count(bureau_a, unnamed):
    service.save_report(
        actor=bureau_a,
        report=unnamed,
        values={},
        contacts={"filled_by": "  ", "contact_phone": "010-55550101", "unit_head": "李明"},
        no_sales_confirmed=True,
        expected_version=unnamed.version,
    )
    with pytest.raises(service.SubmissionRefused) as refused:
        service.submit_report(actor=bureau_a, report=unnamed)
    assert list(refused.value.missing) == ["filled_by"]


def test_with_contacts_and_confirmation_it_submits_and_the_history_records_them(bureau_a, unnamed):
    contacts = {name: RESPONSIBLE[name] for name in StatisticsReport.CONTACT_FIELDS}
    service.save_report(
        actor=bureau_a,
        report=unnamed,
        values={},
        contacts=contacts,
        no_sales_confirmed=True,
        expected_version=unnamed.version,
    )
    service.submit_report(actor=bureau_a, report=unnamed)
    unnamed.refresh_from_db()
    assert unnamed.status == StatisticsReport.Status.SUBMITTED
    saved = unnamed.history.filter(no_sales_confirmed=True).earliest("history_date")
    assert (saved.history_user, saved.filled_by) == (bureau_a, "王伟")


def test_the_confirmation_stays_for_a_resubmission(bureau_a, head_office, campaign):
    report = statistics_report(campaign, "beijing")
    service.save_report(
        actor=bureau_a, report=report, values=valid_values(report), expected_version=0
    )
    service.submit_report(actor=bureau_a, report=report)
    service.return_report(actor=head_office, report=report, comment="请核实")
    service.submit_report(actor=bureau_a, report=report)
    report.refresh_from_db()
    assert report.no_sales_confirmed
    assert report.status == StatisticsReport.Status.RESUBMITTED


def test_every_step_records_the_summary_attachments_and_contacts(bureau_a, head_office, campaign):
    report = statistics_report(campaign, "beijing")
    service.save_report(
        actor=bureau_a,
        report=report,
        values=valid_values(report),
        summary="<p>总结</p>",
        expected_version=0,
    )
    report.attachments.create(
        original_name="总结.pdf", content_type="application/pdf", size=1, uploaded_by=bureau_a
    )
    service.submit_report(actor=bureau_a, report=report)
    service.return_report(actor=head_office, report=report, comment="请核实")
    for step in report.transitions.all():
        assert step.snapshot["summary"] == "<p>总结</p>"
        assert [a["name"] for a in step.snapshot["attachments"]] == ["总结.pdf"]
        assert step.snapshot["contacts"] == {
            "filled_by": "王伟",
            "contact_phone": "010-55550101",
            "unit_head": "李明",
        }


def test_the_form_starts_with_the_users_name_and_phone_while_the_report_names_nobody(
    bureau_a, unnamed
):
    bureau_a.full_name, bureau_a.phone = "赵敏", "010-55550199"
    initial = statistics_selectors.responsibility_initial(unnamed, bureau_a)
    assert initial == {
        "filled_by": "赵敏",
        "contact_phone": "010-55550199",
        "unit_head": "",
        "no_sales_confirmed": False,
    }


def test_the_form_keeps_the_people_the_report_names(bureau_a, campaign):
    report = statistics_report(campaign, "beijing")
    bureau_a.full_name, bureau_a.phone = "赵敏", "010-55550199"
    initial = statistics_selectors.responsibility_initial(report, bureau_a)
    assert (initial["filled_by"], initial["contact_phone"]) == ("王伟", "010-55550101")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("010-66286688", "010-66286688"),
        ("13800138000", "13800138000"),
        ("(010) 6628 6688", "(010) 6628 6688"),
        ("+86 138 0013 8000", "+86 138 0013 8000"),
        ("010-66286688 转 123", "010-66286688 转 123"),
        ("010-66286688-123", "010-66286688-123"),
        ("０１０－６６２８６６８８", "010-66286688"),
        ("010-66286688 ext. 12", "010-66286688 ext. 12"),
        ("  010  66286688 ", "010 66286688"),
    ],
)
def test_phone_numbers_as_people_write_them_are_taken(typed, stored):
    assert validation.normalise_phone(typed) == stored


@pytest.mark.parametrize("typed", ["李明", "123", "010--", "1234567890123456", "010-6628 转"])
def test_what_is_not_a_phone_number_is_refused(typed):
    with pytest.raises(ValidationError):
        validation.normalise_phone(typed)


# The form page


def test_the_form_shows_the_reporting_details_prefilled_from_the_profile(
    client, english, bureau_a, campaign
):
    statistics_report(campaign, "beijing", **NOBODY)
    bureau_a.full_name, bureau_a.phone = "赵敏", "010-55550199"
    bureau_a.save()
    client.force_login(bureau_a)
    page = client.get(FORM).content.decode()
    assert 'id="responsibility"' in page and "Reporting details" in page
    assert 'name="filled_by"' in page and 'value="赵敏"' in page
    assert 'name="contact_phone"' in page and 'value="010-55550199"' in page
    assert 'name="unit_head"' in page
    assert 'type="checkbox" name="no_sales_confirmed"' in page
    # Above the buttons, below the written summary.
    assert page.index('id="summary-heading"') < page.index('id="responsibility"')
    assert page.index('id="responsibility"') < page.index('name="submit"')


def test_a_refused_submission_shows_each_missing_detail_next_to_its_field(
    client, english, bureau_a, unnamed
):
    client.force_login(bureau_a)
    response = client.post(
        FORM,
        form_data(unnamed, submit="", **NOBODY | {"no_sales_confirmed": None}),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["filled_by"] == ["Enter who filled in the report."]
    assert errors["contact_phone"] == ["Enter a phone number on which head office can reach them."]
    assert errors["unit_head"] == ["Enter the head of the unit."]
    assert errors["no_sales_confirmed"] == [
        "Confirm that no insurance was sold at your campaign events before submitting."
    ]
    page = response.content.decode()
    assert 'href="#responsibility">4 reporting details are missing</a>' in page
    assert 'class="form-control is-invalid" autocomplete="name"' in page
    assert "Enter the head of the unit." in page
    unnamed.refresh_from_db()
    assert unnamed.status == StatisticsReport.Status.DRAFT


def test_the_details_typed_are_saved_with_the_draft(client, bureau_a, unnamed):
    client.force_login(bureau_a)
    response = client.post(
        FORM,
        form_data(
            unnamed, save="", contact_phone="０１０－５５５５０１０２", no_sales_confirmed=None
        ),
    )
    assert response.status_code == 302
    unnamed.refresh_from_db()
    assert (unnamed.filled_by, unnamed.contact_phone, unnamed.unit_head) == (
        "王伟",
        "010-55550102",
        "李明",
    )
    assert not unnamed.no_sales_confirmed


def test_a_phone_that_is_no_number_is_refused_next_to_its_field(client, english, bureau_a, unnamed):
    client.force_login(bureau_a)
    response = client.post(FORM, form_data(unnamed, save="", contact_phone="找李明"))
    assert response.status_code == 200
    [error] = response.context["form"].errors["contact_phone"]
    assert "e.g. 010-66286688 or 13800138000" in error
    unnamed.refresh_from_db()
    assert unnamed.contact_phone == "" and unnamed.version == 1


def test_the_details_and_the_confirmation_submit(client, bureau_a, unnamed):
    client.force_login(bureau_a)
    response = client.post(FORM, form_data(unnamed, submit=""))
    assert response.status_code == 302
    unnamed.refresh_from_db()
    assert unnamed.status == StatisticsReport.Status.SUBMITTED
    assert unnamed.no_sales_confirmed and unnamed.unit_head == "李明"


# Head office, and on paper


@pytest.fixture
def submitted(campaign, bureau_a):
    report = statistics_report(campaign, "beijing")
    service.save_report(
        actor=bureau_a, report=report, values=valid_values(report), expected_version=0
    )
    return service.submit_report(actor=bureau_a, report=report)


def test_the_review_page_shows_who_is_responsible(client, english, head_office, submitted):
    client.force_login(head_office)
    page = client.get(REVIEW).content.decode()
    assert "王伟" in page and "李明" in page
    assert '<a href="tel:010-55550101">010-55550101</a>' in page
    assert "Confirmed by the unit" in page


def test_the_review_table_shows_who_filled_it_in_and_their_phone(
    client, english, head_office, submitted
):
    client.force_login(head_office)
    page = client.get("/statistics/2013/review/").content.decode()
    assert '<th scope="col">Filled in by</th>' in page
    assert "王伟" in page and "010-55550101" in page


@pytest.mark.parametrize(("persona", "url"), [("bureau_a", FORM), ("head_office", REVIEW)])
def test_the_printed_form_ends_with_the_signature_lines(
    client, english, request, submitted, persona, url
):
    client.force_login(request.getfixturevalue(persona))
    page = client.get(url).content.decode()
    start = page.index('class="portal-signature-lines"')
    lines = page[start : page.index("</div>\n</div>", start)]
    for label in (
        "Reporting unit (seal):",
        "Head of the unit:",
        "Filled in by:",
        "Contact phone:",
        "Reporting date:",
    ):
        assert label in lines
    assert "北京保监局" in lines or "Beijing" in lines
    assert "李明" in lines and "王伟" in lines and "010-55550101" in lines
    assert "8 April 2013" in lines
    # After the table.
    assert page.index('id="section-G"') < start


def test_a_submitted_form_shows_the_details_as_text(client, english, bureau_a, submitted):
    client.force_login(bureau_a)
    page = client.get(FORM).content.decode()
    block = page[
        page.index('id="responsibility"') : page.index(
            "</section>", page.index('id="responsibility"')
        )
    ]
    assert "王伟" in block and "李明" in block and "Confirmed by the unit" in block
    assert 'name="filled_by"' not in block
