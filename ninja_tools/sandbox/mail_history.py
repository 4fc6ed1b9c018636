"""E-mail history and bounce reactivation: what the mail provider reported back.

Real facts kept (``EmailHistoryController``, ``EntityEmailHistoryRequest``,
``ClientEmailHistoryRequest``, ``ProcessPostmarkWebhook::fetchMessage``,
``ClientController::reactivateEmail``):

* History entries are ``{recipients, subject, entity, entity_id, events: [{bounce_id,
  recipient, status, delivery_message, server, server_ip, date}]}``, newest first, as a bare
  JSON list. The sandbox's mail provider delivers every outbox message at once, so each one
  has a single ``Delivered`` event.
* ``POST emails/entityHistory`` ``{entity, entity_id}``: ``entity`` in invoice, quote, credit,
  recurring_invoice, purchase_order (422 otherwise); the record must exist (422). No
  permission check. ``POST emails/clientHistory/{id}`` needs view on the client.
* ``POST reactivate_email/{bounce_id}`` asks Postmark to reactivate the address. No Postmark
  token is configured here, so (as on a server without ``POSTMARK_SECRET``) the call fails:
  a message id (with ``-``) not found in the mail logs is 400 ``Bounce ID not found``; any
  other id is answered 200 with the client's exception text and a stray ``"0": 400`` (the
  controller puts the status inside the array).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from .calls import Call, api, entity_ref
from .failures import ApiError
from .history import CATEGORY_MAIL
from .registry import Registry
from .resources import PREFIX
from .responses import json_response
from .store import Record

HISTORY_ENTITIES = ("invoice", "quote", "credit", "recurring_invoice", "purchase_order")
POSTMARK_UNAUTHORIZED = (
    "Unauthorized: Missing or incorrect API token in header. Please verify that you used the "
    "correct token when you constructed your client."
)
TYPE_WEBHOOK_RESPONSE = 500


def _when(call: Call, sent_at: Any) -> str:
    stamp = int(sent_at or call.state.now())
    return dt.datetime.fromtimestamp(stamp, dt.UTC).strftime("%Y-%m-%d %H:%M:%S")


def history_entry(call: Call, message: dict[str, Any]) -> dict[str, Any]:
    recipients = ",".join([str(message.get("to") or ""), *(message.get("cc") or [])])
    return {
        "recipients": recipients,
        "subject": str(message.get("subject") or ""),
        "entity": str(message.get("entity") or ""),
        "entity_id": str(message.get("entity_id") or ""),
        "events": [
            {
                "bounce_id": "",
                "recipient": str(message.get("to") or ""),
                "status": "Delivered",
                "delivery_message": "Message delivered by the sandbox mail provider",
                "server": "sandbox.mail",
                "server_ip": "127.0.0.1",
                "date": _when(call, message.get("sent_at")),
            }
        ],
    }


def _client_of(call: Call, message: dict[str, Any]) -> str:
    entity, entity_id = str(message.get("entity") or ""), str(message.get("entity_id") or "")
    if entity == "client":
        return entity_id
    record = call.store.get(entity, entity_id) if entity else None
    return str((record or {}).get("client_id") or "")


async def entity_history(call: Call) -> Response:
    entity, entity_id = await entity_ref(call, HISTORY_ENTITIES)
    rows = [
        history_entry(call, m)
        for m in reversed(call.state.outbox)
        if m.get("entity") == entity and str(m.get("entity_id")) == entity_id
    ]
    return json_response(rows)


async def client_history(call: Call) -> Response:
    spec = call.registry.spec("clients")
    client = call.lookup(spec, call.param("id"))
    call.actor.require("view", spec, client)
    rows = [
        history_entry(call, m)
        for m in reversed(call.state.outbox)
        if m.get("entity") and _client_of(call, m) == client["id"]
    ]
    return json_response(rows)


def _bounce_log(call: Call, message_id: str) -> Record | None:
    for row in reversed(call.store.rows("system_log")):
        if row.get("category_id") != CATEGORY_MAIL or row.get("type_id") != TYPE_WEBHOOK_RESPONSE:
            continue
        log = json.loads(str(row.get("log") or "{}"))
        if isinstance(log, dict) and log.get("MessageID") == message_id:
            found: Record = row
            return found
    return None


async def reactivate_email(call: Call) -> Response:
    bounce_id = call.param("bounce_id")
    if "-" in bounce_id:
        row = _bounce_log(call, bounce_id)
        log = json.loads(str(row.get("log") or "{}")) if row else {}
        if row is None or not log.get("ID"):
            raise ApiError(400, "Bounce ID not found")
        log["ID"] = ""
        row["log"] = json.dumps(log)
    return json_response({"message": POSTMARK_UNAUTHORIZED, "0": 400})


def install(reg: Registry) -> None:
    reg.add_routes(
        [
            Route(f"{PREFIX}/emails/entityHistory", api(entity_history), methods=["POST"]),
            Route(
                f"{PREFIX}/emails/clientHistory/{{id}}", api(client_history), methods=["POST"]
            ),
            Route(
                f"{PREFIX}/reactivate_email/{{bounce_id}}",
                api(reactivate_email),
                methods=["POST"],
            ),
        ]
    )
