"""Two POSTs with the same Idempotency-Key at the same moment against PostgreSQL: one
complaint is registered, and both answers carry its reference; two different complaints
under one key register the first and refuse the other."""

import threading

import pytest
from django.db import connection

from campaign.models import Organisation, ProductLine, Region, User
from complaints.models import Category, Complaint, IdempotencyKey, TimeLimit
from complaints.services import intake

from ..complaints.api import URL, client_for, payload
from ..factories import UserFactory

pytestmark = [pytest.mark.production, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def hotline_seat():
    """The reference data a Dalian complaint needs, as the migrations load it (each
    transactional test empties the tables), and a hotline seat."""
    liaoning, _ = Region.objects.get_or_create(code="210000", defaults={"name_zh": "辽宁省"})
    dalian, _ = Region.objects.get_or_create(
        code="210200", defaults={"name_zh": "大连市", "parent": liaoning}
    )
    bureau, _ = Organisation.objects.get_or_create(
        code="dalian", defaults={"kind": Organisation.Kind.BUREAU, "name_zh": "大连保监局"}
    )
    bureau.regions.add(dalian)
    Category.objects.get_or_create(code="claims", defaults={"name_zh": "理赔纠纷"})
    ProductLine.objects.get_or_create(
        code="auto", defaults={"name_zh": "机动车辆保险", "branch": "property"}
    )
    TimeLimit.objects.get_or_create(
        step=TimeLimit.Step.ACCEPTANCE,
        effective_from="2013-01-01",
        defaults={
            "amount": 7,
            "unit": TimeLimit.Unit.WORKING_DAYS,
            "source": "保监会令2013年第8号",
        },
    )
    head_office, _ = Organisation.objects.get_or_create(
        code="hq-ci", defaults={"kind": Organisation.Kind.HEAD_OFFICE, "name_zh": "消保局"}
    )
    return UserFactory(username="hotline-ci", organisation=head_office, role=User.Role.HOTLINE)


def post_at_once(hotline_seat, monkeypatch, bodies):
    """POST each of ``bodies`` with the same Idempotency-Key from its own thread, both having
    found no complaint for the key before either stores one: the race the unique constraint
    on (client, key) has to decide. Their (status, JSON) answers."""
    both_looked = threading.Barrier(len(bodies), timeout=30)
    looked = threading.local()
    complaint_for_key = intake._complaint_for_key

    def look_then_wait(actor, key, identity):
        found = complaint_for_key(actor, key, identity)
        if not getattr(looked, "once", False):
            looked.once = True
            both_looked.wait()
        return found

    monkeypatch.setattr(intake, "_complaint_for_key", look_then_wait)
    answers, errors = [], []

    def post(client, body):
        try:
            # Over HTTPS, as the proxy in front of the portal forwards it.
            response = client.post(
                URL, body, format="json", secure=True, HTTP_IDEMPOTENCY_KEY="call-ci-0001"
            )
            answers.append((response.status_code, response.json()))
        except Exception as error:  # reported below, with the other thread's answer
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=post, args=(client_for(hotline_seat), body)) for body in bodies
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    return answers


def test_two_posts_with_the_same_key_at_once_register_one_complaint(hotline_seat, monkeypatch):
    body = payload()

    answers = post_at_once(hotline_seat, monkeypatch, [body, body])

    assert [status for status, _body in answers] == [201, 201]
    assert answers[0][1]["reference"] == answers[1][1]["reference"]
    assert answers[0][1]["region"] == "dalian"
    assert Complaint.objects.count() == 1
    assert IdempotencyKey.objects.get().complaint == Complaint.objects.get()


def test_two_complaints_with_the_same_key_at_once_register_the_first_only(
    hotline_seat, monkeypatch
):
    bodies = [payload(), payload(description="另一位投诉人的另一件事。")]

    answers = post_at_once(hotline_seat, monkeypatch, bodies)

    assert sorted(status for status, _body in answers) == [201, 400]
    refusal = next(body for status, body in answers if status == 400)
    assert list(refusal) == ["Idempotency-Key"]
    assert Complaint.objects.count() == 1
