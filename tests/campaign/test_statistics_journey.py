"""The whole way of one report, as the issue tells it: Beijing fills in half the form, comes
back, hits the E01 rule, notes a warning, submits late; head office returns it; Beijing
corrects two values in Excel and resubmits; head office approves; the history has it all."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from campaign.models import StatisticsReport
from campaign.selectors import reports as selectors

from ..factories import RESPONSIBLE_POSTED, valid_values
from . import workbooks

SHANGHAI = ZoneInfo("Asia/Shanghai")
FORM = "/statistics/2013/beijing/"


def post_form(client, values, **buttons):
    """Submit the form as a browser does: what the page shows, with ``values`` typed over it."""
    form = client.get(FORM).context["form"]
    shown = {name: form[name].value() for name in form.fields}
    data = {name: "" if value is None else value for name, value in shown.items()}
    data["summary"] = "<p>总结</p>"
    data.update({code: str(value) for code, value in values.items()})
    return client.post(FORM, data | buttons)


def test_a_report_from_first_draft_to_approval(
    client, bureau_a, head_office, campaign, time_machine
):
    time_machine.move_to(datetime.datetime(2013, 4, 8, 9, 0, tzinfo=SHANGHAI), tick=False)
    client.force_login(bureau_a)

    # Half the form, then away.
    assert client.get(FORM).status_code == 200
    codes = list(valid_values(_report(client)))
    everything = valid_values(_report(client)) | {"E01": 51, "B02": 5}
    first_half = {code: everything[code] for code in codes[: len(codes) // 2]}
    assert post_form(client, first_half, save="", **RESPONSIBLE_POSTED).status_code == 302

    # Back: the rest, with E01 ≠ E02 + … + E05 + E13 and B02 below B01.
    response = post_form(client, everything, submit="")
    assert [f.code for f in response.context["refused"].errors] == ["E01"]
    assert [f.key for f in response.context["refused"].unacknowledged] == ["B02-AUDIENCE"]

    # Fixed, the warning explained, submitted on 11 April: late.
    time_machine.move_to(datetime.datetime(2013, 4, 11, 15, 0, tzinfo=SHANGHAI), tick=False)
    client.force_login(bureau_a)  # a new day, a new session
    fixed = everything | {"E01": 50}
    response = post_form(client, fixed, submit="", **{"note:B02-AUDIENCE": "进校活动以讲座为主"})
    assert response.status_code == 302
    report = _report(client)
    assert (report.status, report.is_late) == ("submitted", True)

    # Head office returns it with a comment on B02.
    client.force_login(head_office)
    response = client.post(f"{FORM}return/", {"comment": "请核实 B02、B11", "B02": "受众明显偏少"})
    assert response.status_code == 302
    assert _report(client).status == "returned"

    # Beijing corrects two values in the downloaded Excel file and uploads it.
    client.force_login(bureau_a)
    downloaded = client.get(f"{FORM}excel/template.xlsx").content
    corrected = workbooks.fill(downloaded, {"B02": 600, "B11": "2500"})
    response = client.post(f"{FORM}excel/", {"file": workbooks.upload_file(corrected)})
    assert response.status_code == 302
    changes = selectors.changes_since_return(_report(client))
    assert [(i.code, before, after) for i, before, after in changes] == [
        ("B02", "5", "600"),
        ("B11", "10", "2500"),
    ]
    assert post_form(client, {}, submit="").status_code == 302
    assert _report(client).status == "resubmitted"

    # Head office approves; the form is read-only now.
    client.force_login(head_office)
    assert client.post(f"{FORM}approve/").status_code == 302
    client.force_login(bureau_a)
    assert client.get(FORM).context["editable"] is False

    history = client.get(f"{FORM}history/").context
    assert [t.action for t in history["timeline"]] == ["submit", "return", "submit", "approve"]
    b02 = [(old, new) for entry, old, new in history["page"] if entry.indicator.code == "B02"]
    assert b02 == [("5", "600"), ("", "5")]
    assert selectors.values_of(_report(client))["B11"] == Decimal(2500)


def _report(client):
    return StatisticsReport.objects.get(campaign__year=2013, organisation__code="beijing")
