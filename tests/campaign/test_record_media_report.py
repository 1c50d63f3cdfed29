"""Recording, changing and deleting a media report: the unit's own, while the campaign is
open, dated no later than today, linked only to a web page; history names who did it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from campaign.models import MediaReport
from campaign.services import media_reports

from .media_reports import DAY, recorded

NEW = "/media-reports/2013/new/"
FORM = {
    "kind": "column",
    "title": "3·15保险知识专栏",
    "outlet": "示例广播电台",
    "published_on": "2013-03-15",
    "url": "https://radio.example.com/315",
}


def test_a_unit_records_a_media_report(client, campaign, bureau_a):
    client.force_login(bureau_a)

    response = client.post(NEW, FORM)

    assert response["Location"] == "/media-reports/2013/"
    report = MediaReport.objects.get()
    assert (report.organisation, report.kind, report.published_on) == (
        bureau_a.organisation,
        "column",
        DAY,
    )
    assert report.history.get().history_user == bureau_a


def test_a_javascript_link_is_refused_next_to_the_link(english, client, campaign, bureau_a):
    client.force_login(bureau_a)

    response = client.post(NEW, FORM | {"url": "javascript:alert(document.cookie)"})

    assert "url" in response.context["form"].errors
    assert not MediaReport.objects.exists()


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "ftp://x.example"]
)
def test_the_service_refuses_links_that_are_not_web_pages(english, campaign, bureau_a, url):
    with pytest.raises(ValidationError) as refusal:
        recorded(bureau_a, campaign, url=url)

    assert refusal.value.message_dict == {
        "url": ["Enter a link starting with http:// or https://."]
    }


def test_a_date_in_the_future_is_refused(english, campaign, bureau_a):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    with pytest.raises(ValidationError) as refusal:
        recorded(bureau_a, campaign, published_on=tomorrow)

    assert refusal.value.message_dict == {"published_on": ["The date cannot be in the future."]}


def test_nothing_is_recorded_once_the_campaign_is_closed(english, campaign, bureau_a):
    report = recorded(bureau_a, campaign)
    campaign.status = campaign.Status.CLOSED
    campaign.save()

    with pytest.raises(ValidationError, match="only while the campaign is open"):
        recorded(bureau_a, campaign, number=2)
    with pytest.raises(ValidationError, match="only while the campaign is open"):
        media_reports.update_media_report(actor=bureau_a, report=report, title="新标题")
    with pytest.raises(ValidationError, match="only while the campaign is open"):
        media_reports.delete_media_report(actor=bureau_a, report=report)


def test_a_unit_changes_its_report(client, campaign, bureau_a):
    report = recorded(bureau_a, campaign)
    client.force_login(bureau_a)

    response = client.post(f"/media-reports/2013/{report.pk}/edit/", FORM | {"title": "新标题"})

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.title == "新标题"
    assert report.history.first().history_user == bureau_a


def test_a_unit_deletes_its_report(client, campaign, bureau_a):
    report = recorded(bureau_a, campaign)
    client.force_login(bureau_a)

    assert client.post(f"/media-reports/2013/{report.pk}/delete/").status_code == 302

    assert not MediaReport.objects.exists()
    assert MediaReport.history.filter(id=report.pk).first().history_user == bureau_a


def test_another_units_report_is_not_found(client, campaign, bureau_a, bureau_b):
    report = recorded(bureau_b, campaign)
    client.force_login(bureau_a)

    assert client.get(f"/media-reports/2013/{report.pk}/edit/").status_code == 404
    assert client.post(f"/media-reports/2013/{report.pk}/delete/").status_code == 404
    assert MediaReport.objects.exists()


def test_head_office_reads_but_does_not_change_a_units_report(
    client, campaign, bureau_a, head_office
):
    report = recorded(bureau_a, campaign)
    client.force_login(head_office)

    assert client.get(f"/media-reports/2013/{report.pk}/edit/").status_code == 403
    assert client.post(f"/media-reports/2013/{report.pk}/delete/").status_code == 403
    assert client.post(NEW, FORM).status_code == 403


@pytest.mark.parametrize("persona", ["hotline", "head_office"])
def test_those_without_a_statistics_form_record_none(client, as_persona, campaign, persona):
    as_persona(persona)

    assert client.post(NEW, FORM).status_code == 403
    assert not MediaReport.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        lambda actor, report: media_reports.update_media_report(
            actor=actor, report=report, title="新标题"
        ),
        lambda actor, report: media_reports.delete_media_report(actor=actor, report=report),
    ],
    ids=["update", "delete"],
)
def test_a_change_to_a_report_deleted_meanwhile_is_refused_with_a_message(
    english, campaign, bureau_a, change
):
    report = recorded(bureau_a, campaign)
    MediaReport.objects.filter(pk=report.pk).delete()

    with pytest.raises(ValidationError, match="This media report has been deleted."):
        change(bureau_a, report)
