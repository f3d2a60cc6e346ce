from django import template

register = template.Library()


@register.filter
def percent_of(part, whole):
    """'45 %' for part of whole, '–' when there is nothing to divide by."""
    if not whole:
        return "–"
    return f"{round(100 * (part or 0) / whole)} %"
