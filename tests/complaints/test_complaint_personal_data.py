"""POST /complaints/<reference>/personal-data/: the complainant's data in full, for this
response only, every time logged; encrypted at rest."""

import pytest
from django.db import connection

from complaints.models import PersonalDataView
from tests.factories import complaint as register_complaint

from .handling import put_in_state


@pytest.fixture
def complaint(company_x):
    return register_complaint(
        company=company_x.organisation,
        province="北京",
        complainant_id_number="110101199001011234",
        complainant_address="北京市东城区东四十条100号",
    )


def test_it_reveals_the_data_and_logs_each_view(client, as_persona, complaint, english):
    user = as_persona("bureau_a")
    url = f"/complaints/{complaint.reference}/personal-data/"
    response = client.post(url)
    page = response.content.decode()
    assert response.status_code == 200
    for value in ("张三", "13812341234", "110101199001011234", "北京市东城区东四十条100号"):
        assert value in page
    assert "this view is logged" in page
    assert "no-store" in response["Cache-Control"]
    client.post(url)
    views = PersonalDataView.objects.filter(complaint=complaint, viewer=user)
    assert views.count() == 2
    assert views.first().purpose == url


def test_the_next_page_is_masked_again(client, as_persona, complaint):
    as_persona("bureau_a")
    client.post(f"/complaints/{complaint.reference}/personal-data/")
    page = client.get(f"/complaints/{complaint.reference}/").content.decode()
    assert "13812341234" not in page
    assert "138****1234" in page


def test_the_company_it_was_forwarded_to_may_reveal(
    client, as_persona, complaint, bureau_a, company_x
):
    put_in_state(complaint, "forwarded", bureau=bureau_a, company=company_x)
    as_persona("company_x")
    response = client.post(f"/complaints/{complaint.reference}/personal-data/")
    assert "13812341234" in response.content.decode()


@pytest.mark.parametrize("persona", ["bureau_b", "company_x", "company_y", "association"])
def test_those_who_do_not_see_the_complaint_do_not_find_it(persona, client, as_persona, complaint):
    as_persona(persona)
    response = client.post(f"/complaints/{complaint.reference}/personal-data/")
    assert response.status_code == 404
    assert not PersonalDataView.objects.exists()


def test_it_rejects_get(client, as_persona, complaint):
    as_persona("bureau_a")
    response = client.get(f"/complaints/{complaint.reference}/personal-data/")
    assert response.status_code == 405
    assert not PersonalDataView.objects.exists()


def test_it_requires_the_csrf_token(as_persona, complaint, bureau_a):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(bureau_a)
    response = csrf_client.post(f"/complaints/{complaint.reference}/personal-data/")
    assert response.status_code == 403
    assert not PersonalDataView.objects.exists()


def test_the_database_row_holds_no_plaintext(complaint):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT complainant_name, complainant_phone, complainant_id_number, "
            "complainant_address, phone_hash FROM complaints_complaint WHERE id = %s",
            [complaint.pk],
        )
        row = " ".join(str(value) for value in cursor.fetchone())
    for plaintext in ("张三", "13812341234", "110101199001011234", "东四十条"):
        assert plaintext not in row
