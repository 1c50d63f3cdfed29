"""What the public home page shows: the campaign, the latest knowledge articles and media
reports, each read in one query whatever the number of rows."""

from dataclasses import dataclass

from django.db.models import Case, When

from ..models import Campaign
from . import articles, media_reports

LATEST = 4


@dataclass
class HomePage:
    campaign: Campaign | None
    articles: list
    media_reports: list


def public_campaign():
    """The campaign the public reads about: the latest open one, else the latest closed one
    (a draft is head office's until it opens)."""
    open_first = Case(When(status=Campaign.Status.OPEN, then=0), default=1)
    return (
        Campaign.objects.exclude(status=Campaign.Status.DRAFT).order_by(open_first, "-year").first()
    )


def home_page():
    return HomePage(
        campaign=public_campaign(),
        articles=articles.latest_articles(LATEST),
        media_reports=list(media_reports.latest_media_reports(LATEST)),
    )
