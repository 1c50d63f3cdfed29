from django import template
from django.utils.safestring import mark_safe

from campaign.services.articles import sanitise_body

register = template.Library()


@register.filter
def clean_article(html):
    """An article's text as HTML, cleaned again on the way out (as the statistics summary
    is): cleaning twice costs little against trusting every way a row can change."""
    return mark_safe(sanitise_body(html))  # noqa: S308  # nh3 has just sanitised it  # nosec B308
