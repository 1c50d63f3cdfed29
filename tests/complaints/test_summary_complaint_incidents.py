"""The national summary's incidents section counts the incidents of the year's 12378
complaints apart from the units' reported E10–E12, never adding the two."""

import datetime

from django.utils import timezone

from reports.documents.summary import generate_summary_html
from reports.selectors.figures import national_figures

from ..factories import complaint


def received(month):
    return timezone.make_aware(datetime.datetime(2013, month, 15, 10, 0))


def test_the_summary_counts_the_complaint_incidents_of_the_year(campaign, hotline):
    complaint(actor=hotline, received_at=received(3), complainant_count=7)
    complaint(actor=hotline, received_at=received(4), group_visit=True)
    complaint(actor=hotline, received_at=received(4), major_matter=True)
    # An incident of a complaint received in another year is not the campaign's.
    complaint(
        actor=hotline, received_at=received(3) - datetime.timedelta(days=365), petition_risk=True
    )

    html = generate_summary_html(national_figures(campaign))

    assert "12378投诉系统记录的突发事件：群访群诉 2 起，越级上访 0 起，启动应急预案 1 次" in html
    # The units reported none: their sentence is unchanged beside the complaints' count.
    assert "各单位均未报告群访群诉" in html


def test_the_summary_says_none_when_no_complaint_was_an_incident(campaign):
    html = generate_summary_html(national_figures(campaign))

    assert "12378投诉系统记录的突发事件：群访群诉 0 起，越级上访 0 起，启动应急预案 0 次" in html
