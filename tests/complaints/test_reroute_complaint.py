"""POST /complaints/<reference>/reroute/: the bureau hands the complaint to the bureau of
another region, with a reason; the old bureau no longer finds it, the new one is told."""

import pytest

from campaign.models import Region
from portal.models import Notification
from tests.factories import complaint as register_complaint

pytestmark = pytest.mark.postgresql


@pytest.fixture
def complaint(company_x):
    return register_complaint(company=company_x.organisation, province="北京")


def region(name):
    return Region.objects.get(name_zh__startswith=name)


def test_it_moves_the_complaint_to_the_other_bureau(
    client, as_persona, complaint, bureau_b, django_capture_on_commit_callbacks
):
    as_persona("bureau_a")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/complaints/{complaint.reference}/reroute/",
            {"region": region("上海").pk, "note": "投诉人常住上海。"},
        )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.bureau.code == "shanghai"
    assert complaint.status == "registered"
    assert complaint.transitions.last().details == {
        "from_bureau": "beijing",
        "to_bureau": "shanghai",
    }
    assert Notification.objects.filter(recipient=bureau_b).exists()
    # The redirect leads to a page the old bureau no longer sees.
    assert client.get(f"/complaints/{complaint.reference}/").status_code == 404
    as_persona("bureau_b")
    assert client.get(f"/complaints/{complaint.reference}/").status_code == 200


def test_a_city_with_its_own_bureau_is_a_choice(client, as_persona, complaint):
    as_persona("bureau_a")
    response = client.get(f"/complaints/{complaint.reference}/")
    form = dict((a, f) for a, _t, f in response.context["step_forms"])["reroute"]
    names = {region.name_zh for region in form.fields["region"].queryset}
    assert {"大连市", "上海市"} <= names or {"大连", "上海"} <= names


def test_its_own_region_is_refused_next_to_the_field(client, as_persona, complaint, english):
    as_persona("bureau_a")
    response = client.post(
        f"/complaints/{complaint.reference}/reroute/",
        {"region": region("北京").pk, "note": "x"},
    )
    assert response.status_code == 200
    assert "This complaint is already with that bureau." in response.content.decode()


def test_a_reason_is_needed(client, as_persona, complaint, english):
    as_persona("bureau_a")
    response = client.post(
        f"/complaints/{complaint.reference}/reroute/", {"region": region("上海").pk, "note": ""}
    )
    assert response.status_code == 200
    complaint.refresh_from_db()
    assert complaint.bureau.code == "beijing"


def test_another_bureau_does_not_find_it(client, as_persona, complaint):
    as_persona("bureau_b")
    response = client.post(
        f"/complaints/{complaint.reference}/reroute/",
        {"region": region("上海").pk, "note": "x"},
    )
    assert response.status_code == 404
