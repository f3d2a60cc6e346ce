"""Dashboard cards. Each app registers its cards in AppConfig.ready().

A card is a template rendered with the context its ``context`` function returns
for the request; it is shown to users holding any of its roles. The core renders
cards without knowing which apps provide them.
"""

from integration_portal.slots import Slot

cards = Slot("dashboard")


def register_card(key, *, template, roles, order=100, context=None):
    cards.register(key, template=template, roles=roles, order=order,
                   context=context or (lambda request: {}))


def cards_for(request):
    """[(card, context)] for the user's roles, in order."""
    roles = set(request.user.roles)
    if request.user.is_superuser:
        roles |= {role for card in cards.entries() for role in card.roles}
    return [(card, card.context(request)) for card in cards.entries() if card.roles & roles]
