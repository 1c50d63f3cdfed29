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
# difflib's matcher takes time in the product of the lengths compared, and more when items
# repeat (Chinese repeats its characters): one summary's diff compares at most this much
# (about half a second); past it, what is left after the common start and end of a paragraph
# or list is shown removed and rewritten rather than keeping head office's page waiting.
MAX_COMPARED = 200_000


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
    budget = _Budget()
    changes = []
    for op, i1, i2, j1, j2 in _opcodes(old, new, budget):
        if op == "equal":
            continue
        removed, added = old[i1:i2], new[j1:j2]
        for a, b in zip(removed, added, strict=False):
            words = _word_diff(a, b, budget)
            if words is None:
                changes += [_whole("removed", a), _whole("added", b)]
            else:
                changes.append(ParagraphChange("changed", words))
        paired = min(len(removed), len(added))
        changes += [_whole("removed", text) for text in removed[paired:]]
        changes += [_whole("added", text) for text in added[paired:]]
    return changes


class _Budget:
    """What is left of MAX_COMPARED for one summary's diff."""

    def __init__(self):
        self.left = MAX_COMPARED

    def allows(self, size):
        if size > self.left:
            return False
        self.left -= size
        return True


def _opcodes(old, new, budget):
    """difflib's opcodes from ``old`` to ``new``: the common start and end matched first, in
    linear time, and a middle the budget does not allow comparing one replacement."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    old_end, new_end = len(old) - end, len(new) - end
    opcodes = [("equal", 0, start, 0, start)] if start else []
    if budget.allows((old_end - start) * (new_end - start)):
        matcher = difflib.SequenceMatcher(
            None, old[start:old_end], new[start:new_end], autojunk=False
        )
        opcodes += [
            (op, i1 + start, i2 + start, j1 + start, j2 + start)
            for op, i1, i2, j1, j2 in matcher.get_opcodes()
        ]
    else:
        opcodes.append(("replace", start, old_end, start, new_end))
    if end:
        opcodes.append(("equal", old_end, len(old), new_end, len(new)))
    return opcodes


def _whole(kind, text):
    return ParagraphChange(kind, [(kind, text)])


def _word_diff(before, after, budget):
    old, new = TOKEN.findall(before), TOKEN.findall(after)
    opcodes = _opcodes(old, new, budget)
    same = sum(i2 - i1 for op, i1, i2, _j1, _j2 in opcodes if op == "equal")
    if 2 * same < SIMILAR * (len(old) + len(new)):
        return None
    parts = []
    for op, i1, i2, j1, j2 in opcodes:
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
