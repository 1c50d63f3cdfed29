"""Another unit's report details (who is responsible, the confirmation) and what changed in
it since a return are neither shown nor changed by a bureau that does not own it."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from campaign.services import statistics as service

from ..factories import statistics_report, valid_values

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def before_the_deadline(time_machine):
    time_machine.move_to(datetime.datetime(2013, 4, 8, 10, 0, tzinfo=SHANGHAI))


@pytest.fixture
def shanghai(campaign, bureau_b, head_office):
    report = statistics_report(campaign, "shanghai", filled_by="赵敏", unit_head="钱军")
    service.save_report(
        actor=bureau_b, report=report, values=valid_values(report), expected_version=0
    )
    service.submit_report(actor=bureau_b, report=report)
    service.return_report(actor=head_office, report=report, comment="请核实")
    report.refresh_from_db()
    return report


def test_a_bureau_cannot_change_another_bureaus_contacts(client, bureau_a, shanghai):
    client.force_login(bureau_a)
    response = client.post(
        "/statistics/2013/shanghai/",
        {"version": shanghai.version, "save": "", "filled_by": "攻击者", "unit_head": "攻击者"},
    )
    assert response.status_code == 404
    shanghai.refresh_from_db()
    assert (shanghai.filled_by, shanghai.unit_head) == ("赵敏", "钱军")


@pytest.mark.parametrize("url", ["/statistics/2013/shanghai/", "/statistics/2013/shanghai/review/"])
def test_a_bureau_sees_neither_another_bureaus_contacts_nor_its_changes(
    client, bureau_a, shanghai, url
):
    client.force_login(bureau_a)
    response = client.get(url)
    assert response.status_code in (403, 404)
    assert "赵敏" not in response.content.decode()


def test_a_bureau_cannot_add_itself_to_the_list_nor_remove_another(client, bureau_a, campaign):
    client.force_login(bureau_a)
    assert client.post("/campaigns/2013/units/add/", {"unit": "beijing"}).status_code in (403, 404)
    assert client.post("/campaigns/2013/units/shanghai/remove/").status_code in (403, 404)
    assert campaign.expects(bureau_a.organisation_id)
    assert campaign.expectations.filter(organisation__code="shanghai").exists()
