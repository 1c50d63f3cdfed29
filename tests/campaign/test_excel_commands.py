"""`manage.py statistics_template` and `manage.py import_statistics`: head office's batch work
with the same files and the same checks as the Excel page."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from campaign.models import StatisticsReport, StatisticsUpload, WarningAcknowledgement
from campaign.selectors import reports as selectors
from campaign.services import statistics as service

from ..factories import statistics_report, valid_values
from . import workbooks

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def report(campaign):
    return statistics_report(campaign, "beijing")


@pytest.fixture
def form_file(tmp_path, report):
    """Writes a filled-in template of ``report`` to a file and returns its path."""

    def write(values=None, content=None):
        path = tmp_path / "beijing.xlsx"
        if content is None:
            values = valid_values(report) if values is None else values
            content = workbooks.fill(workbooks.template(report), workbooks.as_stored_values(values))
        path.write_bytes(content)
        return str(path)

    return write


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def cells_of(content):
    workbook = workbooks.open_xlsx(content)
    return {
        sheet.title: [[cell.value for cell in row] for row in sheet.iter_rows()]
        for sheet in workbook.worksheets
    }


def test_template_command_writes_the_file_the_download_gives(client, bureau_a, report, tmp_path):
    service.save_report(
        actor=bureau_a, report=report, values={"A01": Decimal(5)}, expected_version=0
    )
    output = tmp_path / "out.xlsx"
    with translation.override("zh-hans"):
        printed = run(
            "statistics_template", "--campaign", "2013", "--unit", "beijing", "-o", str(output)
        )
    assert "out.xlsx" in printed
    client.force_login(bureau_a)
    client.cookies["django_language"] = "zh-hans"  # as the command above wrote it
    downloaded = client.get("/statistics/2013/beijing/excel/template.xlsx").content
    assert cells_of(output.read_bytes()) == cells_of(downloaded)
    sheet = workbooks.form_sheet(workbooks.open_xlsx(output.read_bytes()))
    assert sheet.cell(workbooks.rows_by_code(sheet)["A01"], 4).value == 5


def test_template_command_names_the_file_as_the_download_does(report, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run("statistics_template", "--campaign", "2013", "--unit", "beijing")
    assert (tmp_path / "2013 CIRC Beijing Bureau statistics.xlsx").exists()


def test_template_command_makes_the_report_of_a_unit_that_has_none(campaign, company_x, tmp_path):
    run(
        "statistics_template", "--campaign", "2013", "--unit", "demo-life", "-o",
        str(tmp_path / "x.xlsx"),
    )  # fmt: skip
    assert StatisticsReport.objects.filter(organisation__code="demo-life").exists()


def test_template_command_refuses_an_unknown_unit_or_campaign(campaign, tmp_path):
    with pytest.raises(CommandError, match="nowhere"):
        run("statistics_template", "--campaign", "2013", "--unit", "nowhere")
    with pytest.raises(CommandError, match="2099"):
        run("statistics_template", "--campaign", "2099", "--unit", "beijing")
    with pytest.raises(CommandError, match="hq"):
        run("statistics_template", "--campaign", "2013", "--unit", "hq")


def test_import_stores_the_file_as_the_units_draft(head_office, report, form_file):
    printed = run("import_statistics", "--campaign", "2013", "--unit", "beijing", form_file())
    report.refresh_from_db()
    assert selectors.values_of(report) == valid_values(report)
    assert report.status == StatisticsReport.Status.DRAFT
    assert report.version == 1 and report.updated_by == head_office
    assert "47 values changed" in printed
    upload = StatisticsUpload.objects.get()
    assert upload.accepted and upload.uploaded_by == head_office


def test_import_applies_to_the_current_version(head_office, bureau_a, report, form_file):
    path = form_file()  # made at version 0
    service.save_report(
        actor=bureau_a, report=report, values={"A01": Decimal(99)}, expected_version=0
    )
    run("import_statistics", "--campaign", "2013", "--unit", "beijing", path)
    assert selectors.values_of(report)["A01"] == Decimal(10)


def test_import_records_the_named_actor(head_office, bureau_a, report, form_file):
    run(
        "import_statistics", "--campaign", "2013", "--unit", "beijing", "--actor", "beijing",
        form_file(),
    )  # fmt: skip
    report.refresh_from_db()
    assert report.updated_by == bureau_a


def test_import_refuses_an_actor_from_another_unit(head_office, bureau_b, report, form_file):
    with pytest.raises(CommandError, match="shanghai"):
        run(
            "import_statistics", "--campaign", "2013", "--unit", "beijing", "--actor",
            "shanghai", form_file(),
        )  # fmt: skip
    assert selectors.values_of(report) == {}


def test_import_with_submit_submits_and_notes_warnings_as_imported(head_office, report, form_file):
    values = valid_values(report) | {"B02": Decimal(1)}  # fewer people than events: a warning
    printed = run(
        "import_statistics", "--campaign", "2013", "--unit", "beijing", "--submit",
        form_file(values),
    )  # fmt: skip
    report.refresh_from_db()
    assert report.status == StatisticsReport.Status.SUBMITTED
    assert report.warning_count == 1
    assert "Submitted" in printed
    acknowledgement = WarningAcknowledgement.objects.get(report=report)
    assert (acknowledgement.key, acknowledgement.note) == ("B02-AUDIENCE", "imported")


def test_import_with_submit_refuses_errors_and_keeps_the_draft(head_office, report, form_file):
    values = valid_values(report) | {"E01": Decimal(41)}
    with pytest.raises(CommandError) as refused:
        run(
            "import_statistics", "--campaign", "2013", "--unit", "beijing", "--submit",
            form_file(values),
        )  # fmt: skip
    assert "\nE01: " in str(refused.value)
    report.refresh_from_db()
    assert report.status == StatisticsReport.Status.DRAFT
    assert selectors.values_of(report)["E01"] == Decimal(41)


def test_import_with_submit_says_who_is_responsible_is_missing(head_office, report, form_file):
    """The Excel form holds no contacts: the unit gives them on its form page first."""
    StatisticsReport.objects.filter(pk=report.pk).update(unit_head="", no_sales_confirmed=False)
    with pytest.raises(CommandError) as refused:
        run(
            "import_statistics", "--campaign", "2013", "--unit", "beijing", "--submit",
            form_file(valid_values(report)),
        )  # fmt: skip
    assert "\nEnter the head of the unit.\n" in str(refused.value)
    assert "no insurance was sold" in str(refused.value)
    report.refresh_from_db()
    assert report.status == StatisticsReport.Status.DRAFT


def test_a_bad_file_exits_with_every_cell_error_one_per_line(head_office, report, form_file):
    content = workbooks.template(report)
    path = form_file(content=workbooks.fill(content, {"A01": -1, "B01": 2.5}))
    with pytest.raises(CommandError) as refused:
        run("import_statistics", "--campaign", "2013", "--unit", "beijing", str(path))
    lines = str(refused.value).splitlines()
    assert lines[0] == "2 cells need correcting; nothing has been stored."
    assert lines[1].startswith(f"{workbooks.value_cell(content, 'A01')} (A01 ")
    assert lines[2].startswith(f"{workbooks.value_cell(content, 'B01')} (B01 ")
    assert selectors.values_of(report) == {}


def test_another_units_file_is_refused_by_the_import(head_office, campaign, report, form_file):
    shanghai = workbooks.template(statistics_report(campaign, "shanghai"))
    with pytest.raises(CommandError, match="Shanghai"):
        run(
            "import_statistics", "--campaign", "2013", "--unit", "beijing",
            form_file(content=shanghai),
        )  # fmt: skip
    assert selectors.values_of(report) == {}


def test_import_refuses_a_report_that_is_not_editable(head_office, bureau_a, report, form_file):
    service.save_report(
        actor=bureau_a, report=report, values=valid_values(report), expected_version=0
    )
    service.submit_report(actor=bureau_a, report=report)
    with pytest.raises(CommandError, match="can no longer be changed"):
        run("import_statistics", "--campaign", "2013", "--unit", "beijing", form_file())


def test_import_without_a_head_office_reviewer_asks_for_an_actor(report, form_file):
    with pytest.raises(CommandError, match="--actor"):
        run("import_statistics", "--campaign", "2013", "--unit", "beijing", form_file())
