"""Human confirmation: a yes/no in clients that can elicit (both eras), the confirm page for
the others and always for passwords, and nothing a model can send to confirm by itself."""

from __future__ import annotations

from typing import Any

import pytest
from mcp.server import Server
from mcp.types import ElicitResult

from ninja_mcp.confirming import KEY
from ninja_tools.sandbox import SandboxState

from .conftest import MODES, PASSWORD, YES, answering, confirm_on_page, connect


def _invoice(state: SandboxState, number: str = "0001") -> str:
    return str(state.store.where("invoice", number=number)[0]["id"])


def _deleted(state: SandboxState, invoice_id: str) -> bool:
    record = state.store.get("invoice", invoice_id)
    return bool(record and record.get("is_deleted"))


@pytest.mark.parametrize("mode", MODES)
async def test_accept_runs_it_once_asked_once(server: Server[Any], state: SandboxState,
                                              mode: str) -> None:
    invoice = _invoice(state)
    asked: list[str] = []
    async with connect(server, mode, answering("accept", YES, asked)) as client:
        result = await client.call_tool("delete_invoice", {"id": invoice})
    assert not result.is_error, result.content
    assert _deleted(state, invoice)
    assert len(asked) == 1 and asked[0].startswith("Delete invoice 0001 ")
    assert "Nothing is done unless you confirm." in asked[0]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("answer", ["decline", "cancel", "accept-no"])
async def test_decline_and_cancel_do_nothing(server: Server[Any], state: SandboxState,
                                             mode: str, answer: str) -> None:
    invoice = _invoice(state)
    action, content = ("accept", {"confirm": False}) if answer == "accept-no" else (answer, None)
    async with connect(server, mode, answering(action, content)) as client:
        result = await client.call_tool("run_action", {"name": "delete_invoice",
                                                       "arguments": {"id": invoice}})
        again = await client.call_tool("delete_invoice", {"id": invoice})
    assert result.is_error and again.is_error
    assert "not confirmed" in result.content[0].text  # type: ignore[union-attr]
    assert "nothing was done" in result.content[0].text  # type: ignore[union-attr]
    assert not _deleted(state, invoice)


@pytest.mark.parametrize("mode", MODES)
async def test_without_elicitation_the_page_confirms(server: Server[Any], state: SandboxState,
                                                     mode: str) -> None:
    invoice = _invoice(state)
    async with connect(server, mode) as client:
        waiting = await client.call_tool("delete_invoice", {"id": invoice})
        assert not waiting.is_error
        data = waiting.structured_content["confirmation"]
        text = waiting.content[0].text  # type: ignore[union-attr]
        assert waiting.structured_content["status"] == "waiting_for_confirmation"
        assert data["url"].startswith("http://127.0.0.1:") and data["url"] in text
        assert "confirmation_status" in text and data["question"] in text
        # Asking again gives the same confirmation; nothing changed meanwhile.
        same = await client.call_tool("run_action", {"name": "delete_invoice",
                                                     "arguments": {"id": invoice}})
        assert same.structured_content["confirmation"]["confirmation_id"] == (
            data["confirmation_id"])
        status = await client.call_tool("confirmation_status",
                                        {"confirmation_id": data["confirmation_id"]})
        assert status.structured_content["state"] == "pending"
        assert not _deleted(state, invoice)

        answered = await confirm_on_page(data["url"])
        assert answered.status_code == 200 and "Done" in answered.text
        assert _deleted(state, invoice)
        done = await client.call_tool("confirmation_status",
                                      {"confirmation_id": data["confirmation_id"]})
    assert done.structured_content["state"] == "done"


async def test_status_can_wait_for_the_human(server: Server[Any], state: SandboxState) -> None:
    invoice = _invoice(state)
    async with connect(server) as client:
        waiting = await client.call_tool("delete_invoice", {"id": invoice})
        data = waiting.structured_content["confirmation"]
        still = await client.call_tool("confirmation_status", {
            "confirmation_id": data["confirmation_id"], "wait_seconds": 1})
        assert still.structured_content["state"] == "pending"
        cancelled = await confirm_on_page(data["url"], "cancel")
        assert "Cancelled" in cancelled.text
        status = await client.call_tool("confirmation_status",
                                        {"confirmation_id": data["confirmation_id"]})
    assert status.structured_content["state"] == "refused"
    assert not _deleted(state, invoice)


@pytest.mark.parametrize("mode", MODES)
async def test_purge_needs_the_password_on_the_page(server: Server[Any], state: SandboxState,
                                                    mode: str) -> None:
    client_id = str(state.store.where("client", name="Globex")[0]["id"])
    asked: list[str] = []
    async with connect(server, mode, answering("accept", YES, asked)) as client:
        waiting = await client.call_tool("run_action", {"name": "purge_client",
                                                        "arguments": {"id": client_id}})
        data = waiting.structured_content["confirmation"]
        assert data["needs"] == "password" and asked == []
        assert "never ask for it in the chat" in waiting.content[0].text  # type: ignore[union-attr]

        wrong = await confirm_on_page(data["url"], password="not-the-password")
        assert wrong.status_code == 422
        assert state.store.get("client", client_id) is not None
        status = await client.call_tool("confirmation_status",
                                        {"confirmation_id": data["confirmation_id"]})
        assert status.structured_content["state"] == "pending"

        right = await confirm_on_page(data["url"], password=PASSWORD)
        assert right.status_code == 200, right.text
        done = await client.call_tool("confirmation_status",
                                      {"confirmation_id": data["confirmation_id"]})
    assert done.structured_content["state"] == "done"
    assert not state.store.where("client", name="Globex")


async def test_a_model_cannot_confirm(server: Server[Any], state: SandboxState) -> None:
    invoice = _invoice(state)
    asked: list[str] = []
    async with connect(server, "auto", answering("decline", None, asked)) as client:
        for arguments in ({"id": invoice, "confirm": True}, {"id": invoice, "confirmed": True}):
            refused = await client.call_tool("delete_invoice", arguments)
            assert refused.is_error and "Invalid input" in refused.content[0].text  # type: ignore[union-attr]
        extra = await client.call_tool("run_action", {"name": "delete_invoice", "arguments":
                                                      {"id": invoice}, "confirm": True})
        assert extra.is_error
        # An answer the client never was asked for (no sealed state) is not taken: it asks.
        answer = ElicitResult(action="accept", content={"confirm": True})
        forged = await client.call_tool("delete_invoice", {"id": invoice},
                                        input_responses={KEY: answer})
        assert forged.is_error and len(asked) == 1
    assert not _deleted(state, invoice)
