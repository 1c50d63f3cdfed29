"""When a company had to do something it may have promised to do in time, and when it did it.

A feature app that records such moments registers a source for a commitment kind's code at
start-up (complaints: a complaint reaching the company and the company accepting it; a claim's
complete documents and the liability decision; the agreement and the payment). The commitments
app measures each company's episodes against its own published limit and against the law
without importing the app that recorded them. Kinds are data: a source registered for a code
that no kind has is simply never asked.
"""

import datetime
from collections.abc import Callable, Iterable
from typing import NamedTuple


class Episode(NamedTuple):
    """One time a company's clock ran: it started at ``started_at`` and stopped at ``done_at``
    (None while the company has not done it). Product line and region say which of the
    company's commitments (by scope) applied."""

    company_id: int
    product_line_id: int
    region_id: int
    started_at: datetime.datetime
    done_at: datetime.datetime | None


# A source yields the episodes of the complaints (or other records) of one year.
Source = Callable[[int], Iterable[Episode]]

_sources: dict[str, Source] = {}


def register(kind_code):
    """Decorator: ``source`` yields the episodes of ``kind_code`` for a year."""

    def decorate(source):
        if kind_code in _sources:
            raise ValueError(f"a timeline source for {kind_code} is already registered")
        _sources[kind_code] = source
        return source

    return decorate


def source_for(kind_code):
    """The registered source for ``kind_code``, or None when nothing records that kind."""
    return _sources.get(kind_code)


def measured_kind_codes():
    return set(_sources)
