"""Knowledge articles (保险知识大讲堂): the public's list and article pages (no login), and the
pages where head office and the association write, publish, withdraw and delete them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from portal import access

from ..forms.articles import ArticleFilterForm, ArticleForm, KnowledgeSearchForm
from ..selectors import articles as article_selectors
from ..services import articles as article_services


@require_safe
def knowledge_list(request):
    search = KnowledgeSearchForm(request.GET)
    articles = article_selectors.published_articles(**search.filters)
    page = Paginator(articles, article_selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "search": search,
        "page": page,
        "topics": article_selectors.published_topics(),
        "topic": search.filters.get("topic", ""),
    }
    return render(request, "campaign/articles/list.html", context)


@require_safe
def knowledge_article(request, pk):
    article = article_selectors.article_for_reader(request.user, pk)
    context = {
        "article": article,
        "may_change": access.may(request.user, "publish_articles", article),
    }
    return render(request, "campaign/articles/article.html", context)


@login_required
@require_safe
def article_manage(request):
    access.require(request.user, "publish_articles")
    search = ArticleFilterForm(request.GET)
    articles = article_selectors.articles_managed_by(request.user, **search.filters)
    page = Paginator(articles, article_selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "campaign/articles/manage.html", {"search": search, "page": page})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def article_new(request):
    access.require(request.user, "publish_articles")
    form = ArticleForm(request.POST or None)
    if form.is_valid():
        try:
            article = article_services.draft_article(
                actor=request.user, organisation=request.user.organisation, **form.article_fields
            )
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("The draft is saved. Publish it when it is ready."))
            return redirect("knowledge_article", pk=article.pk)
    return render(request, "campaign/articles/form.html", {"form": form, "article": None})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def article_edit(request, pk):
    """A draft's or a published article's form (a correction shows at once)."""
    article = article_selectors.article_for_manager(request.user, pk)
    form = ArticleForm(request.POST or None, instance=article)
    if form.is_valid():
        try:
            article_services.update_article(
                actor=request.user, article=article, **form.article_fields
            )
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("The article is saved."))
            return redirect("knowledge_article", pk=article.pk)
    return render(request, "campaign/articles/form.html", {"form": form, "article": article})


STEPS = {
    "publish": (article_services.publish_article, gettext_lazy("The article is published.")),
    "withdraw": (
        article_services.withdraw_article,
        gettext_lazy("The article is withdrawn: the public no longer sees it."),
    ),
    "delete": (article_services.delete_article, gettext_lazy("The draft is deleted.")),
}


@login_required
@require_POST
def article_action(request, pk, action):
    if action not in STEPS:
        raise Http404
    article = article_selectors.article_for_manager(request.user, pk)
    step, done = STEPS[action]
    try:
        step(actor=request.user, article=article)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
        return redirect("knowledge_article", pk=article.pk)
    messages.success(request, done)
    if action == "publish":
        return redirect("knowledge_article", pk=article.pk)
    return redirect("article_manage")
