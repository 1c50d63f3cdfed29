"""The summary's generated text: who reported when, incidents, highlights, comparison."""

from decimal import Decimal

import pytest

from reports.documents.summary import (
    comparison,
    generate_summary_html,
    number,
    quote_from,
    summary_charts,
)
from reports.selectors.figures import national_figures

from .summary_data import INCIDENT, previous_campaign, submit


@pytest.fixture
def reported(campaign):
    submit(campaign, "beijing", values=INCIDENT, summary="<p>北京保监局开展保险进社区活动。</p>")
    submit(campaign, "shanghai", late=True)
    submit(campaign, "iac")
    return campaign


def text(campaign):
    return generate_summary_html(national_figures(campaign))


def test_it_names_the_on_time_late_and_missing_units(reported):
    html = text(reported)

    on_time = html[html.index("按时报送的单位") :]
    assert "北京保监局" in on_time.split("</p>")[0]
    assert "中国保险行业协会" in on_time.split("</p>")[0]
    late = html[html.index("逾期报送的单位") :].split("</p>")[0]
    assert "上海保监局" in late and "北京保监局" not in late
    missing = html[html.index("尚未报送的单位") :].split("</p>")[0]
    assert "天津保监局" in missing and "上海保监局" not in missing
    assert "已报送3家，其中按时报送2家，逾期报送1家" in html


def test_it_names_the_units_that_reported_incidents(reported):
    html = text(reported)

    incidents = html[html.index("三、突发事件") : html.index("四、工作亮点")]
    assert "北京保监局：群访群诉事件2起，启动重大投诉应急预案1次" in incidents
    assert "上海保监局" not in incidents
    problems = html[html.index("五、需要关注的问题") :]
    assert "北京保监局" in problems  # its warnings and its alert


def test_without_incidents_it_says_none_was_reported(campaign):
    submit(campaign, "beijing")

    assert "各单位均未报告群访群诉" in text(campaign)


def test_it_quotes_the_units_summaries_with_their_names(reported):
    html = text(reported)

    highlights = html[html.index("四、工作亮点") : html.index("五、需要关注的问题")]
    assert (
        "<blockquote><strong>北京保监局</strong>：“北京保监局开展保险进社区活动。”</blockquote>"
        in (highlights)
    )


def test_a_hostile_unit_summary_is_quoted_as_escaped_text_only(campaign):
    submit(
        campaign,
        "beijing",
        summary=(
            "<p>我们开展了<strong>宣传</strong>活动<script>alert('x')</script>。"
            "<img src=x onerror=alert(1)>第二句&lt;b&gt;加粗&lt;/b&gt;。</p>"
        ),
    )

    html = text(campaign)

    highlights = html[html.index("四、工作亮点") : html.index("五、需要关注的问题")]
    assert "我们开展了宣传活动。第二句&lt;b&gt;加粗&lt;/b&gt;。" in highlights
    assert "<script" not in html and "alert" not in html
    assert "<img" not in html and "onerror" not in html
    assert "<b>" not in html


def test_a_quote_is_a_sentence_or_two_of_plain_text():
    long = "<h3>总结</h3><p>" + "开展宣传活动。" * 40 + "</p>"

    quote = quote_from(long)

    assert quote.startswith("总结 开展宣传活动。")
    assert len(quote) <= 120


def test_it_compares_each_kind_with_the_previous_campaign(campaign):
    before = previous_campaign()
    submit(before, "beijing", values={"A02": Decimal("10.00")})
    submit(campaign, "beijing", values={"A02": Decimal("12.50")})

    html = text(campaign)

    assert "与上年（2012年）同类单位报送数据比较" in html
    assert "投入经费12.50万元，比上年增加2.50万元，增长25%" in html
    assert "参与活动人员10人次，与上年持平" in html


def test_without_a_previous_campaign_it_says_there_is_nothing_to_compare(campaign):
    submit(campaign, "beijing")

    html = text(campaign)

    assert "暂无上年数据可供比较" in html
    assert "比上年" not in html


def test_bureaus_and_companies_are_never_added_together(campaign, company_x):
    submit(campaign, "beijing")
    submit(campaign, "demo-life")

    html = text(campaign)

    bureaus = html[html.index("（一）保监局") : html.index("（二）保险公司")]
    companies = html[html.index("（二）保险公司") : html.index("（三）行业协会")]
    assert "接收投诉50件" in bureaus and "接收投诉50件" in companies
    assert "接收投诉100件" not in html


def test_figures_are_written_the_chinese_way():
    assert number(Decimal("1234567")) == "1,234,567"
    assert number(Decimal("1234.5"), money=True) == "1,234.50"
    assert comparison(Decimal(120), Decimal(100), unit="件") == "比上年增加20件，增长20%"
    assert comparison(Decimal(80), Decimal(100), unit="件") == "比上年减少20件，下降20%"
    assert comparison(Decimal(5), Decimal(0), unit="件") == "比上年增加5件（上年为0）"
    assert comparison(Decimal(5), None, unit="件") is None


def test_the_charts_show_completeness_and_this_year_beside_last_year(reported):
    previous_campaign()

    charts = {chart.key: chart for chart in summary_charts(national_figures(reported))}

    completeness = charts["completeness"]
    assert completeness.labels == ["保监局", "保险公司", "行业协会"]
    assert [s.name for s in completeness.series] == ["按时报送", "逾期报送", "尚未报送"]
    assert completeness.series[0].values[0] == 1 and completeness.series[1].values[0] == 1
    complaints = charts["complaints"]
    assert [s.name for s in complaints.series] == ["2013年", "2012年"]
    assert complaints.series[0].values[0] == Decimal(100)


def test_it_opens_with_the_campaigns_year_theme_and_period(reported):
    opening = text(reported).split("</p>")[0]

    assert "（保监厅发〔2013〕11号）" in opening
    assert "2013年3月1日至3月31日" in opening
    assert "围绕“诚信保险 优质服务”主题" in opening
    assert "共收到3家单位报送的统计表" in opening
