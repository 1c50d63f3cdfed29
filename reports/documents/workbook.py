"""The national statistics table (全国"3·15"系列活动情况统计表) as an .xlsx workbook."""

from portal.spreadsheets import Exporter, write_workbook


class CompletenessSheet(Exporter):
    sheet_title = "报送情况"

    def __init__(self, figures):
        self.figures = figures

    def rows(self):
        yield ["单位", "状态"]
        for unit in self.figures.units:
            yield [unit.name_zh, unit.status or ""]


def build_national_workbook(figures, *, progress=None):
    """The workbook's bytes; ``progress(fraction)`` is told how far it is (0 to 1)."""
    return write_workbook([CompletenessSheet(figures)])
