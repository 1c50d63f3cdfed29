"""Head office extends the kinds of commitment and keeps the statutory limits in the admin
(/admin/commitments/…): a kind's units are checked there, so a company's form never meets a
kind with a time limit and nothing to state it in, or a unit the portal does not know."""

import pytest

from commitments.models import CommitmentKind

pytestmark = pytest.mark.django_db

ADD = "/admin/commitments/commitmentkind/add/"


def kind(units, limit="duration"):
    return {
        "code": "policy_loan",
        "stage": "after_sales",
        "name_zh": "保单借款到账",
        "name_en": "Policy loan paid out",
        "limit": limit,
        "units": units,
        "position": "20",
    }


def test_head_office_adds_a_kind_with_its_units(admin_client):
    response = admin_client.post(ADD, kind('["days", "working_days"]'))

    assert response.status_code == 302
    added = CommitmentKind.objects.get(code="policy_loan")
    assert (added.stage, added.limit, added.units) == (
        "after_sales",
        "duration",
        ["days", "working_days"],
    )


@pytest.mark.parametrize("units", ["[]", '["weeks"]', '"days"', "5", '[["days"]]'])
def test_a_time_limit_without_units_or_with_units_not_known_is_refused(admin_client, units):
    response = admin_client.post(ADD, kind(units))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["units"]
    assert not CommitmentKind.objects.filter(code="policy_loan").exists()


def test_a_kind_without_a_time_limit_takes_no_units(admin_client):
    response = admin_client.post(ADD, kind('["days"]', limit="none"))

    assert response.status_code == 200
    assert not CommitmentKind.objects.filter(code="policy_loan").exists()


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("/admin/commitments/commitmentkind/", "赔款支付"),
        ("/admin/commitments/statutorylimit/", "第二十三条"),
    ],
)
def test_the_shipped_kinds_and_limits_are_listed(admin_client, url, shown):
    response = admin_client.get(url)

    assert response.status_code == 200
    assert shown in response.content.decode()
