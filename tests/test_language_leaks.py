"""Every page in Chinese without an English status word, every page in English without a
Chinese one, neither with a rule's code (E01-SUM, OUTLIER) nor an ISO date (issue 7, items 6
and 8).

The pages are the permission matrix's: every GET page of the root URLconf, as every persona
that may see it, with beijing's report in each state of its workflow, a refused upload, the
notifications its steps sent, and a closed campaign beside the open one. Text that is data
(names of units, indicators and sections in the other language, what the test itself typed)
is taken out first; what is left is the interface's.
"""

import re
from decimal import Decimal
from html.parser import HTMLParser
from http.cookies import SimpleCookie

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db import transaction
from django.utils.html import strip_tags

from campaign.models import (
    Activity,
    ActivityPhoto,
    Article,
    Campaign,
    Exemplar,
    Indicator,
    MediaReport,
    Organisation,
    Section,
    StatisticsReport,
    User,
)
from campaign.services import statistics as statistics_services
from commitments.models import CommitmentKind, ServiceCommitment
from complaints.models import Complaint
from complaints.personal_data import mask_name
from reports.models import NationalReportRun
from reports.services import runs as run_services

from .conftest import PERSONAS
from .factories import RESPONSIBLE, CampaignFactory, valid_values
from .test_permissions import MATRIX, OK, records, records_once  # noqa: F401

# records: the permission matrix's report (with an attachment and a refused upload), its
# forwarded complaint and company X's commitments (published, draft), created once for
# this module's cases and read afresh for each.

ENGLISH_WORDS = [
    "Draft",
    "Submitted",
    "Returned",
    "Resubmitted",
    "Approved",
    "Reopened",
    "Open",
    "Closed",
    "Late",
    "Error",
    "Warning",
    "Missing",
    "Not started",
    "Pending",
    "Awaiting review",
    "Accepted",
    "Refused",
    "Required",
]
CHINESE_WORDS = [
    "草稿",
    "已报送",
    "已退回",
    "重新报送",
    "已通过",
    "审核通过",
    "重新开放",
    "进行中",
    "已结束",
    "逾期",
    "错误",
    "警告",
    "未填报",
    "未开始",
    "待审核",
    "已接受",
    "被拒绝",
    "必填",
]
ENGLISH = re.compile(r"\b(?:" + "|".join(ENGLISH_WORDS) + r")\b")
CHINESE = re.compile("|".join(CHINESE_WORDS))
RULE_CODE = re.compile(r"\b[A-Z]\d{2}-[A-Z]+\b|\bOUTLIER\b")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# In English, any Chinese left once the data is taken out is a leak (a stored message, a
# label never translated), status word or not.
HAN = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+")
# What the permission matrix's fixture typed, and the language menu's own name.
NOTE = "线上受众另计"
TYPED = [
    NOTE,
    "请核对E01。",
    "请查看北京保监局的报表",
    "总结.pdf",
    "表.xlsx",
    "简体中文",
    RESPONSIBLE["filled_by"],
    RESPONSIBLE["unit_head"],
]

# beijing's report is taken through its workflow to each state (in the last, every kind
# of notification has been sent).
STATES = ["draft", "submitted", "returned", "resubmitted", "approved", "reopened"]
STEPS = {
    "submitted": ["submit"],
    "returned": ["submit", "return"],
    "resubmitted": ["submit", "return", "submit"],
    "approved": ["submit", "approve"],
    "reopened": ["submit", "return", "submit", "approve", "reopen"],
}


