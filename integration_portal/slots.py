"""Places on a page (or in a document) where other apps add their part.

The app that owns the page declares a ``Slot``; apps further up the layers register
entries in their AppConfig.ready(). Each entry has a template and a context
function; the owner renders what the functions return, without importing them.
"""

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Entry:
    key: str
    template: str
    context: Any
    order: int = 100
    roles: frozenset = field(default_factory=frozenset)


class Slot:
    def __init__(self, name):
        self.name = name
        self._entries = {}

    def register(self, key, *, template, context=None, order=100, roles=()):
        self._entries[key] = Entry(key, template, context or (lambda *args: {}), order,
                                   frozenset(roles))

    def entries(self):
        return sorted(self._entries.values(), key=lambda entry: entry.order)

    def template(self, key):
        return self._entries[key].template

    def filled(self, *args):
        """[(entry, context)] for every entry whose context function returns data."""
        found = []
        for entry in self.entries():
            context = entry.context(*args)
            if context is not None:
                found.append((entry, context))
        return found
