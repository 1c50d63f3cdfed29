import datetime

import pytest
from django.db import connection
from django.utils import timezone

from campaign.models import Organisation
from complaints.bulk import bulk_load_complaints
from complaints.models import Complaint, TimeLimit
from complaints.personal_data import phone_hash
from complaints.sla import Clock

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]
NOW = datetime.datetime(2026, 11, 30, 2, 0, tzinfo=datetime.UTC)


@pytest.fixture
def loaded(hotline, bureau_a):
    bulk_load_complaints(600, now=NOW, progress=lambda line: None)
    return Complaint.objects.all()


def test_it_adds_the_complaints_and_made_up_insurers_up_to_200(loaded):
    assert loaded.count() == 600
    insurers = Organisation.objects.filter(kind=Organisation.Kind.INSURER, is_active=True)
    assert insurers.count() == 200


def test_the_complaints_come_by_every_channel_the_hotline_most(loaded):
    by_channel = {c: loaded.filter(channel=c).count() for c in Complaint.Channel.values}
    assert min(by_channel.values()) > 0
    assert max(by_channel, key=by_channel.get) == "phone"
    assert set(loaded.filter(channel="phone").values_list("registered_by__role", flat=True)) == {
        "hotline"
    }


def test_they_cover_a_year_every_state_and_many_bureaus(loaded):
    received = loaded.values_list("received_at", flat=True)
    assert all(NOW - datetime.timedelta(days=366) <= at <= NOW for at in received)
    assert set(loaded.values_list("status", flat=True)) == set(Complaint.Status.values)
    assert loaded.values("bureau").distinct().count() >= 30
    assert loaded.values("category").distinct().count() == 8


def test_personal_data_is_encrypted_and_the_phone_hashed(loaded):
    complaint = loaded.first()
    assert complaint.complainant_phone.startswith("170")
    assert complaint.phone_hash == phone_hash(complaint.complainant_phone)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT complainant_phone FROM complaints_complaint WHERE id = %s", [complaint.pk]
        )
        assert "170" not in cursor.fetchone()[0]


def test_each_state_has_the_fields_and_the_due_date_its_steps_leave(loaded):
    clock = Clock.load()
    for complaint in loaded.filter(status=Complaint.Status.FORWARDED):
        step = (
            TimeLimit.Step.COMPANY_DECISION_SIMPLE
            if complaint.complexity == "simple"
            else TimeLimit.Step.COMPANY_DECISION
        )
        start = timezone.localdate(complaint.forwarded_at)
        assert complaint.due_on == clock.due(step, start)
        assert complaint.received_at < complaint.accepted_at <= complaint.forwarded_at
    for complaint in loaded.filter(status=Complaint.Status.REGISTERED):
        start = timezone.localdate(complaint.received_at)
        assert complaint.due_on == clock.due(TimeLimit.Step.ACCEPTANCE, start)
    assert not loaded.filter(status=Complaint.Status.CLOSED, outcome="").exists()
    assert not loaded.filter(status__in=Complaint.FINISHED, due_on__isnull=False).exists()
    assert not loaded.filter(status=Complaint.Status.AWAITING_MATERIAL, paused_reason="").exists()


def test_the_same_seed_gives_the_same_complaints(hotline):
    bulk_load_complaints(20, now=NOW, progress=lambda line: None)
    first = list(Complaint.objects.order_by("pk").values_list("received_at", "status", "due_on"))
    Complaint.objects.all().delete()
    bulk_load_complaints(20, now=NOW, progress=lambda line: None)
    again = list(Complaint.objects.order_by("pk").values_list("received_at", "status", "due_on"))
    assert again == first
