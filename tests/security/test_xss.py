"""Script written by users never runs in another user's browser: the written summary is
sanitised (it is shown as HTML), and every other text a user typed — organisation and
indicator names, comments, notes, file names — is escaped wherever it is shown."""

import re

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models

from campaign.models import Indicator, Organisation, StatisticsReport
from campaign.services import attachments as attachment_services
from campaign.services import statistics as statistics_services

from ..campaign import workbooks
from ..factories import RESPONSIBLE_POSTED, valid_values
from ..test_permissions import MATRIX, OK, page_url, records, records_once  # noqa: F401
from .conftest import PDF

SCRIPT = '<script>alert("x")</script>'
PAYLOADS = [
    SCRIPT,
    '<img src=x onerror="alert(1)">',
    '<svg onload="alert(1)"></svg>',
    '<a href="javascript:alert(1)">click</a>',
    '<iframe src="https://evil.example/"></iframe>',
    '<p style="background:url(https://evil.example/)">styled</p>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<form action="https://evil.example/"><input name=x></form>',
]
DANGEROUS = re.compile(
    r"<script[^>]*>alert|onerror=|onload=|javascript:|<iframe|<svg|<form action=\"https://evil"
    r"|style=\"background|<math",
    re.IGNORECASE,
)


def assert_inert(page):
    found = DANGEROUS.findall(page)
    assert not found, found


@pytest.mark.parametrize("payload", PAYLOADS)
def test_script_in_the_written_summary_never_reaches_a_page(
    client, bureau_a, head_office, beijing, payload
):
    client.force_login(bureau_a)
    response = client.post(
        "/statistics/2013/beijing/",
        {
            "version": beijing.version,
            "summary": f"<p>今年共开展活动</p>{payload}<p>end</p>",
            **{code: str(value) for code, value in valid_values(beijing).items()},
            **RESPONSIBLE_POSTED,
            "submit": "1",
        },
    )
    assert response.status_code == 302
    beijing.refresh_from_db()
    assert "今年共开展活动" in beijing.summary
    assert_inert(beijing.summary)
    assert_inert(client.get("/statistics/2013/beijing/").content.decode())
    client.force_login(head_office)
    assert_inert(client.get("/statistics/2013/beijing/review/").content.decode())


def test_names_typed_by_head_office_are_escaped_on_every_page(
    client, head_office, bureau_a, beijing
):
    Organisation.objects.filter(code="beijing").update(name_zh=SCRIPT, name_en=SCRIPT)
    Indicator.objects.filter(code="A01").update(name_zh=SCRIPT, name_en=SCRIPT)
    statistics_services.submit_report(actor=bureau_a, report=beijing)
    client.force_login(head_office)
    for url in (
        "/organisations/",
        "/organisations/beijing/edit/",
        "/statistics/2013/review/",
        "/statistics/2013/beijing/review/",
        "/statistics/2013/beijing/history/",
        "/campaigns/2013/table/",
        "/campaigns/2013/table/indicators/A01/edit/",
    ):
        page = client.get(url).content.decode()
        assert SCRIPT not in page, url
    client.force_login(bureau_a)
    for url in ("/statistics/2013/beijing/", "/statistics/2013/beijing/excel/"):
        page = client.get(url).content.decode()
        assert SCRIPT not in page, url
        assert "&lt;script&gt;" in page, url


def test_the_organisation_name_is_escaped_in_the_saved_message(client, head_office):
    client.force_login(head_office)
    response = client.post(
        "/organisations/new/",
        {"kind": "insurer", "code": "evil", "name_zh": SCRIPT, "is_active": "on"},
        follow=True,
    )
    page = response.content.decode()
    assert SCRIPT not in page
    assert "&lt;script&gt;" in page


def test_review_comments_and_notes_are_escaped_for_the_unit(
    client, head_office, bureau_a, beijing_submitted
):
    client.force_login(head_office)
    client.post("/statistics/2013/beijing/return/", {"comment": SCRIPT, "B02": f"pinned {SCRIPT}"})
    client.force_login(bureau_a)
    for url in ("/statistics/2013/beijing/", "/statistics/2013/beijing/history/"):
        page = client.get(url).content.decode()
        assert SCRIPT not in page, url


