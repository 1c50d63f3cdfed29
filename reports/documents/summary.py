"""The national summary's text (全国保险消费者权益保护"3·15"系列活动总结), generated from the
figures as sanitised HTML that head office then edits, and its charts.

The text is the regulator's document: it is written in Chinese whatever the page's language.
Every figure of a kind of unit stays with its kind (bureaus, companies and the association
are never added together), as in the workbook's national sheet.
"""

import html as html_lib
import re
from decimal import Decimal

import nh3
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from ..selectors import highlights
from ..selectors.figures import INCIDENT_CODES, incidents
from .charts import Chart, Series
from .complaint_sheets import complaint_incidents_line

# What the summary's text may contain: text structure and tables, no scripts, styles,
# links or images. Every save and every display cleans it to these.
SUMMARY_TAGS = {
    "h2",
    "h3",
    "h4",
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "ul",
    "ol",
    "li",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}

KIND_NAMES = {"bureau": "保监局", "insurer": "保险公司", "association": "行业协会"}
NUMERALS = "一二三四五六七八九十"

# The figures the text names for each kind, in the table's order (a kind that does not fill
# one skips it).
KEY_CODES = ("A01", "A02", "A03", "B11", "B13", "B14", "C01", "D01", "E01", "E07", "E08", "G01")
# 进学校、进农村、进社区、进机关、进企业: the audiences of the five "进" activities (人次).
AUDIENCE_CODES = ("B02", "B04", "B06", "B08", "B10")
EVENT_CODES = ("B01", "B03", "B05", "B07", "B09")
QUOTE_CHARS = 120
# Names listed in one sentence before the rest are counted: 200 companies read as a list.
NAMES_IN_FULL = 60


def sanitise_summary(html):
    """``html`` with only SUMMARY_TAGS kept, without attributes."""
    return nh3.clean(html or "", tags=SUMMARY_TAGS, attributes={}).strip()


def _blocks(html):
    """The plain text of each block (paragraph, heading, list item…) of ``html``."""
    marked = re.sub(r"<(?=/?(?:p|br|li|h[1-6]|div|tr|td|th|blockquote)\b)", "\n<", html or "")
    text = html_lib.unescape(nh3.clean(marked, tags=set()))
    blocks = (re.sub(r"\s+", " ", block).strip() for block in text.split("\n"))
    return [block for block in blocks if block]


def quote_from(html):
    """A sentence or two of the summary's first paragraph (a short heading before it is
    kept), at most QUOTE_CHARS characters, as plain text."""
    quote = ""
    for block in _blocks(html):
        for sentence in re.findall(r"[^。！？!?]+[。！？!?]?", block):
            sentence = sentence.strip()
            if quote and len(quote) + len(sentence) > QUOTE_CHARS:
                return quote
            quote += sentence
            if len(quote) >= QUOTE_CHARS // 2:
                return _cut(quote)
        if len(quote) >= 20:
            break  # a paragraph says enough
        quote += " "
    return _cut(quote.strip())


def _cut(quote):
    return quote if len(quote) <= QUOTE_CHARS else quote[: QUOTE_CHARS - 1].rstrip() + "……"


def number(value, *, money=False):
    """A figure the Chinese way: thousands separators, money with two decimals."""
    value = Decimal(value or 0)
    if money:
        return f"{value:,.2f}"
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value:,.2f}"


def _percent(value):
    return f"{value:.1f}".rstrip("0").rstrip(".") if value else "0"


def comparison(now, before, *, unit, money=False):
    """ "比上年增加1,234人次，增长12.5%" and the like; None when there is nothing to compare."""
    if before is None:
        return None
    now, before = Decimal(now or 0), Decimal(before)
    change = now - before
    if change == 0:
        return "与上年持平"
    word, trend = ("增加", "增长") if change > 0 else ("减少", "下降")
    text = f"比上年{word}{number(abs(change), money=money)}{unit}"
    if before:
        text += f"，{trend}{_percent(abs(change) / before * 100)}%"
    else:
        text += "（上年为0）"
    return text


def _names(units):
    names = [unit.name_zh for unit in units]
    if len(names) <= NAMES_IN_FULL:
        return "、".join(names)
    return "、".join(names[:NAMES_IN_FULL]) + f"等{len(names)}家"


def _date(value, *, year=True):
    return (f"{value.year}年" if year else "") + f"{value.month}月{value.day}日"


def generate_summary_html(figures):
    """The summary's text, as sanitised HTML: opening, 总体情况, 报送情况, 突发事件, 工作亮点,
    需要关注的问题."""
    sections = [
        ("总体情况", _overview(figures)),
        ("报送情况", _completeness(figures)),
        ("突发事件", _incidents(figures)),
        ("工作亮点", _highlights(figures)),
        ("需要关注的问题", _problems(figures)),
    ]
    parts = [_opening(figures)]
    for number_, (title, body) in enumerate(sections):
        parts.append(format_html("<h2>{}、{}</h2>", NUMERALS[number_], title))
        parts.append(body)
    return sanitise_summary("".join(str(part) for part in parts))


