"""axe-core (Deque's WCAG engine) over every page as every role, in Chinese at 1366×768: no
serious or critical violation of WCAG 2.1 A and AA (GB/T 37668-2019 asks the same), and no
error in the browser's console.

The pages are the GET rows of the permission matrix, which a test keeps complete against the
root URLconf, so a new page is walked here without being listed. The pages about beijing's
report are walked in each state of its workflow; an error page (403, 404) is checked once per
role, and an administrator sees only the pages their colleague without those rights could
not open. A screenshot of each page checked goes to SCREENSHOTS, which CI keeps.
"""

import re
from collections import Counter
from urllib.parse import urlsplit

import pytest

from campaign.models import User
from campaign.services import statistics as statistics_services
from portal.models import Notification
from reports.models import NationalReportRun
from reports.services import runs as run_services
from tests.browser.conftest import ConsoleErrors
from tests.factories import UserFactory, organisation
from tests.test_permissions import (  # noqa: F401
    MATRIX,
    STATES,
    articles_of_association_and_head_office,
    campaign_work_of_beijing,
    commitments_of_company_x,
    complaint_in_beijing,
    event_in_beijing,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Each role, and after some a colleague of the same organisation with more rights, who is
# shown only the pages the first could not open: a page both open differs for the colleague
# only in the navigation's menu, which the colleague's own pages show.
ROLES = [
    ("anonymous",),
    ("head_office", "head_office_admin"),
    ("hotline",),
    ("bureau_a", "bureau_a_admin"),
    ("company_x",),
    ("association",),
]
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = {"serious", "critical"}
AXE_RUN = """tags => axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
})"""

# Every GET of the matrix, once; whether it is about the report decides how often it is walked.
PAGES = list(
    dict.fromkeys((url, states is not None) for method, url, states, _ in MATRIX if method == "GET")
)


@pytest.fixture
def head_office_admin(db):
    return UserFactory(username="hq-admin", organisation=organisation("hq"), role=User.Role.ADMIN)


def _advance(report, state, *, unit, reviewer):
    """Moves the report from the state before ``state`` in STATES to ``state``."""
    if state == "submitted":
        statistics_services.submit_report(actor=unit, report=report)
    elif state == "returned":
        statistics_services.return_report(actor=reviewer, report=report, comment="请核对E01。")
    elif state == "approved":
        statistics_services.submit_report(actor=unit, report=report)
        statistics_services.approve_report(actor=reviewer, report=report)


class Walk:
    """One role's walk: the pages seen, their violations and console errors."""

    def __init__(self, page, role, axe_source, screenshots, *, seen):
        self.page, self.role, self.screenshots = page, role, screenshots
        self.seen, self.failures = seen, []
        self.console = ConsoleErrors(page)
        page.add_init_script(axe_source)

    def check(self, url, label):
        # Asked first without the browser: a file (Excel, an attachment) or an answer without
        # a page (a 405 to a GET) is not opened, since the browser would download it or show
        # its own error page; nor is a page already checked: each page once per state of the
        # report, a page redirected to (the login page, whatever its ?next=) and an error
        # page once.
        answer = self.page.request.get(url)
        if not answer.headers.get("content-type", "").startswith("text/html") or not answer.body():
            return
        path = urlsplit(answer.url).path
        key = (path, label if path == url else "") if answer.ok else f"error {answer.status}"
        if key in self.seen:
            return
        self.seen.add(key)
        self.page.goto(url)
        name = f"{self.role}--" + (re.sub(r"[^\w.-]+", "_", f"{url}{label}").strip("_") or "root")
        self.page.screenshot(path=self.screenshots / f"{name}.png", full_page=True)
        results = self.page.evaluate(AXE_RUN, WCAG_21_AA)
        for violation in results["violations"]:
            for node in violation["nodes"]:
                if node["impact"] in FAILING_IMPACTS:
                    summary = " ".join(node["failureSummary"].split())
                    self.failures.append(
                        (
                            f"{node['impact']} {violation['id']}",
                            f"{self.role} {url}{label} [{node['impact']}] {violation['id']} "
                            f"{' '.join(node['target'])}: {summary}",
                        )
                    )


@pytest.mark.parametrize("roles", ROLES, ids="+".join)
@pytest.mark.usefixtures("summary_docx_built_once")
def test_every_page_passes_axe_as_every_role(
    request,
    roles,
    browser_as,
    axe_source,
    screenshots,
    beijing,
    complaint_in_beijing,  # noqa: F811
    commitments_of_company_x,  # noqa: F811
    campaign_work_of_beijing,  # noqa: F811
    articles_of_association_and_head_office,  # noqa: F811
    event_in_beijing,  # noqa: F811
    bureau_a,
    head_office,
):
    values = {
        "attachment": beijing.attachments.get().pk,
        "upload": beijing.uploads.get().pk,
        "notification": Notification.objects.order_by("id").first().pk,  # the fixture's
        "complaint": complaint_in_beijing.reference,
        "activity": event_in_beijing[0].pk,
        "photo": event_in_beijing[1].pk,
        **{name: commitment.pk for name, commitment in commitments_of_company_x.items()},
        **campaign_work_of_beijing,
        **{name: item.pk for name, item in articles_of_association_and_head_office.items()},
        "run": run_services.build_run(
            run_id=NationalReportRun.objects.create(campaign=beijing.campaign).pk
        ).pk,
    }
    seen = set()  # shared: the colleague skips what the first role checked
    walks = [
        Walk(
            browser_as(None if role == "anonymous" else request.getfixturevalue(role)).new_page(),
            role,
            axe_source,
            screenshots,
            seen=seen,
        )
        for role in roles
    ]
    for state in STATES:
        _advance(beijing, state, unit=bureau_a, reviewer=head_office)
        for walk in walks:
            for url, about_report in PAGES:
                if about_report or state == STATES[0]:
                    walk.check(url.format(**values), f" ({state})" if about_report else "")
    failures = [failure for walk in walks for failure in walk.failures]
    console = [error for walk in walks for error in walk.console]
    by_rule = Counter(rule for rule, _ in failures)
    problems = [
        f"{len(seen)} pages as {' and '.join(roles)}; violations by rule: {dict(by_rule)}",
        *(failure for _, failure in failures),
        *(f"console: {error}" for error in console),
    ]
    assert not failures and not console, "\n".join(problems)
