"""What the national report runs' tests share: a submitted report."""

from campaign.services import statistics as statistics_services

from ..factories import statistics_report, valid_values


def submitted_report(campaign, code, actor):
    report = statistics_report(campaign, code)
    statistics_services.save_report(
        actor=actor, report=report, values=valid_values(report), expected_version=0
    )
    statistics_services.submit_report(actor=actor, report=report)
    return report
