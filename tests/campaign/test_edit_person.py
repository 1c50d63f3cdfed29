"""Editing an account: what changed is saved, with who changed it, and shown on the page."""

from campaign.models import User

from ..factories import UserFactory, organisation


def details(person, **overrides):
    return {
        "full_name": person.full_name or "王芳",
        "email": person.email or "clerk@example.cn",
        "phone": person.phone,
        "organisation": person.organisation_id,
        "role": person.role,
        **overrides,
    }


def test_head_office_edits_an_account(client, head_office, bureau_b):
    client.force_login(head_office)
    response = client.post("/people/shanghai/edit/", details(bureau_b, full_name="张伟"))
    assert response.status_code == 302
    bureau_b.refresh_from_db()
    assert bureau_b.full_name == "张伟"


def test_the_history_records_the_actor_and_the_change(client, head_office, bureau_b):
    client.force_login(head_office)
    client.post("/people/shanghai/edit/", details(bureau_b, full_name="张伟"))
    client.post("/people/shanghai/edit/", details(bureau_b, full_name="张伟", phone="021-1"))
    latest = bureau_b.history.first()
    assert (latest.phone, latest.history_user) == ("021-1", head_office)
    client.cookies["django_language"] = "en"
    [newest, older, created] = client.get("/people/shanghai/edit/").context["history"]
    assert newest["by"] == head_office
    assert [(str(label), old, new) for label, old, new in newest["changes"]] == [
        ("phone", "", "021-1")
    ]
    assert [(str(label), old, new) for label, old, new in older["changes"]] == [
        ("full name", "", "张伟"),
        ("email address", "", "clerk@example.cn"),
    ]
    assert created["created"]


def test_the_history_shows_organisations_and_roles_by_name(client, head_office, bureau_b):
    client.force_login(head_office)
    client.post("/people/shanghai/edit/", details(bureau_b, full_name="张伟"))
    client.post(
        "/people/shanghai/edit/",
        details(bureau_b, full_name="张伟", organisation=organisation("beijing").pk, role="admin"),
    )
    page = client.get("/people/shanghai/edit/").content.decode()
    assert "上海保监局 → 北京保监局" in page


def test_the_history_leaves_out_passwords_and_logins(client, head_office, bureau_b):
    client.force_login(bureau_b)
    client.force_login(head_office)
    history_fields = {field.name for field in User.history.model._meta.fields}
    assert "password" not in history_fields and "last_login" not in history_fields
    # Logging in records the time without an entry in the account's history.
    bureau_b.refresh_from_db()
    assert bureau_b.last_login is not None
    assert bureau_b.history.count() == 1  # its creation


def test_saving_without_a_change_says_so(client, head_office, bureau_b):
    bureau_b.full_name = "王芳"
    bureau_b.email = "wf@example.cn"
    bureau_b.save()
    client.force_login(head_office)
    client.cookies["django_language"] = "en"
    response = client.post("/people/shanghai/edit/", details(bureau_b), follow=True)
    assert "Nothing was changed." in response.content.decode()
    assert bureau_b.history.count() == 2  # created, then the names set above


def test_an_administrator_edits_their_own_organisations_staff(client, bureau_a_admin, bureau_a):
    client.force_login(bureau_a_admin)
    client.post("/people/beijing/edit/", details(bureau_a, role="admin"))
    bureau_a.refresh_from_db()
    assert bureau_a.role == User.Role.ADMIN
    assert bureau_a.history.first().history_user == bureau_a_admin


def test_an_administrator_cannot_move_staff_to_another_organisation(
    client, bureau_a_admin, bureau_a
):
    client.force_login(bureau_a_admin)
    response = client.post(
        "/people/beijing/edit/", details(bureau_a, organisation=organisation("shanghai").pk)
    )
    assert "organisation" in response.context["form"].errors
    bureau_a.refresh_from_db()
    assert bureau_a.organisation.code == "beijing"


def test_an_administrator_cannot_see_another_organisations_people(
    client, bureau_a_admin, bureau_b, head_office
):
    client.force_login(bureau_a_admin)
    assert client.get("/people/shanghai/edit/").status_code == 404
    assert client.post("/people/shanghai/edit/", details(bureau_b)).status_code == 404
    assert client.get("/people/hq/edit/").status_code == 404


def test_staff_cannot_open_an_account_not_even_their_own(client, bureau_a):
    client.force_login(bureau_a)
    assert client.get("/people/beijing/edit/").status_code == 404


def test_the_last_head_office_administrator_keeps_the_role(client, head_office):
    hq_admin = UserFactory(
        username="hq-admin", organisation=organisation("hq"), role=User.Role.ADMIN
    )
    client.force_login(head_office)
    client.cookies["django_language"] = "en"
    response = client.post("/people/hq-admin/edit/", details(hq_admin, role="staff"))
    assert "last active administrator" in str(response.context["form"].non_field_errors())
    hq_admin.refresh_from_db()
    assert hq_admin.role == User.Role.ADMIN


def test_a_django_admin_account_cannot_be_taken_over_from_the_people_pages(
    client, head_office, mailoutbox
):
    """Changing a superuser's e-mail and asking for a reset link would hand head office's
    staff the admin site, which bypasses every rule of the portal: such accounts are the
    superusers' to manage, in the admin."""
    root = UserFactory(username="root", email="root@example.cn", is_staff=True, is_superuser=True)
    client.force_login(head_office)
    assert client.get("/people/root/edit/").status_code == 404
    client.post("/people/root/edit/", details(root, email="me@example.cn", organisation=""))
    for action in ("deactivate", "unlock"):
        assert client.post(f"/people/root/{action}/").status_code == 404
    root.refresh_from_db()
    assert (root.email, root.is_active) == ("root@example.cn", True)
    assert "root" not in [p.username for p in client.get("/people/").context["page"]]


def test_a_superuser_manages_the_admin_accounts_too(client, head_office):
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    UserFactory(username="root2", email="r2@example.cn", is_staff=True, is_superuser=True)
    root.organisation = organisation("hq")
    root.save()
    client.force_login(root)
    assert client.get("/people/root2/edit/").status_code == 200