def _opening(figures):
    campaign = figures.campaign
    notice = ""
    if campaign.notice_title or campaign.notice_reference:
        title = campaign.notice_title or "关于开展“3·15”保险消费者权益保护系列活动的通知"
        reference = f"（{campaign.notice_reference}）" if campaign.notice_reference else ""
        notice = f"根据《{title}》{reference}要求，"
    return format_html(
        "<p>{}{}至{}，各保监局、各保险公司和中国保险行业协会围绕“{}”主题，在全国范围内组织开展了"
        "{}年保险消费者权益保护“3·15”系列活动，普及保险知识，公开服务承诺，宣传服务典型，"
        "畅通投诉渠道。截至{}，共收到{}家单位报送的统计表。现将有关情况总结如下。</p>",
        notice,
        _date(campaign.period_start),
        _date(campaign.period_end, year=campaign.period_end.year != campaign.period_start.year),
        campaign.theme,
        campaign.year,
        _date(timezone.localdate()),
        number(figures.report_count),
    )


def _overview(figures):
    previous = figures.previous_campaign
    parts = []
    if previous is None:
        parts.append(format_html("<p>{}</p>", "本次为首次开展统计，暂无上年数据可供比较。"))
    else:
        parts.append(
            format_html(
                "<p>以下数字按报送单位类别分别统计，各类别之间不作合计；"
                "与上年（{}年）同类单位报送数据比较。</p>",
                previous.year,
            )
        )
    for index, kind in enumerate(figures.kinds.values()):
        parts.append(format_html("<h3>（{}）{}</h3>", NUMERALS[index], KIND_NAMES[kind.kind]))
        parts.append(_kind_overview(kind, previous))
    return "".join(str(part) for part in parts)


def _kind_overview(kind, previous):
    counted = format_html("<p>应报送{}家，已报送{}家", number(kind.expected), number(kind.counted))
    if previous is not None:
        counted += format_html("（上年{}家）", number(kind.previous_counted))
    counted += format_html("{}</p>", "。" if kind.counted else "，暂无可统计的数据。")
    if not kind.counted:
        return counted
    fills = {indicator.code: indicator for indicator in kind.indicators}
    items = []
    audience = [code for code in AUDIENCE_CODES if code in fills]
    if audience:
        events = [code for code in EVENT_CODES if code in fills]
        total = sum((kind.totals.get(code) or 0 for code in audience), Decimal(0))
        text = (
            f"开展保险知识“进学校、进农村、进社区、进机关、进企业”宣传活动"
            f"{number(sum((kind.totals.get(c) or 0 for c in events), Decimal(0)))}场，"
            f"受众{number(total)}人次"
        )
        if previous is not None and kind.previous_counted:
            before = sum((kind.previous_totals.get(code) or 0 for code in audience), Decimal(0))
            text += f"，受众{comparison(total, before, unit='人次')}"
        items.append(text)
    for code in KEY_CODES:
        indicator = fills.get(code)
        if indicator is None:
            continue
        value = kind.totals.get(code) or 0
        text = f"{indicator.name_zh}{number(value, money=indicator.is_money)}{indicator.unit_zh}"
        if previous is not None and kind.previous_counted:
            change = comparison(
                value,
                kind.previous_totals.get(code),
                unit=indicator.unit_zh,
                money=indicator.is_money,
            )
            text += f"，{change}" if change else "，上年无此项数据"
        items.append(text)
    listed = format_html_join("", "<li>{}；</li>", ((item,) for item in items[:-1]))
    listed += format_html("<li>{}。</li>", items[-1]) if items else ""
    return counted + format_html("<ul>{}</ul>", listed)


def _completeness(figures):
    counted = [unit for unit in figures.units if unit.is_counted]
    on_time = [unit for unit in counted if not unit.is_late]
    late, missing = figures.late_units, figures.missing_units
    parts = [
        format_html(
            "<p>本次活动应报送统计表的单位共{}家，已报送{}家，其中按时报送{}家，逾期报送{}家；"
            "尚未报送{}家。</p>",
            number(len(figures.units)),
            number(len(counted)),
            number(len(on_time)),
            number(len(late)),
            number(len(missing)),
        )
    ]
    for title, units in (("按时报送", on_time), ("逾期报送", late), ("尚未报送", missing)):
        if not units:
            continue
        by_kind = [
            format_html("{}：{}", KIND_NAMES[kind], _names(of_kind))
            for kind in figures.kinds
            if (of_kind := [unit for unit in units if unit.kind == kind])
        ]
        parts.append(
            format_html(
                "<p><strong>{}的单位</strong>：{}。</p>",
                title,
                format_html_join("；", "{}", ((text,) for text in by_kind)),
            )
        )
    if not late and not missing:
        parts.append(format_html("<p>{}</p>", "各单位均按时报送了统计表。"))
    return "".join(str(part) for part in parts)


def _incidents(figures):
    return format_html("{}{}", _reported_incidents(figures), _complaint_incidents(figures))


