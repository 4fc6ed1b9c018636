"""Documents: uploads onto any uploadable entity, file downloads, and the client's document list.

Real facts kept (``BaseController::saveDocuments``, ``app/Jobs/Util/UploadFile.php``,
``app/Http/Requests/Request.php`` file rules, ``DocumentController``, ``ClientController``):

* ``PUT {entity}/{id}/upload`` (clients send ``POST`` multipart with ``_method=PUT``)
  takes files in ``documents[]``/``documents`` or ``file[]``/``file``, optional
  ``is_public`` (default true); each file becomes a document (name with ``/`` -> ``-``,
  ``type`` = extension, ``size``, a hash file name) attached to the parent, and the
  answer is the parent entity. Only the allowed extensions pass (else 422), max 100000 KB.
* ``POST documents/bulk`` ``download`` e-mails a zip and answers "Successfully sent message".
* ``POST clients/{id}/documents`` lists the client's documents and those of its
  invoices, quotes, credits, expenses, payments, tasks, recurring invoices/expenses and projects.

The file bytes live in the ``document_file`` table (id = document id), next to the
record the API shows, with the parent they belong to.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from starlette.datastructures import UploadFile
from starlette.responses import Response
from starlette.routing import Route

from . import records
from .calls import Call, api
from .entities import EntitySpec
from .failures import RouteNotFound, ValidationFailed
from .registry import Registry
from .resources import PREFIX, item_response, list_response, scope
from .responses import message
from .store import Record

ALLOWED = (
    "png",
    "ai",
    "jpeg",
    "tiff",
    "pdf",
    "gif",
    "psd",
    "txt",
    "doc",
    "xls",
    "ppt",
    "xlsx",
    "docx",
    "pptx",
    "webp",
    "xml",
    "zip",
    "csv",
    "ods",
    "odt",
    "odp",
)
_ALIASES = {"jpg": "jpeg", "jpe": "jpeg", "tif": "tiff"}
MAX_KB = 100_000
UPLOADABLE = (
    "clients",
    "companies",
    "credits",
    "expenses",
    "group_settings",
    "invoices",
    "payments",
    "products",
    "projects",
    "purchase_orders",
    "quotes",
    "recurring_expenses",
    "recurring_invoices",
    "recurring_quotes",
    "tasks",
    "vendors",
)
CLIENT_CHILDREN = (
    "invoice",
    "quote",
    "credit",
    "expense",
    "payment",
    "task",
    "recurring_invoice",
    "recurring_expense",
    "project",
)
CONTENT_TYPES = {
    "png": "image/png",
    "jpeg": "image/jpeg",
    "jpg": "image/jpeg",
    "gif": "image/gif",
    "tiff": "image/tiff",
    "webp": "image/webp",
    "pdf": "application/pdf",
    "txt": "text/plain",
    "csv": "text/csv",
    "xml": "application/xml",
    "zip": "application/zip",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt": "application/vnd.ms-powerpoint",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "psd": "image/vnd.adobe.photoshop",
    "ai": "application/postscript",
}
_FILE_FIELD = re.compile(r"^(documents|file)(\[(\d*)\])?$")
_TRUE = ("1", "true", "on", "yes")
_FALSE = ("0", "false", "off", "no")


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def attach(
    call: Call,
    parent_spec: EntitySpec,
    parent: Record,
    name: str,
    content: bytes,
    *,
    is_public: bool = True,
) -> Record:
    """Create one document on ``parent`` (also used by the seed); returns the document record."""
    store = call.store
    document = records.blank("document")
    document["id"] = store.new_id("document")
    ext = extension(name)
    digest = hashlib.sha1(content + document["id"].encode()).hexdigest()
    base = str(call.request.base_url).rstrip("/")
    now = call.state.now()
    document.update(
        user_id=call.actor.id,
        name=name.replace("/", "-"),
        type=ext,
        disk="local",
        hash=f"{digest}.{ext}" if ext else digest,
        size=len(content),
        is_public=is_public,
        url=f"{base}{PREFIX}/documents/{document['id']}/download",
        link=f"{base}/documents/{digest}",
        created_at=now,
        updated_at=now,
    )
    width, height = _image_size(content)
    document["width"], document["height"] = width, height
    if parent_spec.kind == "vendor":
        document["vendor_id"] = parent["id"]
    if parent_spec.kind == "project":
        document["project_id"] = parent["id"]
    store.add("document", document)
    store.add(
        "document_file",
        {
            "id": document["id"],
            "parent_kind": parent_spec.kind,
            "parent_id": parent["id"],
            "content": content,
            "content_type": CONTENT_TYPES.get(ext, "application/octet-stream"),
        },
    )
    parent.setdefault("documents", []).append(document)
    parent["updated_at"] = now
    return document


def _image_size(content: bytes) -> tuple[int, int]:
    """PNG and GIF headers carry the size; other formats report 0 like an unreadable image."""
    if content[:8] == b"\x89PNG\r\n\x1a\n" and len(content) >= 24:
        return int.from_bytes(content[16:20], "big"), int.from_bytes(content[20:24], "big")
    if content[:6] in (b"GIF87a", b"GIF89a") and len(content) >= 10:
        return int.from_bytes(content[6:8], "little"), int.from_bytes(content[8:10], "little")
    return 0, 0


async def _read_form(call: Call) -> tuple[list[tuple[str, str, bytes]], dict[str, str]]:
    """The uploaded files as (validation label, file name, bytes) and the plain fields."""
    files: list[tuple[str, str, bytes]] = []
    fields: dict[str, str] = {}
    if "form" not in call.request.headers.get("content-type", ""):
        return files, fields
    counters: dict[str, int] = {}
    async with call.request.form() as form:
        for key, value in form.multi_items():
            match = _FILE_FIELD.match(key)
            if match and isinstance(value, UploadFile):
                field = match.group(1)
                if match.group(2) is None:
                    label = field
                else:
                    index = int(match.group(3)) if match.group(3) else counters.get(field, 0)
                    counters[field] = index + 1
                    label = f"{field}.{index}"
                files.append((label, value.filename or "", await value.read()))
            elif isinstance(value, str):
                fields[key] = value
    return files, fields


async def upload(call: Call) -> Response:
    """PUT/POST {entity}/{id}/upload (see the module docstring)."""
    route = call.param("entity")
    if route not in UPLOADABLE or route not in call.registry.specs:
        raise RouteNotFound()
    spec = call.registry.spec(route)
    parent = call.lookup(spec, call.param("id"))
    call.actor.require("edit", spec, parent)
    files, fields = await _read_form(call)
    errors: dict[str, list[str]] = {}
    contents: list[tuple[str, bytes]] = []
    for label, filename, data in files:
        ext = _ALIASES.get(extension(filename), extension(filename))
        if ext not in ALLOWED:
            errors.setdefault(label, []).append(
                f"The {label} field must be a file of type: {', '.join(ALLOWED)}."
            )
        elif len(data) > MAX_KB * 1024:
            errors.setdefault(label, []).append(
                f"The {label} field must not be greater than {MAX_KB} kilobytes."
            )
        contents.append((filename or "file", data))
    is_public = True
    if "is_public" in fields:
        raw = fields["is_public"].strip().lower()
        if raw in _TRUE or raw in _FALSE:
            is_public = raw in _TRUE
        else:
            errors["is_public"] = ["The is public field must be true or false."]
    if errors:
        raise ValidationFailed(errors)
    for name, data in contents:
        attach(call, spec, parent, name, data, is_public=is_public)
    return item_response(call, spec, parent)


async def download(call: Call) -> Response:
    """GET documents/{id}/download: the stored bytes; ``?inline=true`` asks for inline display."""
    spec = call.registry.spec("documents")
    document = call.lookup(spec, call.param("id"))
    call.actor.require("view", spec, document)
    stored = call.store.get("document_file", document["id"]) or {}
    disposition = "inline" if call.query("inline") == "true" else "attachment"
    filename = document["hash"] or document["name"]
    return Response(
        stored.get("content", b""),
        media_type=stored.get("content_type", "application/octet-stream"),
        headers={"Content-Disposition": f'{disposition}; filename="{filename}"'},
    )


def bulk_download(
    call: Call, spec: EntitySpec, rows: list[Record], body: dict[str, Any]
) -> Response:
    """ZipDocuments: the zip goes to the user by e-mail; the answer is only a message."""
    wanted = {str(i) for i in body.get("ids") or []}
    names = [d["name"] for d in call.store.rows("document") if d["id"] in wanted]
    call.state.outbox.append(
        {
            "to": call.actor.user.get("email", ""),
            "template": "download_files",
            "entity": "document",
            "subject": "Document download",
            "files": names,
            "sent_at": call.state.now(),
        }
    )
    return message("Successfully sent message")


async def client_documents(call: Call) -> Response:
    """POST clients/{id}/documents: every document of the client and of its records."""
    clients = call.registry.spec("clients")
    client = call.lookup(clients, call.param("id"))
    call.actor.require("view", clients, client)
    owners = {(client["id"], "client")}
    for kind in CLIENT_CHILDREN:
        owners |= {(r["id"], kind) for r in call.store.where(kind, client_id=client["id"])}
    ids = {
        f["id"]
        for f in call.store.rows("document_file")
        if (f["parent_id"], f["parent_kind"]) in owners
    }
    documents = call.registry.spec("documents")
    rows = [d for d in call.store.rows("document") if d["id"] in ids]
    return list_response(call, documents, scope(call, documents, rows))


def install(reg: Registry) -> None:
    reg.bulk_action("documents", "download")(bulk_download)
    reg.add_routes(
        [
            Route(f"{PREFIX}/documents/{{id}}/download", api(download), methods=["GET"]),
            Route(f"{PREFIX}/clients/{{id}}/documents", api(client_documents), methods=["POST"]),
            Route(f"{PREFIX}/{{entity}}/{{id}}/upload", api(upload), methods=["PUT", "POST"]),
        ]
    )
