"""POST /statistics/<year>/<code>/excel/ again and again: a report keeps its latest uploads
only, a user may upload only so often, and a file is never left on disk without its row."""

import pytest
from django.db import DatabaseError

from campaign import excel
from campaign.models import StatisticsUpload
from campaign.selectors import reports as selectors

from ..factories import UserFactory, organisation, statistics_report, valid_values
from . import workbooks

URL = "/statistics/2013/beijing/excel/"

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def report(campaign):
    return statistics_report(campaign, "beijing")


@pytest.fixture
def clerk(client, bureau_a, report):
    client.force_login(bureau_a)
    client.cookies["django_language"] = "en"
    return bureau_a


@pytest.fixture
def refused(report):
    """A form with one bad cell: refused, and kept to be given back marked."""
    return workbooks.fill(workbooks.template(report), {"A01": -1})


def stored_files(settings):
    return sorted(path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file())


def post(client, content, name="form.xlsx"):
    return client.post(URL, {"file": workbooks.upload_file(content, name)})


def test_a_report_keeps_only_its_latest_uploads_and_their_files(
    client, clerk, refused, settings, django_capture_on_commit_callbacks
):
    settings.EXCEL_UPLOAD_RATE = "100/m"
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(excel.KEPT_UPLOADS + 2):
            post(client, refused, name=f"{number}.xlsx")
    kept = StatisticsUpload.objects.order_by("id")
    assert [upload.original_name for upload in kept] == [
        f"{number}.xlsx" for number in range(2, excel.KEPT_UPLOADS + 2)
    ]
    assert len(stored_files(settings)) == excel.KEPT_UPLOADS
    assert {path.name for path in stored_files(settings)} == {
        upload.file.name.rpartition("/")[2] for upload in kept
    }


def test_uploads_beyond_the_rate_are_refused_and_nothing_is_stored(
    client, clerk, report, refused, settings
):
    settings.EXCEL_UPLOAD_RATE = "3/h"
    for _ in range(3):
        assert post(client, refused).status_code == 200
    response = post(client, refused)
    assert response.status_code == 429
    assert "too many files" in response.content.decode()
    assert StatisticsUpload.objects.count() == 3
    assert client.get(URL).status_code == 200  # the page itself stays open


def test_the_rate_is_counted_per_user(client, clerk, report, refused, settings):
    settings.EXCEL_UPLOAD_RATE = "1/h"
    assert post(client, refused).status_code == 200
    assert post(client, refused).status_code == 429
    client.force_login(UserFactory(username="beijing2", organisation=organisation("beijing")))
    assert post(client, refused).status_code == 200


@pytest.mark.parametrize("kind", ["refused", "accepted"])
def test_a_file_is_not_left_on_disk_when_its_row_is_not_saved(
    bureau_a, report, refused, settings, monkeypatch, kind
):
    content = refused
    if kind == "accepted":
        content = workbooks.fill(
            workbooks.template(report), workbooks.as_stored_values(valid_values(report))
        )

    def fail(*args, **kwargs):
        raise DatabaseError("the database went away")

    monkeypatch.setattr(StatisticsUpload, "save", fail)
    with pytest.raises(DatabaseError):
        excel.upload_statistics(
            actor=bureau_a,
            report=report,
            file=workbooks.upload_file(content),
            name="form.xlsx",
            size=len(content),
        )
    assert stored_files(settings) == []
    assert selectors.values_of(report) == {}
