"""Unlocking an account that the login lock-out (five wrong passwords) blocked."""

from django.test import Client

from ..factories import PASSWORD


def lock_out(username):
    """Five wrong passwords from the person's own desk; the sixth try, right, is refused."""
    desk = Client()
    for _ in range(5):
        desk.post("/accounts/login/", {"username": username, "password": "wrong"})
    assert log_in(desk, username).status_code == 429
    return desk


def log_in(desk, username):
    return desk.post("/accounts/login/", {"username": username, "password": PASSWORD})


def test_head_office_unlocks_an_account_and_the_person_logs_in(client, head_office, bureau_b):
    desk = lock_out("shanghai")
    client.force_login(head_office)
    assert client.get("/people/shanghai/edit/").context["locked"]
    response = client.post("/people/shanghai/unlock/")
    assert response.status_code == 302
    assert not client.get("/people/shanghai/edit/").context["locked"]
    assert log_in(desk, "shanghai").status_code == 302
    assert "_auth_user_id" in desk.session


def test_the_unlock_is_in_the_history_with_who_did_it(client, head_office, bureau_b):
    lock_out("shanghai")
    client.force_login(head_office)
    client.post("/people/shanghai/unlock/")
    entry = bureau_b.history.first()
    assert (entry.history_user, entry.history_change_reason) == (head_office, "unlocked")
    [latest, _created] = client.get("/people/shanghai/edit/").context["history"]
    assert latest["unlocked"] and latest["by"] == head_office


def test_unlocking_an_account_that_is_not_locked_changes_nothing(client, head_office, bureau_b):
    client.force_login(head_office)
    client.cookies["django_language"] = "en"
    response = client.post("/people/shanghai/unlock/", follow=True)
    assert "This account was not locked." in response.content.decode()
    assert bureau_b.history.count() == 1  # its creation only


def test_an_administrator_unlocks_their_own_staff(client, bureau_a_admin, bureau_a):
    desk = lock_out("beijing")
    client.force_login(bureau_a_admin)
    client.post("/people/beijing/unlock/")
    assert log_in(desk, "beijing").status_code == 302


def test_an_administrator_cannot_unlock_another_organisations_people(
    client, bureau_a_admin, bureau_b
):
    desk = lock_out("shanghai")
    client.force_login(bureau_a_admin)
    assert client.post("/people/shanghai/unlock/").status_code == 404
    assert log_in(desk, "shanghai").status_code == 429


def test_staff_cannot_unlock_anyone(client, bureau_a, bureau_b):
    desk = lock_out("shanghai")
    client.force_login(bureau_a)
    assert client.post("/people/shanghai/unlock/").status_code == 404
    assert log_in(desk, "shanghai").status_code == 429


def test_unlocking_from_the_list_returns_to_the_list(client, head_office, bureau_b):
    lock_out("shanghai")
    client.force_login(head_office)
    response = client.post("/people/shanghai/unlock/", {"next": "list"})
    assert response["Location"] == "/people/"
