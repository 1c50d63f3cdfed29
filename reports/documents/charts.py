"""Charts of the national figures: one description (``Chart``) drawn twice, by Chart.js in
the pages (static/js/charts.js reads ``data``) and as a PNG image in the Word summary."""

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
