from django.core.management import call_command

from campaign.models import Campaign, Organisation, User


def test_it_creates_every_demo_account_once(db, monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    call_command("seed_demo")
    call_command("seed_demo")
    assert User.objects.get(username="beijing").check_password("demo12378")
    assert User.objects.get(username="hq").organisation.kind == Organisation.Kind.HEAD_OFFICE
    assert User.objects.get(username="hotline").role == User.Role.HOTLINE
    assert User.objects.get(username="demo-life").organisation.name_zh == "示例人寿保险股份有限公司"
    assert User.objects.get(username="demo-pc").organisation.name_zh == "示例财产保险股份有限公司"
    assert Organisation.objects.filter(kind=Organisation.Kind.INSURER).count() >= 8
    assert User.objects.filter(organisation__kind=Organisation.Kind.BUREAU).count() == 36
    assert User.objects.filter(username="iac").exists()
    assert Campaign.objects.get(year=2013).deadline.isoformat() == "2013-04-10"


def test_it_uses_the_demo_password_from_the_environment(db, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "another-demo-pass")
    call_command("seed_demo")
    assert User.objects.get(username="xinjiang").check_password("another-demo-pass")


def test_the_reference_data_has_the_36_bureaus_of_2013(db):
    bureaus = Organisation.objects.filter(kind=Organisation.Kind.BUREAU)
    assert bureaus.count() == 36
    dalian = bureaus.get(code="dalian")
    assert dalian.name_zh == "大连保监局"
    assert [r.code for r in dalian.regions.all()] == ["210200"]


def test_it_gives_the_2013_campaign_its_table_and_sample_reports(db):
    call_command("seed_demo")
    call_command("seed_demo")
    campaign = Campaign.objects.get(year=2013)
    assert campaign.indicators.count() == 44
    statuses = dict(campaign.reports.values_list("organisation__code", "status"))
    assert statuses["jiangsu"] == "approved"
    assert statuses["guangdong"] == "returned"
    assert "beijing" not in statuses
