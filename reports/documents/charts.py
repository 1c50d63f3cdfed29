"""Charts of the national figures: one description (``Chart``) drawn twice, by Chart.js in
the pages (static/js/charts.js reads ``data``) and as a PNG image in the Word summary."""

import functools
import io
import re
from dataclasses import dataclass, field


@dataclass
class Series:
    name: str
    values: list  # numbers (int, float or Decimal) or None, one per label


@dataclass
class Chart:
    """``key`` names the chart in its page (HTML ids); every chart's figures are also shown
    as a table beside it, for screen readers and for print."""

    key: str
    title: str
    labels: list
    series: list = field(default_factory=list)
    kind: str = "bar"  # "bar" or "line"
    unit: str = ""

    @property
    def data(self):
        """What static/js/charts.js draws (rendered into the page with ``json_script``)."""
        return {
            "key": self.key,
            "type": self.kind,
            "title": self.title,
            "unit": self.unit,
            "labels": [str(label) for label in self.labels],
            "datasets": [
                {"label": s.name, "data": [_number(v) for v in s.values]} for s in self.series
            ],
        }

    @classmethod
    def from_data(cls, data):
        """The chart back from its ``data`` (as a run stores it)."""
        return cls(
            key=data["key"],
            title=data["title"],
            labels=data["labels"],
            series=[Series(d["label"], d["data"]) for d in data["datasets"]],
            kind=data["type"],
            unit=data["unit"],
        )

    @property
    def rows(self):
        """(label, [value of each series]) for the table beside the chart."""
        return [(label, [s.values[i] for s in self.series]) for i, label in enumerate(self.labels)]


def _number(value):
    return None if value is None else float(value)


# Fonts with the Chinese glyphs, best first: the Noto fonts are Debian's fonts-noto-cjk.
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Serif CJK SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "SimSun",
)
COLOURS = ("#1f5aa6", "#c0392b", "#2e8b57", "#b8860b", "#6a5acd", "#708090")  # as charts.js


@functools.cache
def cjk_font():
    """The name of an installed font with Chinese glyphs, or None (a fresh machine may have
    none: the images then use codes and numbers, and the captions carry the Chinese)."""
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def image_label(text, index):
    """``text`` as the image can show it: whole with a Chinese font; without one, its code or
    year ("B02 进学校受众" → "B02", "2013年" → "2013"), else its number from 1."""
    text = str(text)
    if cjk_font() or text.isascii():
        return text
    latin = " ".join(re.findall(r"[A-Za-z0-9][A-Za-z0-9_.%-]*", text))
    return latin or str(index + 1)


def render_png(chart, *, width=6.4, height=3.2, dpi=150):
    """The chart as PNG bytes, drawn with matplotlib's object API on an Agg canvas (no
    pyplot: its global figure registry would grow in a long-lived worker). The title is left
    to the caption beside the image."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.ticker import FuncFormatter

    font = FontProperties(family=[cjk_font()] if cjk_font() else ["DejaVu Sans"], size=9)
    figure = Figure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = range(len(chart.labels))
    count = max(len(chart.series), 1)
    bar_width = 0.8 / count
    for number, series in enumerate(chart.series):
        values = [0 if value is None else float(value) for value in series.values]
        colour = COLOURS[number % len(COLOURS)]
        name = image_label(series.name, number)
        if chart.kind == "line":
            axes.plot(list(positions), values, marker="o", color=colour, label=name)
        else:
            offset = (number - (count - 1) / 2) * bar_width
            # No value above each bar: the figures are in the table under the image.
            axes.bar([p + offset for p in positions], values, bar_width, color=colour, label=name)
    axes.set_xticks(list(positions))
    axes.set_xticklabels(
        [image_label(label, i) for i, label in enumerate(chart.labels)], fontproperties=font
    )
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _pos: _short(value)))
    axes.tick_params(axis="y", labelsize=8)
    if chart.unit and (cjk_font() or chart.unit.isascii()):
        # Above the axis, not beside it: a label beside long figures would be cut off.
        axes.set_title(chart.unit, loc="left", fontproperties=font)
    axes.spines[["top", "right"]].set_visible(False)
    axes.margins(y=0.15)
    if len(chart.series) > 1:
        axes.legend(prop=font, frameon=False, fontsize=8)
    # Fixed margins: tight_layout would measure every label first, doubling the time.
    figure.subplots_adjust(left=0.12, right=0.98, top=0.9, bottom=0.1)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def _short(value):
    """Axis and bar figures with thousands separators, decimals only where there are any."""
    value = float(value)
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
