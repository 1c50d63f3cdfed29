"""The public site's pages for search engines (/sitemap.xml): the fixed pages, every
published knowledge article and every region's published 双十佳 list."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .selectors import articles, exemplars


class PublicPageSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "home",
            "commitment_list",
            "commitment_compare",
            "knowledge_list",
            "exemplar_public",
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


class ExemplarListSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return list(exemplars.published_lists())

    def location(self, item):
        year, region_code = item
        return reverse("exemplar_region", args=[year, region_code])


SITEMAPS = {
    "pages": PublicPageSitemap,
    "articles": ArticleSitemap,
    "exemplars": ExemplarListSitemap,
}
