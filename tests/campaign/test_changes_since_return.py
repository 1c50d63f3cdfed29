"""What head office sees changed since it returned a report: the figures, and the written
summary (a diff of its text), the attachments and who is responsible (issue 7, item 5)."""

import datetime
import time
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from campaign.models import ReportTransition
from campaign.selectors.changes import summary_diff, summary_paragraphs
from campaign.services import attachments as attachment_services
from campaign.services import statistics as service

from ..factories import statistics_report, valid_values

SHANGHAI = ZoneInfo("Asia/Shanghai")
URL = "/statistics/2013/beijing/review/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SUMMARY = "<p>北京局组织宣传活动12场。</p><p>发放手册三千册。</p>"


@pytest.fixture(autouse=True)
def before_the_deadline(time_machine):
    time_machine.move_to(datetime.datetime(2013, 4, 8, 10, 0, tzinfo=SHANGHAI))


def attach(report, actor, name):
    return attachment_services.add_attachment(
        actor=actor, report=report, upload=SimpleUploadedFile(name, PDF)
    )


@pytest.fixture
def returned(campaign, bureau_a, head_office, django_capture_on_commit_callbacks):
    """Beijing's report with a summary and two attachments, submitted and returned."""
    report = statistics_report(campaign, "beijing")
    service.save_report(
        actor=bureau_a,
        report=report,
        values=valid_values(report),
        summary=SUMMARY,
        expected_version=0,
    )
    with django_capture_on_commit_callbacks(execute=True):
        attach(report, bureau_a, "活动照片.pdf")
        attach(report, bureau_a, "旧总结.pdf")
    service.submit_report(actor=bureau_a, report=report)
    service.return_report(actor=head_office, report=report, comment="请补充总结")
    report.refresh_from_db()
    return report


def test_nothing_changed_is_said_of_each_part(client, english, head_office, bureau_a, returned):
    service.submit_report(actor=bureau_a, report=returned)
    client.force_login(head_office)
    response = client.get(URL)
    since = response.context["since_return"]
    assert since.recorded and not since.anything
    page = response.content.decode()
    assert "The written summary has not changed." in page
    assert "No attachment has been added or removed." in page
    assert "the head of the unit are unchanged" in page


def test_the_summary_attachments_and_contacts_changed_are_shown(
    client, english, head_office, bureau_a, returned, django_capture_on_commit_callbacks
):
    service.save_report(
        actor=bureau_a,
        report=returned,
        values={},
        summary="<p>北京局组织宣传活动15场。</p><p>发放手册三千册。</p><p>新增：进社区讲座8次。</p>",
        contacts={"filled_by": "赵敏", "contact_phone": "010-55550102", "unit_head": "李明"},
        expected_version=returned.version,
    )
    with django_capture_on_commit_callbacks(execute=True):
        attach(returned, bureau_a, "新总结.pdf")
        attachment_services.remove_attachment(
            actor=bureau_a, attachment=returned.attachments.get(original_name="旧总结.pdf")
        )
    service.submit_report(actor=bureau_a, report=returned)

    client.force_login(head_office)
    response = client.get(URL)
    since = response.context["since_return"]
    assert [(p.kind, p.parts) for p in since.summary] == [
        (
            "changed",
            [("same", "北京局组织宣传活动"), ("removed", "12"), ("added", "15"), ("same", "场。")],
        ),
        ("added", [("added", "新增：进社区讲座8次。")]),
    ]
    assert since.attachments_added == ["新总结.pdf"]
    assert since.attachments_removed == ["旧总结.pdf"]
    assert [(str(label), before, after) for label, before, after in since.contacts] == [
        ("filled in by", "王伟", "赵敏"),
        ("contact phone", "010-55550101", "010-55550102"),
    ]
    page = response.content.decode()
    section = page[page.index('id="changes"') : page.index('id="section-A"')]
    assert '<del><span class="visually-hidden">[removed: </span>12' in section
    assert '<ins><span class="visually-hidden">[added: </span>15' in section
    assert "Paragraph added" in section and "新增：进社区讲座8次。" in section
    assert "新总结.pdf" in section and "<del>旧总结.pdf</del>" in section
    assert "Filled in by" in section and "赵敏" in section and "010-55550102" in section