def _complaint_incidents(figures):
    """The incidents the 12378 complaint records opened in the year: a count of their own,
    beside the units' reported E10–E12 and never added to them."""
    return format_html(
        "<p>{}（按投诉记录统计，与各单位统计表报告的数字分列，不相加）。</p>",
        complaint_incidents_line(figures.complaints),
    )


def _reported_incidents(figures):
    rows = incidents(figures.campaign)
    if not rows:
        return format_html(
            "<p>{}</p>",
            "活动期间，各单位均未报告群访群诉、越级上访或集体进京上访事件，"
            "也未启动重大投诉应急预案。",
        )
    by_unit = {}
    for name, code, indicator, value in rows:
        by_unit.setdefault(name, []).append((code, indicator, value))
    units = {indicator.code: indicator.unit_zh for indicator in figures.indicators}
    items = format_html_join(
        "",
        "<li>{}：{}。</li>",
        (
            (
                name,
                "，".join(
                    f"{indicator}{number(value)}{units.get(code, '')}"
                    for code, indicator, value in reported
                ),
            )
            for name, reported in by_unit.items()
        ),
    )
    return format_html(
        "<p>活动期间，共有{}家单位报告了突发事件（统计表{}项）：</p><ul>{}</ul>"
        "<p>请相关单位继续做好跟踪处置和信息报送工作，严防事态扩大和升级。</p>",
        len(by_unit),
        "、".join(INCIDENT_CODES),
        items,
    )


def _highlights(figures):
    quotes = [
        (name, quote)
        for name, _kind, summary in highlights.summaries_to_quote(figures.campaign)
        if (quote := quote_from(summary))
    ]
    if not quotes:
        return format_html("<p>{}</p>", "各单位报送的书面总结中暂无可摘录的内容。")
    return format_html(
        "<p>{}</p>{}",
        "各单位结合实际，采取形式多样的方式开展活动，部分单位的做法摘录如下：",
        format_html_join("", "<blockquote><strong>{}</strong>：“{}”</blockquote>", quotes),
    )


def _problems(figures):
    parts = []
    warned = figures.warned_units
    alerted = [unit for unit in figures.units if unit.is_counted and unit.has_alert]
    if warned:
        parts.append(
            format_html(
                "<p>以下{}家单位的统计数据触发了校验提示，报送单位已逐项填写说明，"
                "请在审核中予以关注：{}。</p>",
                len(warned),
                "、".join(f"{unit.name_zh}（{unit.warning_count}项）" for unit in warned),
            )
        )
    if alerted:
        parts.append(
            format_html(
                "<p>以下{}家单位的数据触发了需报告总部的警示：{}。</p>",
                len(alerted),
                _names(alerted),
            )
        )
    if figures.missing_units:
        parts.append(
            format_html(
                "<p>尚有{}家单位未报送统计表，请督促其尽快报送。</p>",
                len(figures.missing_units),
            )
        )
    if not parts:
        parts.append(format_html("<p>{}</p>", "各单位报送的统计数据均未触发校验提示。"))
    return "".join(str(part) for part in parts)


def summary_charts(figures):
    """The summary's charts: completeness by kind of unit, and this year beside last year
    for a few key figures, one bar per kind (never a sum over kinds)."""
    kinds = list(figures.kinds.values())
    labels = [KIND_NAMES[kind.kind] for kind in kinds]
    charts = [
        Chart(
            key="completeness",
            title="各类单位报送情况",
            labels=labels,
            unit="家",
            series=[
                Series("按时报送", [kind.on_time for kind in kinds]),
                Series("逾期报送", [kind.late for kind in kinds]),
                Series("尚未报送", [kind.missing for kind in kinds]),
            ],
        )
    ]
    compared = [
        ("audience", "“五进”宣传活动受众", AUDIENCE_CODES, "人次"),
        ("complaints", "接收投诉", ("E01",), "件"),
        ("commitments", "公开服务承诺的机构", ("C01",), "家"),
        ("funds", "投入经费", ("A02",), "万元"),
    ]
    this_year = f"{figures.campaign.year}年"
    last_year = f"{figures.previous_campaign.year}年" if figures.previous_campaign else None
    for key, title, codes, unit in compared:
        series = [Series(this_year, [_sum(kind.totals, codes, kind) for kind in kinds])]
        if last_year:
            series.append(
                Series(
                    last_year,
                    [
                        _sum(kind.previous_totals, codes, kind) if kind.previous_counted else None
                        for kind in kinds
                    ],
                )
            )
        suffix = "与上年对比" if last_year else ""
        charts.append(
            Chart(key=key, title=f"{title}{suffix}", labels=labels, unit=unit, series=series)
        )
    return charts


def _sum(totals, codes, kind):
    """The kind's total over ``codes`` (one kind's figures only), None where it fills none."""
    filled = {indicator.code for indicator in kind.indicators}
    codes = [code for code in codes if code in filled]
    if not codes:
        return None
    return sum((Decimal(totals.get(code) or 0) for code in codes), Decimal(0))


def summary_title(campaign):
    return f"{campaign.year}年全国保险消费者权益保护“3·15”系列活动总结"
