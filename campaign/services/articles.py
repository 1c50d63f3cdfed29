"""Knowledge articles (保险知识大讲堂): drafting, publishing, withdrawing and deleting.

Every function takes the acting user, runs in a transaction on a locked row, saves only what
changed and names the actor in the article's history. The body is stored sanitised: only
text structure and plain links survive, whatever the editor or a hand-made request sent.
"""

import logging

import nh3
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Article
from . import locking

logger = logging.getLogger(__name__)

Status = Article.Status

EDITABLE = ("topic", "title", "summary", "body")

# What an article may contain: text structure and links, nothing that runs or styles.
ARTICLE_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "h2", "h3", "blockquote", "a"}
ARTICLE_ATTRIBUTES = {"a": {"href"}}
ARTICLE_URL_SCHEMES = {"http", "https", "mailto"}
# Links go to other sites: they get no referrer, no window.opener and no endorsement.
ARTICLE_LINK_REL = "noopener noreferrer nofollow"

# step: (the states it starts from, the state it leads to)
TRANSITIONS = {
    "publish": ({Status.DRAFT}, Status.PUBLISHED),
    "withdraw": ({Status.PUBLISHED}, Status.DRAFT),
}


def _absolute_links_only(tag, attribute, value):
    # nh3 lets relative addresses through; an article's link names its scheme.
    if attribute == "href" and value.split(":", 1)[0].lower() not in ARTICLE_URL_SCHEMES:
        return None
    return value


def sanitise_body(html):
    """The article's HTML with only ARTICLE_TAGS kept, links limited to http, https and
    mailto addresses, and every link given ARTICLE_LINK_REL."""
    return nh3.clean(
        html or "",
        tags=ARTICLE_TAGS,
        attributes=ARTICLE_ATTRIBUTES,
        attribute_filter=_absolute_links_only,
        url_schemes=ARTICLE_URL_SCHEMES,
        link_rel=ARTICLE_LINK_REL,
        strip_comments=True,
    ).strip()


def _require_text(body):
    if not nh3.clean(body, tags=set()).strip():
        raise ValidationError({"body": _("The article has no text.")})


def _lock(article):
    return locking.locked(
        Article.objects.select_for_update(),
        article.pk,
        ValidationError(_("This article has been deleted.")),
    )


@transaction.atomic
def draft_article(*, actor, organisation, topic, title, summary, body):
    """A new draft of ``organisation``'s; ValidationError (by field) when its text is empty
    once sanitised."""
    body = sanitise_body(body)
    _require_text(body)
    article = Article(
        organisation=organisation,
        topic=topic,
        title=title.strip(),
        summary=summary.strip(),
        body=body,
        created_by=actor,
    )
    article._history_user = actor
    article.save()
    logger.info("article %s drafted by %s", article.pk, actor.username)
    return article


@transaction.atomic
def update_article(*, actor, article, **fields):
    """Change the EDITABLE fields given, a draft's or a published article's (a correction
    shows at once); returns the names of what changed."""
    article = _lock(article)
    if "body" in fields:
        fields["body"] = sanitise_body(fields["body"])
        _require_text(fields["body"])
    for name in ("title", "summary"):
        if name in fields:
            fields[name] = fields[name].strip()
    changed = [
        name for name in EDITABLE if name in fields and getattr(article, name) != fields[name]
    ]
    if not changed:
        return changed
    for name in changed:
        setattr(article, name, fields[name])
    article._history_user = actor
    article.save(update_fields=[*changed, "updated_at"])
    logger.info("article %s changed by %s: %s", article.pk, actor.username, changed)
    return changed


def _move(actor, article, step):
    article = _lock(article)
    sources, target = TRANSITIONS[step]
    if article.status == target:
        return article
    if article.status not in sources:
        raise ValidationError(
            _("This article is %(status)s: it cannot be changed that way.")
            % {"status": article.get_status_display()}
        )
    article.status = target
    # Withdrawing keeps the first publication date: a republished article keeps its place.
    if target == Status.PUBLISHED and article.published_at is None:
        article.published_at = timezone.now()
    article._history_user = actor
    article.save(update_fields=["status", "published_at", "updated_at"])
    logger.info("article %s: %s by %s", article.pk, step, actor.username)
    return article


@transaction.atomic
def publish_article(*, actor, article):
    """Make a draft public; publishing a published article changes nothing."""
    return _move(actor, article, "publish")


@transaction.atomic
def withdraw_article(*, actor, article):
    """Take a published article off the public site, back to a draft; a draft stays one."""
    return _move(actor, article, "withdraw")


@transaction.atomic
def delete_article(*, actor, article):
    """Delete a draft (the history keeps it, naming ``actor``); a published article is
    withdrawn first, so nobody deletes what the public is reading by a slip."""
    article = _lock(article)
    if article.status != Status.DRAFT:
        raise ValidationError(_("Withdraw the article before deleting it."))
    article._history_user = actor
    article.delete()
    logger.info("article %s deleted by %s", article.pk, actor.username)
