"""find_clients, create_client, update_client and client statements through Toolbox.run."""

from __future__ import annotations

from typing import Any

import pytest

from ninja_tools.errors import InvalidInput, NinjaError
from ninja_tools.present import FileResult, dump
from ninja_tools.sandbox import SandboxState
from ninja_tools.toolbox import Toolbox

from .conftest import Recorder


def _client(state: SandboxState, name: str) -> dict[str, Any]:
    return next(r for r in state.store.rows("client") if r.get("name") == name)


def _emails(record: dict[str, Any]) -> list[str]:
    return [str(c.get("email")) for c in record["contacts"]]


def _writes(recorder: Recorder) -> list[tuple[str, str]]:
    return [(m, p) for m, p in recorder.sent if m != "GET"]


# -- find_clients -----------------------------------------------------------------------------

async def test_find_clients_by_email_name_and_text(toolbox: Toolbox) -> None:
    by_email = dump(await toolbox.run("find_clients", {"email": "road@acme.example"}))
    assert [c["name"] for c in by_email["items"]] == ["Acme Corporation"]
    assert {c["email"] for c in by_email["items"][0]["contacts"]} == {
        "wile@acme.example", "road@acme.example"}
    assert [c["name"] for c in dump(await toolbox.run("find_clients", {"name": "glob"}))
            ["items"]] == ["Globex"]
    assert [c["name"] for c in dump(await toolbox.run("find_clients", {"search": "Wesker"}))
            ["items"]] == ["Umbrella Corp"]


async def test_find_clients_invalid_input(toolbox: Toolbox, recorder: Recorder) -> None:
    with pytest.raises(InvalidInput) as caught:
        await toolbox.run("find_clients", {"email": "not-an-email"})
    assert "email" in caught.value.field_errors
    assert recorder.sent == []


# -- create_client ----------------------------------------------------------------------------

async def test_create_client_with_contacts_country_and_currency(
        toolbox: Toolbox, state: SandboxState) -> None:
    result = dump(await toolbox.run("create_client", {
        "name": "Wonka Industries", "country": "germany", "currency": "eur",
        "city": "Berlin", "vat_number": "DE123",
        "contacts": [{"first_name": "Willy", "email": "willy@wonka.example"},
                     {"first_name": "Charlie", "email": "charlie@wonka.example",
                      "phone": "555-0101"}]}))
    stored = _client(state, "Wonka Industries")
    assert stored["country_id"] == "276" and stored["settings"]["currency_id"] == "3"
    assert stored["vat_number"] == "DE123" and stored["city"] == "Berlin"
    assert _emails(stored) == ["willy@wonka.example", "charlie@wonka.example"]
    assert [c["is_primary"] for c in stored["contacts"]] == [True, False]
    assert result["client"]["currency"] == "EUR"
    assert result["client"]["contacts"][0]["primary"] is True


async def test_create_client_refuses_duplicates_unless_allowed(
        toolbox: Toolbox, state: SandboxState, recorder: Recorder) -> None:
    with pytest.raises(NinjaError, match="exists already: Globex"):
        await toolbox.run("create_client", {"name": "globex"})
    with pytest.raises(NinjaError, match="Acme Corporation"):
        await toolbox.run("create_client", {"contacts": [{"email": "road@acme.example"}]})
    assert _writes(recorder) == []
    await toolbox.run("create_client", {"name": "Globex", "allow_duplicate": True})
    assert sum(r["name"] == "Globex" for r in state.store.rows("client")) == 2


async def test_create_client_unknown_country_fails_before_writing(
        toolbox: Toolbox, recorder: Recorder) -> None:
    with pytest.raises(InvalidInput, match="Did you mean Germany"):
        await toolbox.run("create_client", {"name": "X GmbH", "country": "Germani"})
    assert _writes(recorder) == []


