"""What changed in a report since head office returned it, beyond the values: the written
summary as a readable diff, attachments added and removed, who is responsible. The return
step's snapshot says how things stood; a step taken before snapshots were recorded has none,
and then nothing is claimed about them."""

import difflib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..models import StatisticsReport

# The summary's tags (services.statistics.SUMMARY_TAGS) after which a new paragraph starts.
BREAKS = {"p", "br", "li", "h3", "h4", "blockquote", "tr"}
# Chinese has no spaces between words: every other character is compared on its own, a run of
# Latin letters or digits as one word.
TOKEN = re.compile(r"[A-Za-z0-9]+(?:[.,:%][A-Za-z0-9]+)*|\s+|.", re.DOTALL)
# Below this likeness a changed paragraph reads better as removed and rewritten.
SIMILAR = 0.4


class _Paragraphs(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs, self.current = [], []

    def handle_starttag(self, tag, attrs):
        if tag in BREAKS:
            self.flush()
        elif tag in {"td", "th"}:
            self.current.append(" ")

    def handle_endtag(self, tag):
        if tag in BREAKS:
            self.flush()

    def handle_data(self, data):
        self.current.append(data)

    def flush(self):
        text = " ".join("".join(self.current).split())
        if text:
            self.paragraphs.append(text)
        self.current = []


def summary_paragraphs(html):
    """The sanitised summary's text, one string per paragraph, markup dropped."""
    parser = _Paragraphs()
    parser.feed(html or "")
    parser.close()
    parser.flush()
    return parser.paragraphs


@dataclass
class ParagraphChange:
    """A paragraph added, removed or changed; ``parts`` are (kind, text) with kind "same",
    "added" or "removed", to be shown escaped."""

    kind: str
    parts: list


def summary_diff(before, after):
    """[ParagraphChange] from the summary ``before`` (HTML) to ``after``; [] when the text is
    the same (a change of markup only is not one a reader sees)."""
    old, new = summary_paragraphs(before), summary_paragraphs(after)
    changes = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        removed, added = old[i1:i2], new[j1:j2]
        while removed and added:
            a, b = removed.pop(0), added.pop(0)
            words = _word_diff(a, b)
            if words is None:
                changes += [_whole("removed", a), _whole("added", b)]
            else:
                changes.append(ParagraphChange("changed", words))
        changes += [_whole("removed", text) for text in removed]
        changes += [_whole("added", text) for text in added]
    return changes


def _whole(kind, text):
    return ParagraphChange(kind, [(kind, text)])


def _word_diff(before, after):
    old, new = TOKEN.findall(before), TOKEN.findall(after)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    if matcher.ratio() < SIMILAR:
        return None
    parts = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(("same", "".join(old[i1:i2])))
            continue
        if i2 > i1:
            parts.append(("removed", "".join(old[i1:i2])))
        if j2 > j1:
            parts.append(("added", "".join(new[j1:j2])))
    return parts


@dataclass
class SinceReturn:
    """The summary, attachments and contacts changed since a return. ``recorded`` is False
    for a return taken before they were recorded: then nothing is known about them."""

    recorded: bool = False
    summary: list = field(default_factory=list)
    attachments_added: list = field(default_factory=list)
    attachments_removed: list = field(default_factory=list)
    # (field label, as returned, now) for each contact field changed.
    contacts: list = field(default_factory=list)

    @property
    def anything(self):
        return bool(
            self.summary or self.attachments_added or self.attachments_removed or self.contacts
        )


def changes_beyond_values(report, returned, attachments):
    """What changed in ``report`` besides its values since the step ``returned``;
    ``attachments`` are the report's attachments now."""
    snapshot = returned.snapshot or {}
    if not snapshot:
        return SinceReturn()
    then = {item["id"]: item["name"] for item in snapshot.get("attachments", [])}
    now = {attachment.pk: attachment.original_name for attachment in attachments}
    contacts_then = snapshot.get("contacts", {})
    return SinceReturn(
        recorded=True,
        summary=summary_diff(snapshot.get("summary", ""), report.summary),
        attachments_added=[name for pk, name in now.items() if pk not in then],
        attachments_removed=[name for pk, name in then.items() if pk not in now],
        contacts=[
            (
                StatisticsReport._meta.get_field(name).verbose_name,
                contacts_then.get(name, ""),
                getattr(report, name),
            )
            for name in StatisticsReport.CONTACT_FIELDS
            if contacts_then.get(name, "") != getattr(report, name)
        ],
    )
