"""Dashboard cards. Each app registers its cards in AppConfig.ready().

A card is a template rendered with the context its ``context`` function returns
for the request; it is shown to users holding any of its roles. The core renders
cards without knowing which apps provide them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Card:
    key: str
    template: str
    roles: frozenset
    order: int = 100
    context: Callable = field(default=lambda request: {})


_cards = {}


def register_card(key, *, template, roles, order=100, context=None):
    _cards[key] = Card(key, template, frozenset(roles), order, context or (lambda request: {}))


def cards_for(request):
    """[(card, context)] for the user's roles, in order."""
    roles = set(request.user.roles)
    if request.user.is_superuser:
        roles |= {card_role for card in _cards.values() for card_role in card.roles}
    chosen = sorted((c for c in _cards.values() if c.roles & roles), key=lambda c: c.order)
    return [(card, card.context(request)) for card in chosen]
