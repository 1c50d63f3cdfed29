from django import template

from portal import access

register = template.Library()


@register.simple_tag(takes_context=True)
def may(context, action, obj=None):
    """``{% may "manage_organisations" as show %}``: asks portal.access for the current user."""
    return access.may(context["request"].user, action, obj)
