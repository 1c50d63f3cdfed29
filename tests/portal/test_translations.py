from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


@pytest.fixture
def chinese():
    with translation.override("zh-hans"):
        yield


def entries():
    return [entry for entry in polib.pofile(str(CATALOGUE)) if not entry.obsolete]


def test_every_string_has_a_chinese_translation():
    untranslated = [e.msgid for e in entries() if not e.translated() or "fuzzy" in e.flags]
    assert untranslated == []


def test_the_compiled_catalogue_matches_the_source(chinese):
    stale = []
    for entry in entries():
        if entry.msgid_plural:
            shown = (
                translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 1)
                if entry.msgctxt
                else translation.ngettext(entry.msgid, entry.msgid_plural, 1)
            )
            expected = entry.msgstr_plural[0]
        else:
            shown = (
                translation.pgettext(entry.msgctxt, entry.msgid)
                if entry.msgctxt
                else translation.gettext(entry.msgid)
            )
            expected = entry.msgstr
        if shown != expected:
            stale.append(entry.msgid)
    assert stale == [], "run `make messages` and commit the .mo files"
