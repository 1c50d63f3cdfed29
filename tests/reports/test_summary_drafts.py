"""Saving head office's text, taking a newer build's text, and marking versions final."""

import io
import threading

import pytest
from django.db import connection
from docx import Document

from portal.models import Notification
from reports.models import SummaryDraft, SummaryVersion
from reports.services import summaries

from ..factories import UserFactory, organisation
from .summary_data import submit, succeeded_run

pytestmark = pytest.mark.postgresql


@pytest.fixture
def draft(campaign):
    submit(campaign, "beijing")
    succeeded_run(campaign)
    return SummaryDraft.objects.get(campaign=campaign)


def test_saving_stores_the_text_and_marks_it_edited(campaign, draft, head_office):
    saved = summaries.save_draft(
        actor=head_office,
        campaign=campaign,
        html="<h2>一、总体情况</h2><p>新的文字。</p>",
        expected_version=0,
    )

    saved.refresh_from_db()
    assert saved.html == "<h2>一、总体情况</h2><p>新的文字。</p>"
    assert saved.version == 1
    assert saved.edited_by == head_office and saved.is_edited


def test_only_the_allowed_tags_are_stored(campaign, draft, head_office):
    summaries.save_draft(
        actor=head_office,
        campaign=campaign,
        html=(
            '<p onclick="x()" style="color:red">正文<script>alert(1)</script>'
            '<img src=x onerror="alert(2)"><a href="javascript:alert(3)">链接</a></p>'
            "<table><tr><td>表</td></tr></table><iframe src=x></iframe>"
        ),
        expected_version=0,
    )

    draft.refresh_from_db()
    assert draft.html == "<p>正文链接</p><table><tbody><tr><td>表</td></tr></tbody></table>"


def test_a_save_based_on_an_older_version_is_refused(campaign, draft, head_office):
    colleague = UserFactory(username="hq2", organisation=organisation("hq"))
    summaries.save_draft(
        actor=colleague, campaign=campaign, html="<p>同事的文字。</p>", expected_version=0
    )

    with pytest.raises(summaries.SummaryConflict) as refused:
        summaries.save_draft(
            actor=head_office, campaign=campaign, html="<p>我的文字。</p>", expected_version=0
        )

    assert refused.value.draft.html == "<p>同事的文字。</p>"
    draft.refresh_from_db()
    assert draft.html == "<p>同事的文字。</p>" and draft.edited_by == colleague


def test_an_empty_or_too_long_text_is_refused(campaign, draft, head_office):
    with pytest.raises(summaries.SummaryError):
        summaries.save_draft(
            actor=head_office, campaign=campaign, html="<script>x</script>", expected_version=0
        )
    with pytest.raises(summaries.SummaryError):
        summaries.save_draft(
            actor=head_office,
            campaign=campaign,
            html="字" * (summaries.MAX_SUMMARY_CHARS + 1),
            expected_version=0,
        )
    draft.refresh_from_db()
    assert draft.version == 0 and not draft.is_edited


def test_a_new_build_keeps_an_edited_draft_and_adopting_takes_its_text(
    campaign, draft, head_office
):
    summaries.save_draft(
        actor=head_office, campaign=campaign, html="<p>改过的文字。</p>", expected_version=0
    )
    submit(campaign, "shanghai", late=True)
    newer = succeeded_run(campaign)

    draft.refresh_from_db()
    assert draft.html == "<p>改过的文字。</p>" and draft.run != newer

    summaries.adopt_run_text(actor=head_office, campaign=campaign, expected_version=1)

    draft.refresh_from_db()
    assert draft.run == newer and draft.html == newer.summary_html
    assert "上海保监局" in draft.html and not draft.is_edited


def test_finalising_twice_gives_versions_1_and_2_and_keeps_version_1(campaign, draft, head_office):
    first = summaries.finalise_summary(actor=head_office, campaign=campaign, expected_version=0)
    first_bytes = first.docx.read()
    summaries.save_draft(
        actor=head_office, campaign=campaign, html="<p>第二稿。</p>", expected_version=0
    )

    second = summaries.finalise_summary(actor=head_office, campaign=campaign, expected_version=1)

    assert (first.number, second.number) == (1, 2)
    assert first.docx.name != second.docx.name
    first.refresh_from_db()
    with first.docx.open("rb") as stored:
        assert stored.read() == first_bytes
    assert "第二稿" not in first.html
    second_text = "\n".join(p.text for p in Document(second.docx.open("rb")).paragraphs)
    assert "第二稿。" in second_text
    assert second.finalised_by == head_office and second.run == draft.run


