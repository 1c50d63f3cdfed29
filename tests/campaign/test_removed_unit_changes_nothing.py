"""A unit taken off the campaign's list changes its draft by no path: the Excel upload, an
attachment added or removed, in the page or through the services."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from campaign import excel
from campaign.services import attachments as attachment_services
from campaign.services import expected_units, statistics

from ..factories import organisation, statistics_report, valid_values
from . import workbooks

SHANGHAI = ZoneInfo("Asia/Shanghai")
FORM = "/statistics/2013/beijing/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def before_the_deadline(time_machine):
    time_machine.move_to(datetime.datetime(2013, 4, 8, 10, 0, tzinfo=SHANGHAI))


@pytest.fixture
def removed(campaign, bureau_a, head_office, django_capture_on_commit_callbacks):
    report = statistics_report(campaign, "beijing")
    statistics.save_report(
        actor=bureau_a, report=report, values=valid_values(report), expected_version=0
    )
    with django_capture_on_commit_callbacks(execute=True):
        attachment_services.add_attachment(
            actor=bureau_a, report=report, upload=SimpleUploadedFile("总结.pdf", PDF)
        )
    expected_units.remove_expected_unit(
        actor=head_office, campaign=campaign, organisation=organisation("beijing")
    )
    report.refresh_from_db()
    return report


def workbook(report):
    values = dict(valid_values(report))
    return workbooks.fill(workbooks.template(report), workbooks.as_stored_values(values))


def test_no_page_takes_a_change(client, bureau_a, removed):
    client.force_login(bureau_a)
    [attachment] = removed.attachments.all()
    upload = workbooks.upload_file(workbook(removed))
    assert client.post(f"{FORM}excel/", {"file": upload}).status_code == 403
    pdf = SimpleUploadedFile("新.pdf", PDF)
    assert client.post(f"{FORM}attachments/", {"file": pdf}).status_code == 403
    assert client.post(f"{FORM}attachments/{attachment.pk}/remove/").status_code == 403
    assert removed.attachments.count() == 1
    assert not removed.uploads.exists()


def test_no_service_takes_a_change(bureau_a, removed):
    with pytest.raises(attachment_services.AttachmentRefused, match="不再要求"):
        attachment_services.add_attachment(
            actor=bureau_a, report=removed, upload=SimpleUploadedFile("新.pdf", PDF)
        )
    with pytest.raises(attachment_services.AttachmentRefused, match="不再要求"):
        attachment_services.remove_attachment(actor=bureau_a, attachment=removed.attachments.get())
    content = workbook(removed)
    result = excel.upload_statistics(
        actor=bureau_a,
        report=removed,
        file=SimpleUploadedFile("form.xlsx", content),
        name="form.xlsx",
        size=len(content),
        expected_version=removed.version,
    )
    assert not result.accepted
    assert removed.attachments.count() == 1


def test_the_import_command_refuses_it(removed):
    with pytest.raises(LookupError, match="没有北京保监局"):
        excel.unit_report(2013, "beijing")
