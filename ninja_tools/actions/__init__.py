"""The catalog: every Invoice Ninja operation as an Action, generated or written by hand.

A hand-written action replaces the generated one of the same name; any other duplicate name is
an error. Importing the catalog needs no token and no network.
"""

from __future__ import annotations

import importlib
from functools import cache

from .base import Action, ActionInput, Route

__all__ = ["HAND_WRITTEN", "Action", "ActionInput", "Route", "catalog"]

#: Modules of hand-written actions; each has ``ACTIONS: list[Action]``.
HAND_WRITTEN: tuple[str, ...] = ("payments", "quotes", "credits", "recurring",
                                 "expenses", "work", "reports", "reference", "admin",
                                 "invoices", "invoice_ops", "invoice_list", "clients", "statements")


def _unique(actions: list[Action], where: str) -> dict[str, Action]:
    named: dict[str, Action] = {}
    for action in actions:
        if action.name in named:
            raise ValueError(f"two {where} actions are called {action.name!r}")
        named[action.name] = action
    return named


@cache
def catalog() -> tuple[Action, ...]:
    """Every action: the generated ones, with hand-written ones in place of their namesakes."""
    from .generated import generated_actions

    actions = _unique(generated_actions(), "generated")
    hand: list[Action] = []
    for module in HAND_WRITTEN:
        hand += importlib.import_module(f"{__name__}.{module}").ACTIONS
    actions.update(_unique(hand, "hand-written"))
    return tuple(sorted(actions.values(), key=lambda a: (a.toolset, a.name)))
