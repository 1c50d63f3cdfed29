"""The public site's pages for search engines (/sitemap.xml): the fixed pages, and every
published knowledge article."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .selectors import articles


class PublicPageSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "home",
            "commitment_list",
            "commitment_compare",
            "knowledge_list",
            "complaint_new",
            "complaint_track",
        ]

    def location(self, item):
        return reverse(item)


class ArticleSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return (
            articles.published_articles()
            .select_related(None)
            .only("pk", "updated_at")
            .order_by("pk")
        )

    def location(self, article):
        return reverse("knowledge_article", args=[article.pk])

    def lastmod(self, article):
        return article.updated_at


SITEMAPS = {"pages": PublicPageSitemap, "articles": ArticleSitemap}
