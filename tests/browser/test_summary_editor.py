"""The written summary's editor (Quill) speaks the page's language: its toolbar buttons and
heading picker are named for screen readers and tooltips, and the picker's choices read in
that language, not in Quill's built-in English."""

import pytest

from tests.factories import statistics_report

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FORM = "/statistics/2013/beijing/"


def _toolbar(page):
    page.goto(FORM)
    page.wait_for_selector(".ql-toolbar")
    return page.evaluate(
        """() => {
            const toolbar = document.querySelector(".ql-toolbar");
            const shown = (element) => getComputedStyle(element, "::before").content;
            return {
                names: [...toolbar.querySelectorAll("button, .ql-picker-label")].map(
                    (control) => control.getAttribute("aria-label")
                ),
                tooltips: [...toolbar.querySelectorAll("button")].map((button) => button.title),
                picker: shown(toolbar.querySelector(".ql-picker-label")),
                choices: [...toolbar.querySelectorAll(".ql-picker-item")].map(shown),
            };
        }"""
    )


def test_the_editor_toolbar_is_in_english_in_the_english_interface(browser_as, campaign, bureau_a):
    statistics_report(campaign, "beijing")
    toolbar = _toolbar(browser_as(bureau_a, language="en").new_page())
    assert toolbar["names"] == [
        "Heading",
        "Bold",
        "Italic",
        "Underline",
        "Numbered list",
        "Bulleted list",
        "Quote",
        "Clear formatting",
    ]
    assert toolbar["tooltips"] == toolbar["names"][1:]
    assert toolbar["picker"] == '"Normal text"'
    assert toolbar["choices"] == ['"Large heading"', '"Small heading"', '"Normal text"']


def test_the_editor_toolbar_is_in_chinese_in_the_chinese_interface(browser_as, campaign, bureau_a):
    statistics_report(campaign, "beijing")
    toolbar = _toolbar(browser_as(bureau_a).new_page())
    assert toolbar["names"] == [
        "标题",
        "加粗",
        "斜体",
        "下划线",
        "编号列表",
        "项目符号列表",
        "引用",
        "清除格式",
    ]
    assert toolbar["picker"] == '"正文"'
    assert toolbar["choices"] == ['"大标题"', '"小标题"', '"正文"']
