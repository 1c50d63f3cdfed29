"""Submit, approve, return and reopen ask for confirmation in a dialog (static/js/portal.js,
keyed by data-portal-confirm*); without JavaScript the forms still submit, and the server
decides. Approve and return sit in separate parts of the review page."""

from pathlib import Path

import pytest
from django.conf import settings

from campaign.services import statistics as service

from ..factories import RESPONSIBLE_POSTED, statistics_report, valid_values
from ..html import Element

pytestmark = pytest.mark.postgresql

FORM = "/statistics/2013/beijing/"
REVIEW = "/statistics/2013/beijing/review/"


@pytest.fixture
def report(campaign):
    return statistics_report(campaign, "beijing")


def submitted(report, user):
    service.save_report(actor=user, report=report, values=valid_values(report), expected_version=0)
    return service.submit_report(actor=user, report=report)


def askers(page):
    """The elements that ask before their step: (tag, name or action, button label, tone)."""
    return [
        (
            e.tag,
            e.get("name") or e.get("action"),
            e["data-portal-confirm-button"],
            e["data-portal-confirm-tone"],
        )
        for e in page.walk()
        if e.get("data-portal-confirm")
    ]


def test_only_the_submit_button_of_the_statistics_form_asks(client, bureau_a, report, english):
    client.force_login(bureau_a)
    page = Element.parse(client.get(FORM).content.decode())
    assert askers(page) == [("button", "submit", "Submit to head office", "primary")]
    button = page.first("button", name="submit")
    assert button["type"] == "submit"
    assert "cannot be changed unless head office returns it" in button["data-portal-confirm"]
    assert not page.first("button", name="save").get("data-portal-confirm")


def test_without_javascript_the_submit_button_still_submits(client, bureau_a, report):
    client.force_login(bureau_a)
    data = {"version": 0, "summary": "", "submit": ""} | RESPONSIBLE_POSTED
    data |= {code: str(value) for code, value in valid_values(report).items()}
    assert client.post(FORM, data).status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted"


def test_approve_and_return_ask_and_live_in_separate_cards(
    client, bureau_a, head_office, report, english
):
    submitted(report, bureau_a)
    client.force_login(head_office)
    page = Element.parse(client.get(REVIEW).content.decode())
    assert askers(page) == [
        ("form", "/statistics/2013/beijing/return/", "Return to the unit", "danger"),
        ("form", "/statistics/2013/beijing/approve/", "Approve", "success"),
    ]
    approve, returning = page.find("approve"), page.find("return")
    assert [f["action"] for f in approve.find_all("form")] == ["/statistics/2013/beijing/approve/"]
    assert [f["action"] for f in returning.find_all("form")] == ["/statistics/2013/beijing/return/"]
    assert returning.find("id_comment") is not None
    assert "btn-success" in approve.first("button")["class"]
    assert "btn-outline-danger" in returning.first("button")["class"]
    assert "#return" in approve.links


def test_reopen_asks(client, bureau_a, head_office, report, english):
    submitted(report, bureau_a)
    service.approve_report(actor=head_office, report=report)
    client.force_login(head_office)
    page = Element.parse(client.get(REVIEW).content.decode())
    assert askers(page) == [
        ("form", "/statistics/2013/beijing/reopen/", "Reopen for changes", "primary")
    ]


def test_a_refused_return_takes_the_reviewer_to_its_comment(client, bureau_a, head_office, report):
    submitted(report, bureau_a)
    client.force_login(head_office)
    response = client.post("/statistics/2013/beijing/return/", {"comment": ""})
    comment = Element.by_id(response, "id_comment")
    assert "autofocus" in comment.attrs


def test_every_page_has_the_dialog_with_a_cancel_button(client, bureau_a, report, english):
    client.force_login(bureau_a)
    page = Element.parse(client.get(FORM).content.decode())
    dialog = page.first("dialog")
    assert "data-portal-confirm-dialog" in dialog.attrs
    assert dialog["aria-labelledby"] == "portal-confirm-title"
    cancel = dialog.first("button", **{"data-portal-confirm-cancel": ""})
    assert cancel.text == "Cancel" and cancel["type"] == "button"


def test_portal_js_asks_in_the_dialog_for_the_submit_button_alone():
    script = (Path(settings.BASE_DIR) / "static/js/portal.js").read_text()
    assert "showModal" in script
    assert "event.submitter" in script and "requestSubmit" in script
    assert "portalConfirmButton" in script and "portalConfirmTone" in script
    assert "window.confirm" in script  # browsers without <dialog>
