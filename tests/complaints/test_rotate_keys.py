"""manage.py rotate_personal_data_keys: personal data moves to the new key, the old one
can then be dropped."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from complaints.models import Complaint
from complaints.services.key_rotation import forget_derived_keys

from ..factories import complaint as register_complaint

pytestmark = pytest.mark.django_db


@pytest.fixture
def salts(settings):
    """Sets PERSONAL_DATA_KEYS' salts as a deployment would (restarting: the fields derive
    their keys again); the test's keys are forgotten afterwards."""

    def use(*keys):
        settings.SALT_KEY = list(keys)
        forget_derived_keys()

    yield use
    forget_derived_keys()


def stored(complaint):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT complainant_name, complainant_phone, complainant_id_number, "
            "complainant_address FROM complaints_complaint WHERE id = %s",
            [complaint.pk],
        )
        return cursor.fetchone()


def rotate(**options):
    out = io.StringIO()
    call_command("rotate_personal_data_keys", stdout=out, **options)
    return out.getvalue()


def test_after_rotation_the_new_key_alone_decrypts(salts):
    salts("salt-a")
    complaint = register_complaint(
        complainant_name="王小明",
        complainant_phone="13812341234",
        complainant_id_number="210202198001011234",
    )
    register_complaint(complainant_name="李四")  # no ID number, no address: stored as NULL
    before = stored(complaint)

    salts("salt-b", "salt-a")
    output = rotate()
    salts("salt-b")

    after = Complaint.objects.get(pk=complaint.pk)
    assert (after.complainant_name, after.complainant_phone) == ("王小明", "13812341234")
    assert after.complainant_id_number == "210202198001011234"
    assert after.complainant_address is None
    assert all(old != new for old, new in zip(before[:3], stored(complaint)[:3], strict=True))
    assert "13812341234" not in " ".join(filter(None, stored(complaint)))
    assert sorted(Complaint.objects.values_list("complainant_name", flat=True)) == [
        "李四",
        "王小明",
    ]
    assert "2 complaints checked, 2 updated." in output


def test_without_rotation_the_old_key_is_needed(salts):
    salts("salt-a")
    complaint = register_complaint(complainant_phone="13812341234")

    salts("salt-b")

    # The package answers the ciphertext when no key fits: what rotation prevents.
    assert Complaint.objects.get(pk=complaint.pk).complainant_phone != "13812341234"


def test_it_works_in_batches_printing_progress(salts):
    salts("salt-a")
    for _ in range(5):
        register_complaint()

    salts("salt-b", "salt-a")
    output = rotate(batch_size=2)

    assert "2/5 complaints checked" in output
    assert "4/5 complaints checked" in output
    assert "5/5 complaints checked" in output
    salts("salt-b")
    assert set(Complaint.objects.values_list("complainant_phone", flat=True)) == {"13812341234"}


def test_a_second_run_has_nothing_left_to_do(salts):
    salts("salt-a")
    register_complaint()
    salts("salt-b", "salt-a")
    rotate()

    assert "1 complaints checked, 0 updated." in rotate()


def test_it_stops_at_a_value_no_key_decrypts_changing_nothing(salts):
    salts("salt-a")
    complaint = register_complaint()
    before = stored(complaint)

    salts("salt-b")  # salt A forgotten before rotating
    with pytest.raises(CommandError, match=f"complaint {complaint.pk}: complainant_name"):
        rotate()

    assert stored(complaint) == before
    salts("salt-a")
    assert Complaint.objects.get().complainant_phone == "13812341234"


def test_a_new_hash_key_keeps_duplicates_found_once_the_command_has_run(salts, settings):
    """PERSONAL_DATA_HASH_KEY changed: the stored hashes are recomputed under it, so a
    complaint registered afterwards from the same phone is still flagged as a duplicate."""
    salts("salt-a")
    settings.PERSONAL_DATA_HASH_KEY = "hash-a"
    first = register_complaint(complainant_phone="13812341234")

    settings.PERSONAL_DATA_HASH_KEY = "hash-b"
    output = rotate()
    second = register_complaint(complainant_phone="138 1234 1234")

    assert second.possible_duplicate_of == first
    assert "1 complaints checked, 1 updated." in output
