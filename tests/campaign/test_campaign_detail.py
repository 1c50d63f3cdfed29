import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from campaign.models import Campaign, CampaignContact

from ..factories import CampaignFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def open_campaign(campaign):
    CampaignContact.objects.create(campaign=campaign, name="张永蓉", position=0)
    return campaign


def test_it_shows_the_campaign_and_its_deadline_in_chinese(client, bureau_a, open_campaign):
    client.force_login(bureau_a)
    response = client.get("/campaigns/2013/")
    page = response.content.decode()
    assert "诚信保险 优质服务" in page
    assert "保监厅发〔2013〕11号" in page
    assert "2013年4月10日（含当日" in page
    assert "张永蓉" in page
    assert "已超过报送截止日期" in page


def test_it_counts_days_left_before_the_deadline(client, bureau_a, time_machine):
    CampaignFactory(
        year=2030,
        deadline=datetime.date(2030, 4, 10),
        period_start=datetime.date(2030, 3, 1),
        period_end=datetime.date(2030, 3, 31),
    )
    time_machine.move_to(datetime.datetime(2030, 4, 7, 23, 30, tzinfo=SHANGHAI))
    client.force_login(bureau_a)
    response = client.get("/campaigns/2030/")
    assert response.context["days_left"] == 3
    assert "还剩 3 天" in response.content.decode()


def test_home_opens_the_latest_open_campaign(client, bureau_a, campaign):
    CampaignFactory(
        year=2014,
        status=Campaign.Status.DRAFT,
        deadline=datetime.date(2014, 4, 10),
        period_start=datetime.date(2014, 3, 1),
        period_end=datetime.date(2014, 3, 31),
    )
    client.force_login(bureau_a)
    response = client.get("/")
    assert response["Location"] == "/campaigns/2013/"


def test_a_draft_campaign_is_hidden_from_bureaus(client, bureau_a, head_office):
    CampaignFactory(
        year=2014,
        status=Campaign.Status.DRAFT,
        deadline=datetime.date(2014, 4, 10),
        period_start=datetime.date(2014, 3, 1),
        period_end=datetime.date(2014, 3, 31),
    )
    client.force_login(bureau_a)
    assert client.get("/campaigns/2014/").status_code == 404
    client.force_login(head_office)
    assert client.get("/campaigns/2014/").status_code == 200


def test_the_english_interface_is_selectable(client, bureau_a, campaign):
    client.force_login(bureau_a)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/campaigns/2013/"})
    assert response.status_code == 302
    page = client.get("/campaigns/2013/").content.decode()
    assert "Submission deadline" in page
    translation.activate("zh-hans")


def test_the_deadline_passes_at_midnight_beijing_time(campaign):
    assert campaign.deadline_at == datetime.datetime(2013, 4, 11, tzinfo=SHANGHAI)
    assert campaign.days_left(datetime.date(2013, 4, 10)) == 0
    assert campaign.days_left(datetime.date(2013, 4, 12)) == -2