def test_the_final_document_has_the_charts_of_the_drafts_run(campaign, draft, head_office):
    version = summaries.finalise_summary(actor=head_office, campaign=campaign, expected_version=0)

    document = Document(io.BytesIO(version.docx.read()))
    assert len(document.inline_shapes) == len(draft.run.charts)


def test_finalising_tells_the_other_reviewers_in_the_portal(campaign, draft, head_office):
    colleague = UserFactory(username="hq2", organisation=organisation("hq"), role="reviewer")

    summaries.finalise_summary(actor=head_office, campaign=campaign, expected_version=0)

    [note] = Notification.objects.all()
    assert note.recipient == colleague and not note.email
    assert note.link == "/reports/2013/summary/"


def test_without_a_build_nothing_can_be_saved_or_finalised(campaign, head_office):
    with pytest.raises(summaries.SummaryError):
        summaries.finalise_summary(actor=head_office, campaign=campaign, expected_version=0)
    with pytest.raises(summaries.SummaryError):
        summaries.save_draft(
            actor=head_office, campaign=campaign, html="<p>x</p>", expected_version=0
        )
    assert not SummaryVersion.objects.exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite runs one write transaction at a time"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_people_finalising_at_once_get_different_numbers(campaign, head_office):
    submit(campaign, "beijing")
    succeeded_run(campaign)
    colleague = UserFactory(username="hq2", organisation=organisation("hq"), role="reviewer")
    numbers, barrier = [], threading.Barrier(2)

    def finalise(actor):
        barrier.wait()
        numbers.append(
            summaries.finalise_summary(actor=actor, campaign=campaign, expected_version=0).number
        )
        connection.close()

    threads = [threading.Thread(target=finalise, args=(user,)) for user in (head_office, colleague)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(numbers) == [1, 2]


def test_a_text_that_cleaning_makes_longer_than_the_limit_is_refused(campaign, draft, head_office):
    # Under the limit as sent; the cleaner closes every tag, which makes it over twice as long.
    html = "<b>" * (summaries.MAX_SUMMARY_CHARS // 3)

    with pytest.raises(summaries.SummaryError):
        summaries.save_draft(actor=head_office, campaign=campaign, html=html, expected_version=0)

    draft.refresh_from_db()
    assert draft.version == 0 and not draft.is_edited


def test_a_text_a_colleague_changed_after_it_was_read_is_not_marked_final(
    campaign, draft, head_office
):
    summaries.save_draft(
        actor=head_office, campaign=campaign, html="<p>同事改过。</p>", expected_version=0
    )

    with pytest.raises(summaries.SummaryError):
        summaries.finalise_summary(actor=head_office, campaign=campaign, expected_version=0)

    assert not SummaryVersion.objects.exists()
    version = summaries.finalise_summary(actor=head_office, campaign=campaign, expected_version=1)
    assert "同事改过" in version.html


def test_a_build_that_updated_the_text_after_it_was_read_stops_marking_it_final(
    campaign, draft, head_office
):
    submit(campaign, "shanghai")
    succeeded_run(campaign)  # the unedited draft takes the new build's text

    with pytest.raises(summaries.SummaryError):
        summaries.finalise_summary(actor=head_office, campaign=campaign, expected_version=0)

    assert not SummaryVersion.objects.exists()


def test_taking_the_newer_text_does_not_drop_a_colleagues_edit_made_after_it_was_read(
    campaign, draft, head_office
):
    succeeded_run(campaign)
    summaries.save_draft(
        actor=head_office, campaign=campaign, html="<p>同事改过。</p>", expected_version=1
    )

    with pytest.raises(summaries.SummaryError):
        summaries.adopt_run_text(actor=head_office, campaign=campaign, expected_version=1)

    assert "同事改过" in SummaryDraft.objects.get().html
