"""Re-activating an account: the person may log in again."""

from ..factories import PASSWORD


def test_head_office_reactivates_and_the_person_logs_in(client, head_office, bureau_b):
    bureau_b.is_active = False
    bureau_b.save()
    client.force_login(head_office)
    client.post("/people/shanghai/activate/", {"reason": "返岗"})
    bureau_b.refresh_from_db()
    assert bureau_b.is_active
    entry = bureau_b.history.first()
    assert (entry.history_user, entry.history_change_reason) == (head_office, "返岗")
    client.logout()
    response = client.post("/accounts/login/", {"username": "shanghai", "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_an_administrator_reactivates_their_own_staff(client, bureau_a_admin, bureau_a):
    bureau_a.is_active = False
    bureau_a.save()
    client.force_login(bureau_a_admin)
    client.post("/people/beijing/activate/")
    bureau_a.refresh_from_db()
    assert bureau_a.is_active


def test_an_administrator_cannot_reactivate_another_organisations_people(
    client, bureau_a_admin, bureau_b
):
    bureau_b.is_active = False
    bureau_b.save()
    client.force_login(bureau_a_admin)
    assert client.post("/people/shanghai/activate/").status_code == 404
    bureau_b.refresh_from_db()
    assert not bureau_b.is_active


def test_staff_cannot_reactivate_anyone(client, bureau_a, company_x):
    company_x.is_active = False
    company_x.save()
    client.force_login(bureau_a)
    assert client.post("/people/demo-life/activate/").status_code == 404
    company_x.refresh_from_db()
    assert not company_x.is_active
