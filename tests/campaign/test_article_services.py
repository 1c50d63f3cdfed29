"""campaign.services.articles: the text kept, the steps, and the history naming the actor."""

import pytest
from django.core.exceptions import ValidationError

from campaign.models import Article
from campaign.services import articles as article_services
from tests.factories import article

XSS = [
    ("<p>读<script>alert(1)</script>者</p>", "<p>读者</p>"),
    ('<p><img src="x" onerror="alert(1)">图</p>', "<p>图</p>"),
    ('<p onclick="alert(1)" style="color:red">段</p>', "<p>段</p>"),
    ("<style>p{display:none}</style><p>样式</p>", "<p>样式</p>"),
    (
        '<a href="javascript:alert(1)">链接</a>',
        '<a rel="noopener noreferrer nofollow">链接</a>',
    ),
    (
        '<a href=" JavaScript:alert(1)">链接</a>',
        '<a rel="noopener noreferrer nofollow">链接</a>',
    ),
    ('<a href="/accounts/login/">站内</a>', '<a rel="noopener noreferrer nofollow">站内</a>'),
    ('<iframe src="https://example.cn"></iframe><p>框</p>', "<p>框</p>"),
    ('<p><span class="x" data-x="1">包</span></p>', "<p>包</p>"),
]


@pytest.mark.parametrize(("dirty", "clean"), XSS)
def test_it_strips_scripts_handlers_styles_and_unsafe_links(dirty, clean):
    assert article_services.sanitise_body(dirty) == clean


def test_it_keeps_text_structure_and_plain_links():
    html = (
        "<h2>标题</h2><h3>小标题</h3><p><strong>粗</strong><em>斜</em><br></p>"
        "<ul><li>一</li></ul><ol><li>二</li></ol><blockquote>引</blockquote>"
        '<p><a href="https://www.example.cn/a?b=1" target="_blank" rel="opener">网</a>'
        '<a href="mailto:xf@example.cn">信</a></p>'
    )
    assert article_services.sanitise_body(html) == (
        "<h2>标题</h2><h3>小标题</h3><p><strong>粗</strong><em>斜</em><br></p>"
        "<ul><li>一</li></ul><ol><li>二</li></ol><blockquote>引</blockquote>"
        '<p><a href="https://www.example.cn/a?b=1" rel="noopener noreferrer nofollow">网</a>'
        '<a href="mailto:xf@example.cn" rel="noopener noreferrer nofollow">信</a></p>'
    )


def test_a_draft_is_stored_sanitised_with_its_author_in_the_history(association):
    draft = article(
        association, published=False, body='<p onmouseover="x()">正文</p><script>1</script>'
    )
    assert draft.body == "<p>正文</p>"
    assert draft.status == Article.Status.DRAFT
    assert draft.organisation == association.organisation
    assert draft.history.get().history_user == association


def test_a_text_that_is_empty_once_sanitised_is_refused(association):
    with pytest.raises(ValidationError) as refusal:
        article(association, body="<script>alert(1)</script><p> </p>")
    assert "body" in refusal.value.error_dict
    assert not Article.objects.exists()


def test_publishing_dates_the_article_once_and_withdrawing_keeps_the_date(association):
    published = article(association)
    first = published.published_at
    assert published.is_published and first is not None
    withdrawn = article_services.withdraw_article(actor=association, article=published)
    assert withdrawn.status == Article.Status.DRAFT
    again = article_services.publish_article(actor=association, article=withdrawn)
    assert again.published_at == first
    assert [row.history_user for row in again.history.all()] == [association] * 4


def test_publishing_twice_changes_nothing(association):
    published = article(association)
    rows = published.history.count()
    article_services.publish_article(actor=association, article=published)
    assert published.history.count() == rows


def test_an_update_saves_only_what_changed_with_the_actor(association, head_office):
    draft = article(association, published=False)
    changed = article_services.update_article(
        actor=head_office,
        article=draft,
        title=draft.title,
        summary=" 新的摘要。 ",
        body='<p style="x">新正文</p>',
    )
    assert changed == ["summary", "body"]
    draft.refresh_from_db()
    assert (draft.summary, draft.body) == ("新的摘要。", "<p>新正文</p>")
    assert draft.history.first().history_user == head_office
    assert (
        article_services.update_article(actor=head_office, article=draft, summary="新的摘要。")
        == []
    )


def test_a_published_article_is_not_deleted(association):
    published = article(association)
    with pytest.raises(ValidationError):
        article_services.delete_article(actor=association, article=published)
    assert Article.objects.filter(pk=published.pk).exists()


def test_deleting_a_draft_leaves_a_history_row_naming_the_actor(association):
    draft = article(association, published=False)
    article_services.delete_article(actor=association, article=draft)
    assert not Article.objects.exists()
    deleted = Article.history.filter(id=draft.pk).first()
    assert (deleted.history_type, deleted.history_user) == ("-", association)


@pytest.mark.parametrize(
    "step",
    [
        lambda actor, entry: article_services.update_article(
            actor=actor, article=entry, title="新"
        ),
        lambda actor, entry: article_services.publish_article(actor=actor, article=entry),
        lambda actor, entry: article_services.delete_article(actor=actor, article=entry),
    ],
    ids=["update", "publish", "delete"],
)
def test_a_change_to_an_article_deleted_meanwhile_is_refused_with_a_message(
    english, association, step
):
    entry = article(association)
    Article.objects.filter(pk=entry.pk).delete()

    with pytest.raises(ValidationError, match="This article has been deleted."):
        step(association, entry)
