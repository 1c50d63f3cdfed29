"""The knowledge articles a page shows: the public's published ones, and the ones head office
and the association manage (portal.access decides which)."""

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from portal import access

from ..models import Article

PAGE_SIZE = 20


def _matching(articles, *, topic=None, status=None, q=None):
    if topic:
        articles = articles.filter(topic=topic)
    if status:
        articles = articles.filter(status=status)
    if q:
        articles = articles.filter(Q(title__icontains=q) | Q(summary__icontains=q))
    return articles


def published_articles(*, topic=None, q=None):
    """Published articles, newest first, with the publisher in the same query; ``q``
    searches titles and summaries."""
    articles = Article.objects.filter(status=Article.Status.PUBLISHED).select_related(
        "organisation"
    )
    return _matching(articles, topic=topic, q=q).defer("body")


def published_topics():
    """[(topic, label, number of published articles)] of every topic, for the public list's
    topic tabs."""
    rows = (
        Article.objects.filter(status=Article.Status.PUBLISHED)
        .values("topic")
        .annotate(count=Count("id"))
        .order_by()
    )
    counts = {row["topic"]: row["count"] for row in rows}
    return [(value, label, counts.get(value, 0)) for value, label in Article.Topic.choices]


def latest_articles(limit):
    """The ``limit`` articles published last, for the public home page."""
    return list(published_articles()[:limit])


def article_for_reader(user, pk):
    """A published article, for anyone; a draft only for those who may change it (its
    authors' organisation, head office), as a preview; 404 otherwise."""
    article = get_object_or_404(Article.objects.select_related("organisation"), pk=pk)
    if not article.is_published and not access.may(user, "publish_articles", article):
        raise Http404
    return article


def articles_managed_by(user, *, topic=None, status=None, q=None):
    """The articles ``user`` manages (head office every one, the association its own),
    newest first, drafts (never published) at the top."""
    articles = access.scoped_to(
        user, Article.objects.select_related("organisation", "created_by")
    ).order_by("status", "-published_at", "-updated_at", "-id")
    return _matching(articles, topic=topic, status=status, q=q).defer("body")


def article_for_manager(user, pk):
    """An article whose forms and steps ``user`` may use: 403 for who writes no articles,
    404 for an article of someone else's."""
    access.require(user, "publish_articles")
    article = get_object_or_404(access.scoped_to(user, Article.objects.all()), pk=pk)
    access.require(user, "publish_articles", article)
    return article
