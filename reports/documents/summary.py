"""The national summary's text (全国保险消费者权益保护"3·15"系列活动总结), generated from the
figures as sanitised HTML that head office then edits, and its charts."""

from django.utils.html import format_html


def generate_summary_html(figures):
    return format_html(
        "<p>{}年全国共收到{}份统计表。</p>", figures.campaign.year, figures.report_count
    )


def summary_charts(figures):
    return []
