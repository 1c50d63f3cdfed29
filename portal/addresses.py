"""The words the portal's own addresses are made of.

A code that becomes part of an address (an organisation's `statistics/<year>/<code>/`) must not
be one of these words, or the URLconf sends its address to another page (`review` would open
head office's review table). The words are read from the URLconf itself, so a page added later
reserves its words without anyone keeping a list.
"""

import re

from django.core.exceptions import ValidationError
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern
from django.utils.translation import gettext_lazy as _

# A segment of a regex pattern that is plain text, not a pattern.
_LITERAL = re.compile(r"[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*")


def _literal_segments(pattern):
    if isinstance(pattern, RoutePattern):
        segments = str(pattern).split("/")
        return [s for s in segments if s and "<" not in s]
    if isinstance(pattern, RegexPattern):
        text = str(pattern).removeprefix("^").removesuffix("$").removesuffix(r"\Z")
        return [s for s in text.split("/") if _LITERAL.fullmatch(s)]
    return []  # a language prefix or a custom pattern: no fixed words


def _walk(patterns):
    for entry in patterns:
        yield from _literal_segments(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns)


def reserved_words():
    """Every fixed word of every address in the root URLconf, in lower case."""
    return {word.lower() for word in _walk(get_resolver().url_patterns)}


def validate_not_an_address_word(value):
    if value and value.lower() in reserved_words():
        raise ValidationError(
            _("“%(value)s” is a word of the portal's own addresses; choose another code."),
            code="reserved",
            params={"value": value},
        )