@pytest.mark.parametrize(("args", "field"), [
    ({"contacts": [{"email": "bad address"}]}, "contacts.0.email"),
    ({}, "input"),
    ({"name": "X", "contacts": [{}]}, "contacts.0"),
    ({"name": "X", "colour": "red"}, "colour"),
])
async def test_create_client_invalid_input(toolbox: Toolbox, recorder: Recorder,
                                           args: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        await toolbox.run("create_client", args)
    assert field in caught.value.field_errors
    assert recorder.sent == []


# -- update_client ----------------------------------------------------------------------------

async def test_update_client_keeps_contacts_nobody_mentioned(
        toolbox: Toolbox, state: SandboxState) -> None:
    before = {c["id"]: dict(c) for c in _client(state, "Acme Corporation")["contacts"]}
    result = dump(await toolbox.run("update_client", {
        "client": "wile@acme.example", "website": "https://acme.test",
        "add_contacts": [{"first_name": "Bugs", "last_name": "Bunny",
                          "email": "bugs@acme.example"}],
        "change_contacts": [{"contact": "ROAD@acme.example", "phone": "555-0199"}]}))
    stored = _client(state, "Acme Corporation")
    assert _emails(stored) == ["wile@acme.example", "road@acme.example", "bugs@acme.example"]
    assert [c["id"] for c in stored["contacts"][:2]] == list(before)
    assert stored["contacts"][0]["is_primary"] is True
    road = stored["contacts"][1]
    assert road["phone"] == "555-0199" and road["first_name"] == "Road"
    assert road["send_email"] is False  # untouched
    assert stored["website"] == "https://acme.test"
    assert len(result["client"]["contacts"]) == 3


async def test_update_client_plain_fields_leave_contacts_alone(
        toolbox: Toolbox, state: SandboxState) -> None:
    before = [dict(c) for c in _client(state, "Globex")["contacts"]]
    await toolbox.run("update_client", {"client": "Globex", "city": "Cypress Creek",
                                        "currency": "GBP"})
    stored = _client(state, "Globex")
    assert stored["city"] == "Cypress Creek"
    assert stored["settings"]["currency_id"] == "2"
    assert stored["settings"]["entity"] == "App\\Models\\Client"  # the rest of settings kept
    assert [c["id"] for c in stored["contacts"]] == [c["id"] for c in before]


async def test_update_client_removes_only_the_named_contact(
        toolbox: Toolbox, state: SandboxState) -> None:
    acme = _client(state, "Acme Corporation")
    wile = acme["contacts"][0]["id"]
    result = dump(await toolbox.run("update_client", {"id": acme["id"],
                                                      "remove_contacts": [wile]}))
    stored = _client(state, "Acme Corporation")
    assert _emails(stored) == ["road@acme.example"]
    assert stored["contacts"][0]["is_primary"] is True
    assert result["remarks"] == ["Removed contact Wile Coyote <wile@acme.example>.",
                                 "Road Runner <road@acme.example> is now the primary contact."]


async def test_update_client_refuses_unknown_contacts_before_writing(
        toolbox: Toolbox, recorder: Recorder) -> None:
    with pytest.raises(InvalidInput, match="not a contact of this client") as caught:
        await toolbox.run("update_client", {"client": "Globex",
                                            "remove_contacts": "nobody@globex.example"})
    assert "remove_contacts" in caught.value.field_errors
    with pytest.raises(InvalidInput, match="remove every contact"):
        await toolbox.run("update_client", {"client": "Globex",
                                            "remove_contacts": "hank@globex.example"})
    with pytest.raises(InvalidInput, match="share the e-mail"):
        await toolbox.run("update_client", {"client": "Globex",
                                            "add_contacts": [{"email": "hank@globex.example"}]})
    assert _writes(recorder) == []


@pytest.mark.parametrize(("args", "field"), [
    ({"client": "Globex"}, "input"),
    ({"client": "Globex", "id": "SGXjG7kFpc", "city": "X"}, "input"),
    ({"client": "Globex", "change_contacts": [{"contact": "hank@globex.example"}]},
     "change_contacts.0"),
    ({"client": "Globex", "add_contacts": [{"email": "nope"}]}, "add_contacts.0.email"),
])
async def test_update_client_invalid_input(toolbox: Toolbox, recorder: Recorder,
                                           args: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        await toolbox.run("update_client", args)
    assert field in caught.value.field_errors
    assert recorder.sent == []


# -- statements -------------------------------------------------------------------------------

async def test_download_client_statement(toolbox: Toolbox, recorder: Recorder) -> None:
    result = await toolbox.run("download_client_statement", {
        "client": "Acme Corporation", "start_date": "2026-01-01", "status": "unpaid"})
    assert isinstance(result, FileResult) and result.content.startswith(b"%PDF")
    assert ("POST", "/api/v1/client_statement") in recorder.sent


async def test_send_client_statement(toolbox: Toolbox, state: SandboxState) -> None:
    result = dump(await toolbox.run("send_client_statement", {
        "client": "pepper@stark.example", "start_date": "2026-01-01",
        "end_date": "2026-03-16"}))
    assert result["details"]["client"] == "Stark Industries"
    sent = [m for m in state.outbox if m["kind"] == "statement"]
    assert [m["to"] for m in sent] == ["pepper@stark.example"]
    assert "2026-01-01 to 2026-03-16" in sent[0]["body"]


@pytest.mark.parametrize("name", ["download_client_statement", "send_client_statement"])
async def test_statement_invalid_input(toolbox: Toolbox, recorder: Recorder,
                                       name: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        await toolbox.run(name, {"client": "Globex", "start_date": "2026-03-01",
                                 "end_date": "2026-02-01"})
    assert "input" in caught.value.field_errors
    with pytest.raises(InvalidInput) as caught:
        await toolbox.run(name, {"client": "Globex", "status": "overdue"})
    assert "status" in caught.value.field_errors
    assert recorder.sent == []
