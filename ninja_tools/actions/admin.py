"""Purge a client, merge two clients or two vendors: the routes behind Invoice Ninja's password.

They run only after a human confirmed with the password (``ctx.password``), or, for a user who
signs in with Google, Microsoft or Apple and has none, with the record's name typed back; see
``Context.protected``. Without a confirmation nothing is sent.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, model_validator

from .. import present
from ..client import api_path
from ..errors import ConfirmationRequired
from .base import Action, ActionInput, Route
from .context import Context
from .fields import RecordId
from .lookup import client_label
from .shaping import data_of, shaped

__all__ = ["ACTIONS"]


def _require_confirmation(ctx: Context, action: str) -> None:
    """Refuse before the first read when no human confirmed (``ctx.protected`` checks again)."""
    if ctx.password is None and not ctx.passwordless:
        raise ConfirmationRequired(
            f"{action} needs the Invoice Ninja password of the token's user, given by a human "
            "when confirming; nothing was sent.",
            hint="Run it from a face that can ask for the password (the CLI on a terminal, or "
            "the confirm page).")


# -- purge_client -----------------------------------------------------------------------------

class PurgeClientInput(ActionInput):
    id: RecordId = Field(description="Hashed id of the client to purge")


class PurgeResult(BaseModel):
    """What a purge removed: the client, with its invoices, payments and everything else."""

    purged: str = Field(description="The purged client's name")
    id: str
    message: str


async def _purge_client(ctx: Context, args: PurgeClientInput) -> PurgeResult:
    _require_confirmation(ctx, "purge_client")
    path = api_path("clients/{id}", id=args.id)
    client = data_of(await ctx.client.get(path), f"GET {path}")
    await ctx.protected("POST", api_path("clients/{id}/purge", id=args.id))
    ctx.forget()
    name = client_label(client)
    return PurgeResult(purged=name, id=args.id,
                       message=f"Purged client {name} and all of its records for good.")


# -- merge_clients, merge_vendors -------------------------------------------------------------

class _MergeInput(ActionInput):
    id: RecordId = Field(description="Hashed id of the record that stays")
    mergeable_id: RecordId = Field(description="Hashed id of the record merged into it")

    @model_validator(mode="after")
    def _two(self) -> _MergeInput:
        if self.id == self.mergeable_id:
            raise ValueError("id and mergeable_id are the same record; give two different ids")
        return self


class MergeClientsInput(_MergeInput):
    id: RecordId = Field(description="Hashed id of the client that stays")
    mergeable_id: RecordId = Field(description="Hashed id of the client merged into it and "
                                   "then removed")


class MergeVendorsInput(_MergeInput):
    id: RecordId = Field(description="Hashed id of the vendor that stays")
    mergeable_id: RecordId = Field(description="Hashed id of the vendor merged into it and "
                                   "then removed")


class ClientMerge(BaseModel):
    """The client that stayed, with its contacts, after the other was merged into it."""

    merged: str = Field(description="Name of the client merged away")
    client: present.Client


class VendorMerge(BaseModel):
    """The vendor that stayed, with its contacts, after the other was merged into it."""

    merged: str = Field(description="Name of the vendor merged away")
    vendor: present.Vendor


async def _merge(ctx: Context, path: str, args: _MergeInput, action: str,
                 ) -> tuple[str, dict[str, Any]]:
    """Merge ``mergeable_id`` into ``id`` under ``path``; the merged name and the survivor."""
    _require_confirmation(ctx, action)
    keep_id, other_id = args.id, args.mergeable_id
    other_path = api_path(path + "/{id}", id=other_id)
    other = data_of(await ctx.client.get(other_path), f"GET {other_path}")
    route = api_path(path + "/{id}/{mergeable_id}/merge", id=keep_id, mergeable_id=other_id)
    kept = data_of(await ctx.protected("POST", route), f"POST {route}")
    ctx.forget()
    return client_label(other), kept


async def _merge_clients(ctx: Context, args: MergeClientsInput) -> ClientMerge:
    merged, kept = await _merge(ctx, "clients", args, "merge_clients")
    client = await shaped(ctx, "client", kept)
    assert isinstance(client, present.Client)
    return ClientMerge(merged=merged, client=client)


async def _merge_vendors(ctx: Context, args: MergeVendorsInput) -> VendorMerge:
    merged, kept = await _merge(ctx, "vendors", args, "merge_vendors")
    vendor = await shaped(ctx, "vendor", kept)
    assert isinstance(vendor, present.Vendor)
    return VendorMerge(merged=merged, vendor=vendor)


ACTIONS: list[Action] = [
    Action(
        name="purge_client", title="Purge a client",
        description="Delete a client for good, with every invoice, quote, credit, payment, "
        "expense, project, task and document of it; it cannot be restored. Use delete_client "
        "to delete it the ordinary, restorable way.",
        input=PurgeClientInput, output=PurgeResult, risk="password", permission="admin",
        toolset="clients", route=Route("POST", "clients/{id}/purge"), run=_purge_client,
        routes=(Route("POST", "clients/{id}/purge"), Route("GET", "clients/{id}")),
    ),
    Action(
        name="merge_clients", title="Merge two clients",
        description="Merge one client into another: its invoices, payments and other records "
        "and its contacts with new e-mails move to the client that stays, and it is removed. "
        "Use merge_vendors for vendors.",
        input=MergeClientsInput, output=ClientMerge, risk="password", permission="admin",
        toolset="clients", route=Route("POST", "clients/{id}/{mergeable_id}/merge"),
        run=_merge_clients,
        routes=(Route("POST", "clients/{id}/{mergeable_id}/merge"),
                Route("GET", "clients/{id}")),
    ),
    Action(
        name="merge_vendors", title="Merge two vendors",
        description="Merge one vendor into another: its expenses, purchase orders and contacts "
        "move to the vendor that stays, and it is removed. Use merge_clients for clients.",
        input=MergeVendorsInput, output=VendorMerge, risk="password", permission="admin",
        toolset="vendors", route=Route("POST", "vendors/{id}/{mergeable_id}/merge"),
        run=_merge_vendors,
        routes=(Route("POST", "vendors/{id}/{mergeable_id}/merge"),
                Route("GET", "vendors/{id}")),
    ),
]
