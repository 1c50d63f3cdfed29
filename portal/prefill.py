"""Figures the portal records itself, offered beside the statistics form's indicators.

Where the portal holds the facts an indicator counts (events logged, exemplars listed,
commitments published, complaints received), the form shows the recorded figure beside the
entered one. A feature app registers a provider for the indicator codes it can count at
start-up; the statistics code asks ``recorded_figures`` and imports none of those apps (the
import contracts in pyproject.toml say so). Indicators are data: a provider names the codes it
fills, and a code that a campaign's table does not have is simply never asked for.
"""

from collections.abc import Callable, Mapping
from decimal import Decimal

# A provider counts, in one query, the figures of its codes for a campaign and a reporting
# unit; it leaves out a code it has nothing to say about for that unit (e.g. complaints for
# the association).
Provider = Callable[[object, object], Mapping[str, int | Decimal]]

_providers: list[tuple[frozenset[str], Provider]] = []


def register(*codes):
    """Decorator: ``provider(campaign, organisation)`` gives the figures of ``codes``."""

    def decorate(provider):
        taken = set(codes) & provided_codes()
        if taken:
            raise ValueError(f"figures for {', '.join(sorted(taken))} are already provided")
        _providers.append((frozenset(codes), provider))
        return provider

    return decorate


def provided_codes():
    return set().union(*(codes for codes, _ in _providers))


def recorded_figures(campaign, organisation, codes):
    """``{code: figure}`` for those of ``codes`` (the indicators the unit's form shows) that a
    provider counts; providers whose codes the form does not show are not asked."""
    codes = set(codes)
    figures = {}
    for provided, provider in _providers:
        if provided & codes:
            found = provider(campaign, organisation)
            figures.update((code, found[code]) for code in provided & codes if code in found)
    return figures
