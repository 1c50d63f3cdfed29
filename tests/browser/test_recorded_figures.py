"""The statistics form's recorded figures in a browser: "Take" copies the figure into its
input, from the keyboard too; the mark "differs from the record" follows what is typed; "Take
all recorded" fills a section."""

import datetime

import pytest

from campaign.models import Activity
from tests.factories import statistics_report

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FORM = "/statistics/2013/beijing/"


@pytest.fixture
def page(browser_as, campaign, bureau_a):
    """Beijing's form after it logged three school events (40 + 50 + 60 people)."""
    statistics_report(campaign, "beijing")
    for people in (40, 50, 60):
        Activity.objects.create(
            campaign=campaign,
            organisation=bureau_a.organisation,
            held_on=datetime.date(2013, 3, 12),
            kind=Activity.Kind.SCHOOL,
            place="北京市第一中学",
            people_reached=people,
            no_insurance_sold=True,
            recorded_by=bureau_a,
        )
    page = browser_as(bureau_a, language="en").new_page()
    page.goto(FORM)
    return page


def differs(page, code):
    return page.locator(f"#recorded-{code} [data-portal-differs]")


def test_take_copies_the_recorded_figure_and_the_mark_follows_the_input(page):
    page.fill("#id_B01", "2")
    assert differs(page, "B01").is_visible()
    page.get_by_role("button", name="Take the recorded figure for B01 Events in schools").click()
    assert page.input_value("#id_B01") == "3"
    assert not differs(page, "B01").is_visible()
    page.fill("#id_B01", "")
    assert not differs(page, "B01").is_visible()


def test_take_works_from_the_keyboard(page):
    button = page.get_by_role("button", name="Take the recorded figure for B02 Audience in schools")
    button.focus()
    page.keyboard.press("Enter")
    assert page.input_value("#id_B02") == "150"


def test_take_all_fills_a_section(page):
    page.fill("#id_B02", "99")
    page.locator("#section-B").locator("xpath=..").get_by_role(
        "button", name="Take all recorded figures of Spreading insurance knowledge"
    ).click()
    assert page.input_value("#id_B01") == "3"
    assert page.input_value("#id_B02") == "150"
    assert page.input_value("#id_B03") == "0"
    assert not differs(page, "B02").is_visible()