class VisibleText(HTMLParser):
    """The text a reader sees in the page's language: no tags, attributes, scripts or
    styles, and nothing inside an element marked as another language (``lang="zh-Hans"``
    around the regulator's Chinese document on an English page)."""

    HIDDEN = {"script", "style", "template"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self, language):
        super().__init__()
        self.language = language.lower()
        self.parts, self.hidden = [], 0
        self.depth, self.foreign_from = 0, None

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in self.HIDDEN
        if tag in self.VOID:
            return
        self.depth += 1
        lang = (dict(attrs).get("lang") or "").lower()
        foreign = lang and lang.split("-")[0] != self.language.split("-")[0]
        if self.foreign_from is None and tag != "html" and foreign:
            self.foreign_from = self.depth

    def handle_endtag(self, tag):
        self.hidden -= tag in self.HIDDEN
        if tag in self.VOID:
            return
        if self.foreign_from == self.depth:
            self.foreign_from = None
        self.depth -= 1

    def handle_data(self, data):
        if not self.hidden and self.foreign_from is None:
            self.parts.append(data)


def visible_text(html, language):
    parser = VisibleText(language)
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def data_in_the_other_language(language):
    """Names and texts that are data, which a page shows whatever the reader's language."""
    if language == "en":
        texts = [
            *Organisation.objects.values_list("name_zh", flat=True),
            *Indicator.objects.values_list("name_zh", flat=True),
            *Indicator.objects.values_list("unit_zh", flat=True),
            *Section.objects.values_list("name_zh", flat=True),
            *Campaign.objects.values_list("theme", flat=True),
            *Campaign.objects.values_list("notice_reference", flat=True),
            *User.objects.values_list("full_name", flat=True),
            *StatisticsReport.objects.values_list("filled_by", flat=True),
            *StatisticsReport.objects.values_list("unit_head", flat=True),
            # What complainants wrote, and their names as the pages mask them.
            *Complaint.objects.values_list("description", flat=True),
            *Complaint.objects.values_list("request", flat=True),
            *(mask_name(complaint.complainant_name) for complaint in Complaint.objects.all()),
            # What companies promise, in their words, and the kinds' names without English.
            *ServiceCommitment.objects.values_list("text", flat=True),
            *ServiceCommitment.objects.values_list("loosening_reason", flat=True),
            *CommitmentKind.objects.filter(name_en="").values_list("name_zh", flat=True),
            # 双十佳 entries and media reports, as their units wrote them.
            *(
                text
                for entry in Exemplar.objects.values_list(
                    "name", "branch", "post", "address", "deeds"
                )
                for text in entry
            ),
            *(
                text
                for report in MediaReport.objects.values_list("title", "outlet")
                for text in report
            ),
            # What head office and the association write for the public.
            *Article.objects.values_list("title", flat=True),
            *Article.objects.values_list("summary", flat=True),
            *(strip_tags(body) for body in Article.objects.values_list("body", flat=True)),
            # Where a unit held its events, what it wrote of them and its photos' names.
            *Activity.objects.values_list("place", flat=True),
            *Activity.objects.values_list("description", flat=True),
            *ActivityPhoto.objects.values_list("original_name", flat=True),
            *TYPED,
        ]
    else:
        texts = [
            *Organisation.objects.values_list("name_en", flat=True),
            *Indicator.objects.values_list("name_en", flat=True),
            *Indicator.objects.values_list("unit_en", flat=True),
            *Section.objects.values_list("name_en", flat=True),
            *CommitmentKind.objects.values_list("name_en", flat=True),
        ]
    return sorted({text for text in texts if text}, key=len, reverse=True)


def leaks(text, language, data):
    for name in data:
        text = text.replace(name, " ")
    found = RULE_CODE.findall(text) + ISO_DATE.findall(text)
    if language == "en":
        found += CHINESE.findall(text) + HAN.findall(text)
    else:
        found += ENGLISH.findall(text)
    return found


# Where a report's state shows besides the report's own pages: the lists of reports, the
# dashboards, reminders and national report, the campaigns and the notifications. The other
# pages show no report's state, so they are walked in the first state only.
SHOW_REPORT_STATES = ("/statistics/", "/reports/", "/campaigns/", "/notifications/")


