"""The workflow of a statistics report, driven through the service functions."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from campaign import validation
from campaign.models import StatisticsReport
from campaign.selectors import reports as selectors
from campaign.services import statistics as service

from ..factories import statistics_report, valid_values

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def report(campaign):
    return statistics_report(campaign, "beijing")


def test_a_draft_keeps_half_the_values(report, bureau_a):
    service.save_report(
        actor=bureau_a, report=report, values={"A01": Decimal(5)}, expected_version=0
    )
    report.refresh_from_db()
    assert report.version == 1
    assert selectors.values_of(report) == {"A01": Decimal(5)}


def test_a_save_from_an_old_version_is_refused_with_what_changed(report, bureau_a):
    service.save_report(
        actor=bureau_a, report=report, values={"A01": Decimal(5)}, expected_version=0
    )
    with pytest.raises(service.ReportConflict) as conflict:
        service.save_report(
            actor=bureau_a, report=report, values={"A01": Decimal(7)}, expected_version=0
        )
    assert [(c.code, c.value, c.by) for c in conflict.value.changes] == [("A01", "5", "beijing")]
    assert selectors.values_of(report) == {"A01": Decimal(5)}


def test_the_e01_sum_error_blocks_submission(report, bureau_a):
    values = valid_values(report) | {"E01": Decimal(41)}
    service.save_report(actor=bureau_a, report=report, values=values, expected_version=0)
    with pytest.raises(service.SubmissionRefused) as refused:
        service.submit_report(actor=bureau_a, report=report)
    assert [f.code for f in refused.value.errors] == ["E01"]
    report.refresh_from_db()
    assert report.status == StatisticsReport.Status.DRAFT


def test_a_warning_needs_a_note_before_submission(report, bureau_a):
    values = valid_values(report) | {"B02": Decimal(1)}
    service.save_report(actor=bureau_a, report=report, values=values, expected_version=0)
    with pytest.raises(service.SubmissionRefused) as refused:
        service.submit_report(actor=bureau_a, report=report)
    assert [f.key for f in refused.value.unacknowledged] == ["B02-AUDIENCE"]
    service.save_report(
        actor=bureau_a,
        report=report,
        values={},
        notes={"B02-AUDIENCE": "线上宣讲"},
        expected_version=1,
    )
    service.submit_report(actor=bureau_a, report=report)
    report.refresh_from_db()
    assert report.status == StatisticsReport.Status.SUBMITTED
    assert report.warning_count == 1


def test_late_submission_is_marked_late(report, bureau_a, time_machine):
    time_machine.move_to(datetime.datetime(2013, 4, 11, 9, 0, tzinfo=SHANGHAI), tick=False)
    service.save_report(
        actor=bureau_a, report=report, values=valid_values(report), expected_version=0
    )
    service.submit_report(actor=bureau_a, report=report)
    report.refresh_from_db()
    assert report.is_late
    assert report.submitted_at == datetime.datetime(2013, 4, 11, 9, 0, tzinfo=SHANGHAI)


def test_submission_on_the_deadline_day_is_on_time(report, bureau_a, time_machine):
    time_machine.move_to(datetime.datetime(2013, 4, 10, 23, 59, tzinfo=SHANGHAI))
    service.save_report(
        actor=bureau_a, report=report, values=valid_values(report), expected_version=0
    )
    service.submit_report(actor=bureau_a, report=report)
    report.refresh_from_db()
    assert not report.is_late


def test_return_resubmit_approve_reopen(report, bureau_a, head_office):
    service.save_report(
        actor=bureau_a, report=report, values=valid_values(report), expected_version=0
    )
    service.submit_report(actor=bureau_a, report=report)
    service.return_report(
        actor=head_office,
        report=report,
        comment="请核实受众人数",
        indicator_comments={"B02": "偏低"},
    )
    report.refresh_from_db()
    assert report.status == StatisticsReport.Status.RETURNED
    service.save_report(
        actor=bureau_a, report=report, values={"B02": Decimal(30)}, expected_version=report.version
    )
    changes = selectors.changes_since_return(report)
    assert [(i.code, before, after) for i, before, after in changes] == [("B02", "10", "30")]
    service.submit_report(actor=bureau_a, report=report)
    report.refresh_from_db()
    assert report.status == StatisticsReport.Status.RESUBMITTED
    service.approve_report(actor=head_office, report=report)
    report.refresh_from_db()
    assert report.status == StatisticsReport.Status.APPROVED
    with pytest.raises(service.WorkflowError):
        service.save_report(
            actor=bureau_a,
            report=report,
            values={"B02": Decimal(1)},
            expected_version=report.version,
        )
    service.reopen_report(actor=head_office, report=report, comment="补充")
    report.refresh_from_db()
    assert report.status == StatisticsReport.Status.REOPENED
    actions = list(report.transitions.values_list("action", flat=True))
    assert actions == ["submit", "return", "submit", "approve", "reopen"]
    assert report.transitions.get(action="return").indicator_comments.get().text == "偏低"


def test_an_alerting_value_flags_the_report_for_head_office(report, bureau_a):
    values = valid_values(report) | {"E10": Decimal(1)}
    service.save_report(
        actor=bureau_a,
        report=report,
        values=values,
        notes={"E10-ALERT": "已妥善处置"},
        expected_version=0,
    )
    service.submit_report(actor=bureau_a, report=report)
    report.refresh_from_db()
    assert report.has_alert


def test_the_summary_is_sanitised(report, bureau_a):
    service.save_report(
        actor=bureau_a,
        report=report,
        values={},
        summary='<p onclick="x()">活动<script>alert(1)</script><strong>成效</strong></p>',
        expected_version=0,
    )
    report.refresh_from_db()
    assert report.summary == "<p>活动<strong>成效</strong></p>"


def test_every_value_change_is_kept_with_who_and_when(report, bureau_a):
    service.save_report(
        actor=bureau_a, report=report, values={"A01": Decimal(5)}, expected_version=0
    )
    service.save_report(
        actor=bureau_a, report=report, values={"A01": Decimal(6)}, expected_version=1
    )
    history = report.values.get().history.order_by("history_date")
    assert [(h.value, h.history_user.username) for h in history] == [
        (Decimal(5), "beijing"),
        (Decimal(6), "beijing"),
    ]


def test_an_insurer_cannot_store_a_bureau_only_indicator(campaign, company_x):
    report = StatisticsReport.objects.create(campaign=campaign, organisation=company_x.organisation)
    with pytest.raises(service.WorkflowError):
        service.save_report(
            actor=company_x, report=report, values={"F01": Decimal(1)}, expected_version=0
        )
    assert selectors.values_of(report) == {}


def test_a_closed_campaign_takes_no_more_changes(report, bureau_a, campaign):
    service.save_report(
        actor=bureau_a, report=report, values=valid_values(report), expected_version=0
    )
    campaign.status = campaign.Status.CLOSED
    campaign.save()
    report.refresh_from_db()
    with pytest.raises(service.WorkflowError):
        service.save_report(
            actor=bureau_a, report=report, values={"A01": Decimal(1)}, expected_version=1
        )
    with pytest.raises(service.WorkflowError):
        service.submit_report(actor=bureau_a, report=report)
    report.refresh_from_db()
    assert report.status == StatisticsReport.Status.DRAFT
    assert selectors.values_of(report)["A01"] == Decimal(10)


@pytest.mark.parametrize("text", ["1e20", "99999999999999999", "1000000000000"])
def test_an_absurdly_large_value_is_refused_not_stored(campaign, text):
    indicator = campaign.indicators.get(code="A01")
    with pytest.raises(validation.InvalidValue):
        validation.parse_value(indicator, text)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12", Decimal(12)),
        (12.0, Decimal(12)),
        ("１２", Decimal(12)),
        (" 1,234 ", Decimal(1234)),
        ("", None),
        (None, None),
    ],
)
def test_values_are_read_the_way_clerks_type_them(campaign, raw, expected):
    indicator = campaign.indicators.get(code="A01")
    assert validation.parse_value(indicator, raw) == expected


@pytest.mark.parametrize("raw", ["-1", "1.5", "abc", "NaN", "Infinity", True])
def test_a_count_must_be_a_non_negative_whole_number(campaign, raw):
    indicator = campaign.indicators.get(code="A01")
    with pytest.raises(validation.InvalidValue):
        validation.parse_value(indicator, raw)


def test_money_keeps_two_decimals_and_no_more(campaign):
    indicator = campaign.indicators.get(code="A02")
    assert validation.parse_value(indicator, "3.5") == Decimal("3.50")
    with pytest.raises(validation.InvalidValue):
        validation.parse_value(indicator, "3.555")
