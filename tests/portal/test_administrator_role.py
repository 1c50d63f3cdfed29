"""The administrator role: an organisation's administrator is still one of its people (a
unit's administrator fills in its statistics form; head office's is head office)."""

from campaign.models import Organisation, User
from portal import access

from ..factories import UserFactory, organisation


def test_a_units_administrator_fills_in_its_statistics_form(client, campaign, bureau_a_admin):
    client.force_login(bureau_a_admin)
    assert client.get("/statistics/2013/beijing/").status_code == 200
    assert client.get("/statistics/2013/shanghai/").status_code == 404


def test_head_offices_administrator_is_head_office(client, campaign):
    hq_admin = UserFactory(username="hq-admin", organisation=organisation("hq"), role="admin")
    assert access.is_head_office(hq_admin)
    client.force_login(hq_admin)
    assert client.get("/statistics/2013/review/").status_code == 200
    assert client.get("/people/").status_code == 200


def test_a_units_administrator_grants_only_staff_and_administrator_roles(bureau_a_admin):
    assert access.roles_grantable_by(bureau_a_admin) == [User.Role.STAFF, User.Role.ADMIN]


def test_an_administrator_of_a_deactivated_organisation_manages_no_one(client, bureau_a_admin):
    Organisation.objects.filter(code="beijing").update(is_active=False)
    client.force_login(bureau_a_admin)
    assert client.get("/people/").status_code == 403
