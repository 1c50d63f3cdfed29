"""Head office keeps the shared reference data in the admin: next year's holidays and 调休
days, product lines; and the complaint categories and time limits."""

import datetime

import pytest

from campaign.models import CalendarDay
from campaign.working_days import WorkingCalendar

pytestmark = pytest.mark.django_db


def test_a_holiday_added_in_the_admin_is_not_a_working_day(admin_client):
    response = admin_client.post(
        "/admin/campaign/calendarday/add/",
        {"date": "2014-01-31", "is_working_day": "", "name": "春节"},
    )

    assert response.status_code == 302
    assert CalendarDay.objects.filter(date=datetime.date(2014, 1, 31)).exists()
    assert not WorkingCalendar.load().is_working_day(datetime.date(2014, 1, 31))


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("/admin/campaign/productline/", "auto"),
        ("/admin/campaign/calendarday/", "清明节"),
        ("/admin/complaints/category/", "claims"),
        ("/admin/complaints/timelimit/", "保监会令2013年第8号"),
    ],
)
def test_the_shipped_reference_data_is_listed(admin_client, url, shown):
    response = admin_client.get(url)

    assert response.status_code == 200
    assert shown in response.content.decode()
