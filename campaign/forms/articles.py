"""Knowledge articles: the staff's form and list filters, and the public's search."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import FilterForm

from ..models import Article


class ArticleForm(forms.ModelForm):
    """The article's fields; the view hands them to campaign.services.articles, which
    sanitises the text (the form never saves)."""

    class Meta:
        model = Article
        fields = ["topic", "title", "summary", "body"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "body": forms.Textarea(attrs={"rows": 12}),
        }
        help_texts = {
            "body": _(
                "Headings, bold, italic, lists, quotes and links (http, https or mailto) are "
                "kept; anything else is removed when saving."
            ),
        }

    @property
    def article_fields(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class KnowledgeSearchForm(FilterForm):
    """The public list's search: by topic and words of the title or summary."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    topic = forms.ChoiceField(
        label=_("Topic"), required=False, choices=[("", _("Every topic")), *Article.Topic.choices]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["placeholder"] = _("Words of the title or summary")

    @property
    def filters(self):
        """The selector's keyword arguments; a value that does not validate is ignored, so an
        old or mistyped address still lists something."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data[name] for name in self.fields if data.get(name)}

    @property
    def is_filtered(self):
        return bool(self.filters)


class ArticleFilterForm(KnowledgeSearchForm):
    """The staff's list: by topic, status and words."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Every status")), *Article.Status.choices],
    )
