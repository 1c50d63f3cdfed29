from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def localized(zh, en):
    """The English text in the English UI when there is one, else the Chinese."""
    if en and (get_language() or "").startswith("en"):
        return en
    return zh


class BilingualName(models.Model):
    """A Chinese name that is always there and an English one shown in the English UI."""

    name_zh = models.CharField(_("Chinese name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def name(self):
        return localized(self.name_zh, self.name_en)
