from django import template

from integration_portal.access import access_notes, owner_municipality_id
from integration_portal.cpr import mask_in_text

register = template.Library()


@register.inclusion_tag("includes/access_banner.html", takes_context=True)
def access_banner(context, household):
    """Banners saying whose case this is, for readers from another municipality."""
    user = context["request"].user
    return {"notes": access_notes(user, household)}


@register.filter
def owned_by_user(obj, user):
    """True when the user's municipality owns obj (so it may be changed)."""
    owner = owner_municipality_id(obj)
    return bool(user.municipality_id) and owner == user.municipality_id


@register.filter
def mask_cpr(text):
    """Mask CPR-shaped numbers, e.g. in a URL carried into a form."""
    return mask_in_text(text)
