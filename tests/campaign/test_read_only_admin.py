"""The admin shows indicators, statistics reports and uploads but never adds, changes or
deletes them: the portal's pages and services do, guarding what depends on them."""

import pytest

from campaign.models import Indicator


@pytest.mark.parametrize("model", ["indicator", "statisticsreport", "statisticsupload"])
def test_the_admin_adds_none(admin_client, model):
    assert admin_client.get(f"/admin/campaign/{model}/add/").status_code == 403


def test_the_admin_shows_an_indicator_without_saving_or_deleting_it(admin_client, campaign):
    indicator = Indicator.objects.filter(campaign=campaign).first()
    url = f"/admin/campaign/indicator/{indicator.pk}/change/"

    page = admin_client.get(url).content.decode()

    assert indicator.code in page and 'name="_save"' not in page
    assert admin_client.get(f"{url[: -len('change/')]}delete/").status_code == 403
    assert admin_client.post(url, {"code": "Z99"}).status_code == 403
    indicator.refresh_from_db()
    assert indicator.code != "Z99"