def test_a_warning_note_is_escaped(client, bureau_a, head_office, beijing):
    values = valid_values(beijing) | {"B02": 1}  # audience below the events: a warning
    client.force_login(bureau_a)
    data = {code: str(value) for code, value in values.items()}
    client.post("/statistics/2013/beijing/", {"version": beijing.version, **data})
    beijing.refresh_from_db()
    client.post(
        "/statistics/2013/beijing/",
        {"version": beijing.version, **data, "note:B02-AUDIENCE": SCRIPT, "submit": "1"},
    )
    beijing.refresh_from_db()
    assert beijing.acknowledgements.get().note == SCRIPT
    for user, url in (
        (bureau_a, "/statistics/2013/beijing/"),
        (head_office, "/statistics/2013/beijing/review/"),
    ):
        client.force_login(user)
        page = client.get(url).content.decode()
        assert SCRIPT not in page, url


def test_file_names_are_escaped_in_lists_and_messages(client, bureau_a, head_office, beijing):
    name = '"><img src=x onerror=alert(1)>.pdf'
    client.force_login(bureau_a)
    response = client.post(
        "/statistics/2013/beijing/attachments/",
        {"file": SimpleUploadedFile(name, PDF)},
        follow=True,
    )
    assert "onerror=alert(1)>" not in response.content.decode()
    attachment_services.add_attachment(
        actor=bureau_a, report=beijing, upload=SimpleUploadedFile(name, PDF)
    )
    client.post(
        "/statistics/2013/beijing/excel/",
        {"file": workbooks.upload_file(b"not a workbook", name=name.replace(".pdf", ".xlsx"))},
    )
    for user, url in (
        (bureau_a, "/statistics/2013/beijing/"),
        (bureau_a, "/statistics/2013/beijing/excel/"),
        (head_office, "/statistics/2013/beijing/review/"),
    ):
        client.force_login(user)
        page = client.get(url).content.decode()
        assert "<img src=x" not in page, url


def test_a_summary_stored_unsanitised_is_cleaned_when_shown(client, head_office, beijing):
    # As if written by a path that skipped the service (a data fix, a restore).
    StatisticsReport.objects.filter(pk=beijing.pk).update(summary=f"<p>总结</p>{SCRIPT}")
    client.force_login(head_office)
    for url in ("/statistics/2013/beijing/", "/statistics/2013/beijing/review/"):
        page = client.get(url).content.decode()
        assert "<p>总结</p>" in page
        assert SCRIPT not in page


# Every text a user can type, in every page: each free-text column of every record the
# permission matrix makes is overwritten with markup, then every page that persona reaches is
# read. A field or page added later is covered without a line here.
MARKUP = '"><x-xss>'
TEXT_FIELDS = (models.CharField, models.TextField)
APPS = {"campaign", "complaints", "commitments", "reports", "portal"}
# Columns the code reads as identifiers, steps or file paths rather than showing as text.
IDENTIFIERS = {"code", "key", "username", "password", "reference", "left", "right", "token"}
IDENTIFIERS |= {"action", "stage", "content_type", "image", "photo", "thumbnail"}


def _free_text_fields(model):
    meta = model._meta
    together = {name for names in meta.unique_together for name in names}
    together |= {
        name
        for constraint in meta.constraints
        if isinstance(constraint, models.UniqueConstraint)
        for name in constraint.fields
    }
    return [
        field.name
        for field in meta.concrete_fields
        if isinstance(field, TEXT_FIELDS)
        and not (field.choices or field.unique or field.primary_key)
        and (field.max_length or len(MARKUP)) >= len(MARKUP)
        and field.name not in together | IDENTIFIERS
        and not field.name.endswith(("_hash", "_code", "_codes"))
    ]


def _overwrite_every_free_text():
    written = []
    for model in apps.get_models():
        fields = _free_text_fields(model) if model._meta.app_label in APPS else []
        if fields and not model._meta.proxy:
            model._default_manager.update(**dict.fromkeys(fields, MARKUP))
            written += [f"{model.__name__}.{name}" for name in fields]
    return written


@pytest.mark.usefixtures("summary_docx_built_once")
def test_markup_in_every_free_text_field_is_inert_on_every_page(request, client, as_persona):
    made = request.getfixturevalue("records")
    written = _overwrite_every_free_text()
    assert {"Complaint.description", "Exemplar.deeds", "MediaReport.title"} <= set(written)
    shown = set()
    for method, url, states, expected in MATRIX:
        persona = next((p for p, status in expected.items() if status == OK), None)
        if method != "GET" or persona is None or (states and "draft" not in states):
            continue  # the records' report is a draft
        page = page_url(url, made)
        client.logout()
        as_persona(persona)
        response = client.get(page)
        assert response.status_code == OK, page
        if response.streaming:
            continue  # a file download: the office files' own tests check their cells
        content = response.content.decode(errors="replace")
        assert "<x-xss>" not in content, f"{page} as {persona}"
        if "&lt;x-xss&gt;" in content:
            shown.add(page)
    assert len(shown) > 20  # the records' texts were on the pages, escaped