def test_the_unit_s_text_is_shown_escaped_in_the_diff(client, head_office, bureau_a, returned):
    # Sanitising keeps the text of a tag it drops; the diff shows it as text, never as markup.
    service.save_report(
        actor=bureau_a,
        report=returned,
        values={},
        summary=SUMMARY + "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
        expected_version=returned.version,
    )
    service.submit_report(actor=bureau_a, report=returned)
    client.force_login(head_office)
    page = client.get(URL).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page


def test_a_return_recorded_before_snapshots_compares_only_the_figures(
    client, english, head_office, bureau_a, returned
):
    ReportTransition.objects.filter(report=returned).update(snapshot={})
    service.save_report(
        actor=bureau_a,
        report=returned,
        values={},
        summary="<p>完全改写的总结。</p>",
        expected_version=returned.version,
    )
    service.submit_report(actor=bureau_a, report=returned)
    client.force_login(head_office)
    response = client.get(URL)
    assert not response.context["since_return"].recorded
    page = response.content.decode()
    assert "only the figures can be compared" in page
    assert "The written summary has not changed." not in page
    assert "Paragraph" not in page


def test_the_summary_is_read_as_paragraphs_of_text():
    html = "<h3>一、概况</h3><p>活动<strong>成效</strong>显著&amp;有序</p>"
    html += "<ul><li>甲</li><li>乙</li></ul>"
    assert summary_paragraphs(html) == ["一、概况", "活动成效显著&有序", "甲", "乙"]


def test_a_paragraph_rewritten_entirely_shows_as_removed_and_added():
    changes = summary_diff("<p>今年活动很多。</p>", "<p>Completely different text.</p>")
    assert [change.kind for change in changes] == ["removed", "added"]


def test_a_change_of_markup_only_is_no_change():
    assert summary_diff("<p>活动显著</p>", "<p>活动<strong>显著</strong></p>") == []


def _in_time(seconds, work):
    """``work()``, which must not take ``seconds`` of this process's CPU: a guard against the
    quadratic comparisons that took minutes, not a benchmark (CPU time, so that other work on
    a shared machine does not count)."""
    started = time.process_time()
    result = work()
    assert time.process_time() - started < seconds
    return result


def test_a_long_paragraph_with_one_character_changed_is_compared_in_time():
    # A unit's summary may be 100,000 characters in one paragraph; Chinese repeats its
    # characters, which makes difflib's matcher quadratic: head office's page took 90 s.
    text = "".join("保险消费者权益保护投诉处理"[i * 7 % 13] for i in range(100_000))
    changed = text[:50_000] + "改" + text[50_001:]
    changes = _in_time(2, lambda: summary_diff(f"<p>{text}</p>", f"<p>{changed}</p>"))
    assert [change.kind for change in changes] == ["changed"]
    assert ("added", "改") in changes[0].parts


def test_thousands_of_repeated_paragraphs_are_compared_in_time():
    before = "甲<br>" * 20_000
    after = "乙<br>" + "甲<br>" * 19_998 + "乙<br>"
    changes = _in_time(2, lambda: summary_diff(before, after))
    assert {change.kind for change in changes} <= {"added", "removed", "changed"}
    assert changes


def test_a_long_paragraph_rewritten_throughout_is_shown_whole_in_time():
    before = "<p>" + "ab " * 30_000 + "</p>"
    after = "<p>" + "ba " * 30_000 + "</p>"
    changes = _in_time(2, lambda: summary_diff(before, after))
    assert [change.kind for change in changes] == ["removed", "added"]


def test_hundreds_of_long_paragraphs_each_changed_are_compared_in_time():
    before = "".join("<p>" + "甲乙" * 220 + "</p>" for _ in range(200))
    after = "".join("<p>" + "乙甲丙" * 147 + f"{n}</p>" for n in range(200))
    changes = _in_time(2, lambda: summary_diff(before, after))
    assert len(changes) >= 200
