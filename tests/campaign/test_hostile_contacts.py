"""Hostile or clumsy text typed into who is responsible for a report: refused next to its
field with a message, and nothing of it stored."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from campaign.services import statistics as service

from ..factories import statistics_report, valid_values
from .test_report_responsibility import NOBODY, form_data

SHANGHAI = ZoneInfo("Asia/Shanghai")
FORM = "/statistics/2013/beijing/"


@pytest.fixture(autouse=True)
def before_the_deadline(time_machine):
    time_machine.move_to(datetime.datetime(2013, 4, 8, 10, 0, tzinfo=SHANGHAI))


@pytest.fixture
def unnamed(campaign, bureau_a):
    report = statistics_report(campaign, "beijing", **NOBODY)
    service.save_report(
        actor=bureau_a, report=report, values=valid_values(report), expected_version=0
    )
    return report


@pytest.mark.parametrize(
    ("field", "typed"),
    [
        ("filled_by", "王伟\x00"),
        ("filled_by", "王伟\n李明"),
        ("filled_by", "\u202e伟王"),
        ("filled_by", "王" * 10_000),
        ("unit_head", "李明\x1b[31m"),
        ("unit_head", "\u2066李明\u2069"),
        ("unit_head", "李" * 101),
        ("contact_phone", "010-66286688\x00"),
        ("contact_phone", "\u202e88668266-010"),
        ("contact_phone", "1" * 10_000),
        ("contact_phone", "<script>alert(1)</script>"),
    ],
)
def test_hostile_text_is_refused_next_to_its_field_and_nothing_stored(
    client, english, bureau_a, unnamed, field, typed
):
    client.force_login(bureau_a)
    response = client.post(FORM, form_data(unnamed, save="", **{field: typed}))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    unnamed.refresh_from_db()
    assert (unnamed.filled_by, unnamed.contact_phone, unnamed.unit_head) == ("", "", "")


def test_a_script_tag_as_a_name_is_stored_as_text_and_shown_escaped(
    client, bureau_a, head_office, unnamed
):
    client.force_login(bureau_a)
    client.post(FORM, form_data(unnamed, save="", filled_by="<script>alert(1)</script>"))
    unnamed.refresh_from_db()
    assert unnamed.filled_by == "<script>alert(1)</script>"
    client.force_login(head_office)
    page = client.get(f"{FORM}review/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_zero_width_characters_alone_do_not_name_anyone(bureau_a, unnamed):
    unnamed.filled_by = "\u200b"
    unnamed.unit_head = "\u3000"
    assert {"filled_by", "unit_head"} <= set(service.responsibility_problems(unnamed))