def pages(state=STATES[0]):
    """(url, personas who see it) for each GET page of the matrix that can show ``state``;
    a page about the report once, with who sees its draft."""
    for method, url, states, expected in MATRIX:
        seen_by = [persona for persona in PERSONAS if expected[persona] == OK]
        shows_state = state == STATES[0] or url.startswith(SHOW_REPORT_STATES)
        if method == "GET" and seen_by and states in (None, ["draft"]) and shows_state:
            yield url, seen_by


def _take_steps(report, state, *, unit, reviewer):
    """beijing's report with a warning (fewer people reached than events in schools) and
    the unit's note on it, taken to ``state``."""
    report.refresh_from_db()
    values = {**valid_values(report), "B02": Decimal(0)}
    statistics_services.save_report(
        actor=unit, report=report, values=values, expected_version=report.version
    )
    for step in STEPS.get(state, []):
        if step == "submit":
            statistics_services.submit_report(actor=unit, report=report, note_for_warnings=NOTE)
        elif step == "return":
            statistics_services.return_report(actor=reviewer, report=report, comment="请核对E01。")
        elif step == "approve":
            statistics_services.approve_report(actor=reviewer, report=report)
        else:
            statistics_services.reopen_report(actor=reviewer, report=report)


def _walk_as(client, user, language):
    """The cookies a reader in ``language`` starts from: the language and, for ``user``, a
    session logged in once here, which every page then starts from again (each page is
    rolled back, so the session's row is back as it was at login whatever the page did)."""
    client.logout()
    cookies = {settings.LANGUAGE_COOKIE_NAME: language}
    if user is not None:
        client.force_login(user)
        cookies[settings.SESSION_COOKIE_NAME] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return SimpleCookie(cookies)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.usefixtures("summary_docx_built_once")
def test_no_page_shows_the_other_languages_status_words(
    request,
    client,
    records,  # noqa: F811
    bureau_a,
    head_office,
    state,
):
    """In each language: the report, the run and the records are those of ``state``."""
    beijing, complaint_in_beijing = records.beijing, records.complaint
    users = {persona: request.getfixturevalue(persona) for persona in PERSONAS[1:]}
    users["anonymous"] = None
    CampaignFactory(year=2012, status=Campaign.Status.CLOSED)
    _take_steps(beijing, state, unit=bureau_a, reviewer=head_office)
    run = NationalReportRun.objects.create(campaign=beijing.campaign)
    run = run_services.build_run(run_id=run.pk)
    urls = {
        url: url.format(
            run=run.pk,
            attachment=beijing.attachments.get().pk,
            upload=beijing.uploads.get().pk,
            notification=0,
            complaint=complaint_in_beijing.reference,
            activity=records.activity,
            photo=records.photo,
            **{name: commitment.pk for name, commitment in records.commitments.items()},
            **records.campaign_work,
            **records.articles,
        )
        for url, _personas in pages()
    }
    found, walked = {}, 0
    for language, _name in settings.LANGUAGES:
        data = data_in_the_other_language(language)
        for persona, user in users.items():
            cookies = _walk_as(client, user, language)
            for pattern, personas in pages(state):
                if persona not in personas:
                    continue
                url = urls[pattern]
                with transaction.atomic():
                    client.cookies = SimpleCookie(cookies)
                    response = client.get(url)
                    transaction.set_rollback(True)
                # The page was asked for in the persona's session, not in one lost on the way.
                session = response.wsgi_request.session
                assert session.get(SESSION_KEY) == (user and str(user.pk)), (url, persona)
                walked += 1
                if not response["Content-Type"].startswith("text/html"):
                    continue
                text = visible_text(response.content.decode(), language)
                problems = leaks(text, language, data)
                if problems:
                    found[f"{language}: {url} as {persona}"] = sorted(set(problems))
    assert walked == len(settings.LANGUAGES) * sum(len(personas) for _url, personas in pages(state))
    assert not found, "\n".join(f"{page}: {words}" for page, words in found.items())
