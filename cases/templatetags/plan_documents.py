from django import template

from cases.documents.selectors import versions

register = template.Library()


@register.simple_tag(takes_context=True)
def plan_documents(context, household):
    """The household's printed plans for the household page's documents panel."""
    return versions(context["request"].user, household)
