"""The national summary's page: head office reads, edits, marks final and downloads."""

from datetime import date
from urllib.parse import unquote

import pytest

from reports.models import NationalReportRun, SummaryDraft, SummaryVersion
from reports.services import summaries

from ..factories import CampaignFactory
from .summary_data import INCIDENT, submit, succeeded_run

URL = "/reports/2013/summary/"


@pytest.fixture
def run(campaign):
    submit(campaign, "beijing", values=INCIDENT, summary="<p>北京保监局开展保险进社区活动。</p>")
    submit(campaign, "shanghai", late=True)
    return succeeded_run(campaign)


@pytest.fixture
def signed_in(client, head_office):
    client.force_login(head_office)
    return client


def test_head_office_reads_the_text_and_the_charts(signed_in, run):
    response = signed_in.get(URL)

    page = response.content.decode()
    assert "2013年全国保险消费者权益保护“3·15”系列活动总结" in page
    assert "逾期报送的单位" in page and "上海保监局" in page
    assert page.count('class="portal-chart"') == len(run.charts)
    assert 'data-portal-editor="id_html"' in page
    assert "data-portal-confirm" in page  # mark final asks first
    assert response.context["form"]["version"].value() == 0


def test_without_a_successful_build_it_says_so(signed_in, campaign, english):
    NationalReportRun.objects.create(campaign=campaign, status="failed")

    response = signed_in.get(URL)

    assert "No build of the national report has succeeded yet" in response.content.decode()
    assert response.context["draft"] is None


def test_a_newer_build_is_offered_with_the_adopt_button(
    signed_in, campaign, run, head_office, english
):
    summaries.save_draft(
        actor=head_office, campaign=campaign, html="<p>改过。</p>", expected_version=0
    )
    succeeded_run(campaign)

    page = signed_in.get(URL).content.decode()

    assert "A newer build" in page and "/reports/2013/summary/adopt/" in page


def test_posting_saves_only_the_allowed_tags(signed_in, run):
    response = signed_in.post(
        URL,
        {
            "html": (
                '<h2>一、总体情况</h2><p style="x">好<script>alert(1)</script>'
                "<img src=x onerror=alert(2)></p>"
            ),
            "version": 0,
        },
    )

    assert response.status_code == 302
    draft = SummaryDraft.objects.get()
    assert draft.html == "<h2>一、总体情况</h2><p>好</p>"
    page = signed_in.get(URL).content.decode()
    assert "onerror" not in page and "<script>alert" not in page


def test_a_stale_post_keeps_the_users_text_and_shows_the_stored_one(
    signed_in, campaign, run, head_office
):
    summaries.save_draft(
        actor=head_office, campaign=campaign, html="<p>同事的文字。</p>", expected_version=0
    )

    response = signed_in.post(URL, {"html": "<p>我的文字。</p>", "version": 0})

    assert response.status_code == 200
    assert response.context["conflict"] is not None
    assert response.context["form"]["html"].value() == "<p>我的文字。</p>"
    assert response.context["form"]["version"].value() == 1
    assert "同事的文字。" in response.content.decode()
    assert SummaryDraft.objects.get().html == "<p>同事的文字。</p>"


def test_a_text_too_large_is_refused_with_a_message(signed_in, run, english):
    response = signed_in.post(URL, {"html": "a" * (summaries.MAX_SUMMARY_CHARS + 1), "version": 0})

    assert response.status_code == 200
    assert "The text is too long to save" in response.content.decode()
    assert not SummaryDraft.objects.get().is_edited


def test_marking_final_and_downloading_the_version(signed_in, run):
    assert 'name="version" value="0"' in signed_in.get(URL).content.decode()

    response = signed_in.post("/reports/2013/summary/final/", {"version": 0})

    assert response.status_code == 302
    version = SummaryVersion.objects.get()
    page = signed_in.get(URL).content.decode()
    assert "/reports/2013/summary/versions/1/" in page
    download = signed_in.get("/reports/2013/summary/versions/1/")
    assert download.status_code == 200
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "定稿第1版" in unquote(download["Content-Disposition"])
    with version.docx.open("rb") as stored:
        assert b"".join(download.streaming_content) == stored.read()


def test_adopting_takes_the_newer_text(signed_in, campaign, run, head_office):
    summaries.save_draft(
        actor=head_office, campaign=campaign, html="<p>改过。</p>", expected_version=0
    )
    newer = succeeded_run(campaign)

    assert signed_in.post("/reports/2013/summary/adopt/", {"version": 1}).status_code == 302
    assert SummaryDraft.objects.get().run == newer


def test_a_text_changed_since_the_page_was_read_is_not_marked_final(
    signed_in, campaign, run, head_office, english
):
    summaries.save_draft(
        actor=head_office, campaign=campaign, html="<p>同事改过。</p>", expected_version=0
    )

    response = signed_in.post("/reports/2013/summary/final/", {"version": 0}, follow=True)

    assert "The summary changed after you opened it" in response.content.decode()
    assert not SummaryVersion.objects.exists()


def test_a_missing_version_is_not_found(signed_in, run):
    assert signed_in.get("/reports/2013/summary/versions/3/").status_code == 404


@pytest.mark.parametrize("persona", ["bureau_a", "company_x", "association", "hotline"])
def test_nobody_but_head_office_sees_the_summary(client, as_persona, run, head_office, persona):
    summaries.finalise_summary(actor=head_office, campaign=run.campaign, expected_version=0)
    as_persona(persona)

    assert client.get(URL).status_code == 404
    assert client.get("/reports/2013/summary/versions/1/").status_code == 404
    assert client.post("/reports/2013/summary/final/").status_code == 404
    assert SummaryVersion.objects.count() == 1


def test_anonymous_is_sent_to_log_in(client, run):
    response = client.get(URL)

    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_page_has_a_constant_number_of_queries(
    signed_in, campaign, run, head_office, django_assert_max_num_queries, monkeypatch
):
    monkeypatch.setattr(summaries, "build_summary_docx", lambda **parts: b"docx")
    for _ in range(5):
        summaries.finalise_summary(actor=head_office, campaign=campaign, expected_version=0)
    signed_in.get(URL)  # sessions and caches warmed

    with django_assert_max_num_queries(12) as captured:
        signed_in.get(URL)
    few = len(captured)
    for _ in range(5):
        summaries.finalise_summary(actor=head_office, campaign=campaign, expected_version=0)
    with django_assert_max_num_queries(few):
        signed_in.get(URL)


def test_a_final_version_whose_file_is_gone_is_not_found(signed_in, run, head_office):
    version = summaries.finalise_summary(
        actor=head_office, campaign=run.campaign, expected_version=0
    )
    version.docx.storage.delete(version.docx.name)

    assert signed_in.get("/reports/2013/summary/versions/1/").status_code == 404


def test_a_final_version_of_another_campaign_is_not_found_under_this_ones_year(
    signed_in, campaign, head_office
):
    later = CampaignFactory(
        year=2027,
        period_start=date(2027, 3, 1),
        period_end=date(2027, 3, 31),
        deadline=date(2027, 4, 10),
    )
    succeeded_run(later)
    summaries.finalise_summary(actor=head_office, campaign=later, expected_version=0)

    assert signed_in.get("/reports/2027/summary/versions/1/").status_code == 200
    assert signed_in.get("/reports/2013/summary/versions/1/").status_code == 404
