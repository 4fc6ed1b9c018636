"""Company settings entities: designs, payment terms, client groups and webhooks.

Real facts kept (``DesignController``, ``StoreDesignRequest``, ``DefaultDesignRequest``,
``PaymentTermTransformer``, ``StoreWebhookRequest``, ``RetryWebhookRequest``,
``WebhookController::retry``, ``app/Jobs/Util/WebhookSingle.php``):

* A design's ``design`` always carries the six blocks (``includes``, ``header``, ``body``,
  ``footer``, ``product``, ``task``; missing ones become ``""``) and ``entities`` keeps only
  known entity names. ``POST designs/set/default`` (admin) ``{design_id, entity}`` points
  every invoice (quote, credit, purchase order, recurring invoice) at the design and answers
  ``{"message":"success"}``; an unknown design is 400 ``Design does not exist.``.
* A payment term's ``name`` is always ``Net <num_days>``.
* A webhook needs a URL ``target_url`` and an ``event_id``; ``rest_method`` is ``post``
  (default) or ``put``. ``POST webhooks/{id}/retry`` (admin) ``{entity, entity_id}`` sends the
  record to the target again (the sandbox logs the delivery as a system log instead of
  calling out) and answers the webhook; an unknown record is 400 ``Record not found``.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlparse

from starlette.responses import Response
from starlette.routing import Route

from . import filters
from .calls import Call, api
from .entities import EntitySpec
from .failures import ApiError, Unauthorized, ValidationFailed, invalid_selection, required
from .filters import FilterContext
from .registry import Registry, SaveEvent
from .resources import PREFIX, item_response
from .responses import message
from .store import Record

DESIGN_BLOCKS = ("includes", "header", "body", "footer", "product", "task")
DESIGN_ENTITIES = ("invoice", "quote", "credit", "purchase_order", "client", "payment", "task",
                   "project", "recurring_invoice", "statement")
DEFAULT_DESIGN_TARGETS = {
    "invoice": "invoice",
    "quote": "quote",
    "credit": "credit",
    "purchase_order": "purchase_order",
    "recurring_invoice": "recurring_invoice",
}
WEBHOOK_ENTITIES = ("client", "credit", "invoice", "product", "task", "payment", "quote",
                    "purchase_order", "expense", "project", "vendor")
CATEGORY_WEBHOOK, EVENT_WEBHOOK_SUCCESS, TYPE_WEBHOOK_RESPONSE = 3, 41, 500


# ---------------------------------------------------------------- designs


def design_saved(event: SaveEvent) -> None:
    """StoreDesignRequest::prepareForValidation: six blocks, known entities only."""
    record = event.record
    blocks: dict[str, Any] = record["design"] if isinstance(record.get("design"), dict) else {}
    record["design"] = {name: str(blocks.get(name) or "") for name in DESIGN_BLOCKS}
    if "entities" in event.body:
        wanted = str(event.body.get("entities") or "").split(",")
        record["entities"] = ",".join(e for e in wanted if e in DESIGN_ENTITIES)


async def set_default_design(call: Call) -> Response:
    """POST designs/set/default ``{design_id, entity}``."""
    if not call.actor.is_super:
        raise Unauthorized()
    body = await call.body()
    errors = {n: [required(n)] for n in ("entity", "design_id") if not body.get(n)}
    if errors:
        raise ValidationFailed(errors)
    design_id = str(body["design_id"])
    if call.store.get("design", design_id) is None:
        raise ApiError(400, "Design does not exist.")
    kind = DEFAULT_DESIGN_TARGETS.get(str(body["entity"]))
    for record in call.store.rows(kind) if kind else []:
        record["design_id"] = design_id
    return message("success")


def _design_flag(column: str) -> filters.Filter:
    def apply(ctx: FilterContext, rows: list[Record], value: str) -> list[Record]:
        wanted = value.lower() in ("true", "1")
        return [r for r in rows if bool(r.get(column)) == wanted]

    return apply


def _design_entities(ctx: FilterContext, rows: list[Record], value: str) -> list[Record]:
    return [r for r in rows if value in str(r.get("entities") or "").split(",")]


# ---------------------------------------------------------------- payment terms, webhooks


def payment_term_saved(event: SaveEvent) -> None:
    event.record["name"] = f"Net {int(event.record.get('num_days') or 0)}"


def validate_webhook(
    call: Call, spec: EntitySpec, record: Record | None, body: dict[str, Any]
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    url = body.get("target_url")
    if url not in (None, "") and not _is_url(str(url)):
        errors["target_url"] = ["The target url field must be a valid URL."]
    method = body.get("rest_method", "post" if record is None else None)
    if method is not None and method not in ("post", "put"):
        errors["rest_method"] = [invalid_selection("rest_method")]
    return errors


def _is_url(value: str) -> bool:
    parts = urlparse(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def webhook_saved(event: SaveEvent) -> None:
    record = event.record
    record["rest_method"] = record.get("rest_method") or "post"
    record["format"] = record.get("format") or "JSON"
    record["company_id"] = str(event.call.state.company()["id"])


async def retry_webhook(call: Call) -> Response:
    """POST webhooks/{id}/retry ``{entity, entity_id}``: deliver the record again."""
    spec = call.registry.spec("webhooks")
    webhook = call.lookup(spec, call.param("id"))
    if not call.actor.is_super:
        raise Unauthorized()
    body = await call.body()
    entity = str(body.get("entity") or "")
    errors: dict[str, list[str]] = {}
    if not entity:
        errors["entity"] = [required("entity")]
    elif entity not in WEBHOOK_ENTITIES:
        errors["entity"] = [invalid_selection("entity")]
    if not body.get("entity_id"):
        errors["entity_id"] = [required("entity_id")]
    if errors:
        raise ValidationFailed(errors)
    record = call.store.get(entity, str(body["entity_id"]))
    if record is None:
        raise ApiError(400, "Record not found")
    log_webhook(call, webhook, entity, record)
    return item_response(call, spec, webhook)


def log_webhook(call: Call, webhook: Record, entity: str, record: Record) -> Record:
    """WebhookSingle's system log of one delivery (the sandbox never calls out)."""
    from .history import add_system_log

    return add_system_log(
        call.state,
        category_id=CATEGORY_WEBHOOK,
        event_id=EVENT_WEBHOOK_SUCCESS,
        type_id=TYPE_WEBHOOK_RESPONSE,
        user_id=call.actor.id,
        client_id=str(record.get("client_id") or ""),
        log={
            "url": webhook.get("target_url", ""),
            "method": webhook.get("rest_method", "post"),
            "status_code": 200,
            "response": "accepted by the sandbox (not delivered)",
            "entity": entity,
            "entity_id": record.get("id", ""),
            "body": json.dumps({"id": record.get("id", "")}),
        },
    )


def install(reg: Registry) -> None:
    reg.on_save("designs")(design_saved)
    reg.on_save("payment_terms")(payment_term_saved)
    reg.on_save("webhooks")(webhook_saved)
    reg.validator("webhooks")(validate_webhook)
    filters.ENTITY_FILTERS.setdefault("designs", {}).update(
        {
            "template": _design_flag("is_template"),
            "custom": _design_flag("is_custom"),
            "entities": _design_entities,
        }
    )
    reg.add_routes(
        [
            Route(f"{PREFIX}/designs/set/default", api(set_default_design), methods=["POST"]),
            Route(f"{PREFIX}/webhooks/{{id}}/retry", api(retry_webhook), methods=["POST"]),
        ]
    )
