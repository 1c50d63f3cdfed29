"""People are shown by their real names in timelines and histories, login names only where
no name is recorded."""

from decimal import Decimal

from campaign.models import User
from campaign.services import statistics as service

from ..factories import statistics_report, valid_values


def test_a_user_is_shown_by_real_name_else_login_name():
    assert str(User(username="sh-clerk", full_name="王芳")) == "王芳"
    assert str(User(username="sh-clerk")) == "sh-clerk"


def test_the_history_page_names_who_changed_what_and_who_returned_it(
    client, campaign, bureau_a, head_office
):
    User.objects.filter(pk=bureau_a.pk).update(full_name="李明")
    User.objects.filter(pk=head_office.pk).update(full_name="赵国强")
    bureau_a.refresh_from_db()
    head_office.refresh_from_db()
    report = statistics_report(campaign, "beijing")
    service.save_report(
        actor=bureau_a, report=report, values={"A01": Decimal(5)}, expected_version=0
    )
    service.save_report(
        actor=bureau_a, report=report, values=valid_values(report), expected_version=1
    )
    service.submit_report(actor=bureau_a, report=report)
    service.return_report(actor=head_office, report=report, comment="请核实 A01")

    client.force_login(bureau_a)
    history = client.get("/statistics/2013/beijing/history/").content.decode()
    # In the timeline and in the table of changed values.
    assert history.count("李明") >= 3 and "赵国强" in history

    client.force_login(head_office)
    review = client.get("/statistics/2013/beijing/review/").content.decode()
    assert "李明" in review and "赵国强" in review
