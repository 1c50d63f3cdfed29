"""POST /complaints/<reference>/request_material/ and /receive_material/: asking for missing
material stops the clock (shown with why); receiving it starts the acceptance limit again
from that day, in working days across 清明."""

import datetime

import pytest
import time_machine

from tests.factories import complaint as register_complaint

MONDAY_BEFORE = datetime.datetime(2013, 4, 1, 10, 0, tzinfo=datetime.UTC)
BEFORE_QINGMING = datetime.datetime(2013, 4, 3, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def complaint(company_x):
    with time_machine.travel(MONDAY_BEFORE, tick=False):
        return register_complaint(company=company_x.organisation, province="北京")


def test_asking_for_material_pauses_the_clock(client, as_persona, complaint, english):
    as_persona("bureau_a")
    with time_machine.travel(MONDAY_BEFORE, tick=False):
        response = client.post(
            f"/complaints/{complaint.reference}/request_material/",
            {"note": "请补充保单及理赔通知书复印件。"},
        )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert (complaint.status, complaint.due_on) == ("awaiting_material", None)
    page = client.get(f"/complaints/{complaint.reference}/").content.decode()
    assert "paused: 请补充保单及理赔通知书复印件。" in page
    step = complaint.transitions.last()
    assert step.is_public


def test_receiving_it_restarts_the_acceptance_limit_from_that_day(
    client, as_persona, complaint, english
):
    as_persona("bureau_a")
    with time_machine.travel(MONDAY_BEFORE, tick=False):
        client.post(f"/complaints/{complaint.reference}/request_material/", {"note": "请补充。"})
    with time_machine.travel(BEFORE_QINGMING, tick=False):
        response = client.post(f"/complaints/{complaint.reference}/receive_material/")
        page = client.get(f"/complaints/{complaint.reference}/").content.decode()
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == "registered"
    assert complaint.material_complete_on == datetime.date(2013, 4, 3)
    # 清明 4–6 April off, Sunday 7 April worked: 7, 8, 9, 10, 11, 12, 15 April.
    assert complaint.due_on == datetime.date(2013, 4, 15)
    assert "paused" not in page
    assert "Acceptance limit: 7 working days from the day the material is complete" in page


def test_asking_needs_to_say_what_is_missing(client, as_persona, complaint, english):
    as_persona("bureau_a")
    response = client.post(f"/complaints/{complaint.reference}/request_material/", {"note": ""})
    assert response.status_code == 200
    assert "Say why: this step needs a note." in response.content.decode()


def test_head_office_does_not_ask_for_material(client, as_persona, complaint):
    as_persona("head_office")
    response = client.post(
        f"/complaints/{complaint.reference}/request_material/", {"note": "请补充。"}
    )
    assert response.status_code == 403
