"""Media reports for the tests, recorded through the service as the pages do."""

import datetime

from campaign.services.media_reports import record_media_report

DAY = datetime.date(2013, 3, 15)


def recorded(actor, campaign, number=1, **fields):
    return record_media_report(
        actor=actor,
        campaign=campaign,
        **{
            "kind": "news",
            "title": f"保险知识进社区{number}",
            "outlet": "示例日报",
            "published_on": DAY,
            "url": f"https://news.example.com/{number}.html",
        }
        | fields,
    )
