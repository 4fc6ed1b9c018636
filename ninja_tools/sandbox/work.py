"""Tasks, task statuses and projects: time logs, the timer, sorting and invoicing of tasks.

Real facts kept (``app/Repositories/TaskRepository.php``, ``TaskController.php``,
``app/Filters/TaskFilters.php``, ``app/Models/Task.php``):

* ``time_log`` is a JSON *string* of ``[start_unix, end_unix_or_0, ...]`` entries (the
  UIs add a description and a billable flag as 3rd/4th items); it is sorted by start on
  save; ``start`` appends ``[now, 0]`` unless the last entry is still open, and never
  restarts an invoiced task; ``stop`` closes the open last entry with ``now``.
* store/update accept ``?start=true`` / ``?stop=true`` (``triggeredActions``) and a body
  ``action`` of ``start``/``resume``/``stop``.
* a new task gets the company's first task status and, without a rate, the project's.
* ``POST tasks/sort`` sets ``task_status.status_order`` from the index in ``status_ids``
  and, for every status key of ``task_ids``, each task's ``status_order`` (its index) and
  ``status_id``; it answers ``{"message":"Ok"}``.
* ``duration`` is the ``calcDuration()`` sum (an open entry counts up to now) and a
  project's ``current_hours`` the rounded hours of its tasks.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import uuid
from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from . import filters, lifecycle
from .calls import Call, api
from .entities import GENERIC_BULK, BulkMode, EntitySpec
from .filters import FilterContext
from .registry import Registry, SaveEvent
from .resources import PREFIX
from .responses import message
from .state import SandboxState
from .store import Record

TaskLog = list[list[Any]]

TASK_STATUSES = EntitySpec(
    "task_statuses",
    "task_status",
    "TaskStatus",
    "task",
    BulkMode.VALIDATED,
    numbered=False,
    unique=(),
    required=("name",),
    text_columns=("name",),
)


# ---------------------------------------------------------------- time log


def parse_log(raw: Any) -> TaskLog:
    """The stored string (or a list sent by a client) as a list of entries; junk reads as []."""
    if isinstance(raw, str):
        try:
            raw = json.loads(raw) if raw.strip() else []
        except ValueError:
            raw = []
    if not isinstance(raw, list):
        return []
    return [list(entry) for entry in raw if isinstance(entry, list | tuple) and entry]


def dump_log(log: TaskLog) -> str:
    return json.dumps(log, separators=(",", ":"))


def _end(entry: list[Any]) -> int:
    value = entry[1] if len(entry) > 1 else 0
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def is_open(entry: list[Any]) -> bool:
    return _end(entry) == 0


def duration(log: TaskLog, now: int) -> int:
    """``Task::calcDuration``: closed entries plus open ones up to now, never negative."""
    total = 0
    for entry in log:
        start = int(entry[0] or 0)
        end = _end(entry) or now
        total += max(end - start, 0)
    return total


def start_log(log: TaskLog, now: int) -> TaskLog:
    if not log or not is_open(log[-1]):
        log.append([now, 0])
    return log


def stop_log(log: TaskLog, now: int) -> TaskLog:
    if log and is_open(log[-1]):
        log[-1][1] = now
    return log


def refresh_task(state: SandboxState, task: Record, log: TaskLog) -> None:
    """Write the log back and everything derived from it (duration, running, start date)."""
    now = state.now()
    task["time_log"] = dump_log(log)
    task["duration"] = duration(log, now)
    task["is_running"] = bool(log) and is_open(log[-1])
    if log and log[0][0]:
        task["date"] = dt.datetime.fromtimestamp(int(log[0][0]), dt.UTC).date().isoformat()
    refresh_project(state, str(task.get("project_id") or ""), task)


def refresh_project(state: SandboxState, project_id: str, saving: Record | None = None) -> None:
    """``calculateProjectDuration``: the project's hours from all its (non-deleted) tasks.

    ``saving`` is a task being stored right now (not in the table until the hooks ran).
    """
    project = state.store.get("project", project_id) if project_id else None
    if project is None:
        return
    now = state.now()
    tasks = {t["id"]: t for t in state.store.where("task", project_id=project_id)}
    if saving is not None and saving.get("project_id") == project_id:
        tasks[saving["id"]] = saving
    seconds = sum(
        duration(parse_log(t.get("time_log")), now)
        for t in tasks.values()
        if not t.get("is_deleted")
    )
    project["current_hours"] = round(seconds / 3600)


def start_task(state: SandboxState, task: Record) -> None:
    if task.get("invoice_id"):
        return  # the real repository refuses to restart an invoiced task
    refresh_task(state, task, start_log(parse_log(task.get("time_log")), state.now()))


def stop_task(state: SandboxState, task: Record) -> None:
    refresh_task(state, task, stop_log(parse_log(task.get("time_log")), state.now()))


# ---------------------------------------------------------------- hooks


def _first_status(state: SandboxState) -> str:
    for status in state.store.rows("task_status"):
        if not status.get("archived_at") and not status.get("is_deleted"):
            return str(status["id"])
    return ""


def task_saved(event: SaveEvent) -> None:
    """TaskRepository::save plus the controller's triggeredActions."""
    call, task, body = event.call, event.record, event.body
    state = call.state
    if event.creating and not task.get("status_id"):
        task["status_id"] = _first_status(state)
    if event.creating and float(task.get("rate") or 0) <= 0:
        project = state.store.get("project", str(task.get("project_id") or ""))
        task["rate"] = float(project.get("task_rate") or 0) if project else 0.0
    if isinstance(body.get("description"), str):
        task["description"] = body["description"].strip()
    if "status_order" in body:
        with contextlib.suppress(TypeError, ValueError):
            order = body["status_order"]
            task["status_order"] = None if order is None else int(order)
    source = (
        body["time_log"]
        if "time_log" in body
        else (event.before or {}).get("time_log", task.get("time_log"))
    )
    log = sorted(parse_log(source), key=lambda e: int(e[0] or 0))
    now = state.now()
    action = body.get("action")
    if action in ("start", "resume"):
        log.append([now, 0])
    elif action == "stop":
        stop_log(log, now)
    refresh_task(state, task, log)
    if "is_running" in body and not log:
        task["is_running"] = str(body["is_running"]).lower() in ("1", "true", "on", "yes")
    if event.before is not None and event.before.get("project_id") != task.get("project_id"):
        refresh_project(state, str(event.before.get("project_id") or ""))
    if call.query("start") == "true":
        start_task(state, task)
    if call.query("stop") == "true":
        stop_task(state, task)


def project_saved(event: SaveEvent) -> None:
    refresh_project(event.call.state, str(event.record["id"]))


def invoice_saved(event: SaveEvent) -> None:
    """Line items that name a task mark the task invoiced (``task.invoice_id``)."""
    store = event.call.store
    for item in event.record.get("line_items") or []:
        task = store.get("task", str(item.get("task_id") or ""))
        if task is not None:
            task["invoice_id"] = event.record["id"]
            task["updated_at"] = event.call.state.now()


def invoice_deleted(call: Call, spec: EntitySpec, invoice: Record) -> None:
    """A deleted invoice releases its tasks, so they can be invoiced again."""
    for task in call.store.where("task", invoice_id=invoice["id"]):
        task["invoice_id"] = ""


def _task_project_changed(call: Call, spec: EntitySpec, task: Record) -> None:
    refresh_project(call.state, str(task.get("project_id") or ""))


# ---------------------------------------------------------------- bulk and routes


def bulk_template(
    call: Call, spec: EntitySpec, rows: list[Record], body: dict[str, Any]
) -> Response:
    """``template``: the real controllers queue a render and answer its hash (or "email sent")."""
    send = str(body.get("send_email", "")).lower() in ("1", "true")
    return message("email sent" if send else str(uuid.uuid4()))


def bulk_start(call: Call, spec: EntitySpec, rows: list[Record], body: dict[str, Any]) -> None:
    for task in rows:
        start_task(call.state, task)
        task["updated_at"] = call.state.now()


def bulk_stop(call: Call, spec: EntitySpec, rows: list[Record], body: dict[str, Any]) -> None:
    for task in rows:
        stop_task(call.state, task)
        task["updated_at"] = call.state.now()


async def sort_tasks(call: Call) -> Response:
    """POST tasks/sort ``{status_ids: [...], task_ids: {status_id: [task ids]}}``."""
    body = await call.body()
    now = call.state.now()
    status_ids = body.get("status_ids")
    for index, status_id in enumerate(status_ids if isinstance(status_ids, list) else []):
        status = call.store.get("task_status", str(status_id))
        if status is not None:
            status["status_order"] = index
            status["updated_at"] = now
    task_ids = body.get("task_ids")
    for status_id, listed in task_ids.items() if isinstance(task_ids, dict) else []:
        for index, task_id in enumerate(listed if isinstance(listed, list) else []):
            task = call.store.get("task", str(task_id))
            if task is not None:
                task["status_order"] = index
                task["status_id"] = str(status_id)
                task["updated_at"] = now
    return message("Ok")


def _client_status(ctx: FilterContext, rows: list[Record], value: str) -> list[Record]:
    wanted = set(value.split(","))
    if "all" in wanted:
        return rows
    if "invoiced" in wanted:
        rows = [r for r in rows if r.get("invoice_id")]
    if "uninvoiced" in wanted:
        rows = [r for r in rows if not r.get("invoice_id")]
    if "is_running" in wanted:
        rows = [r for r in rows if r.get("is_running")]
    return rows


def _project_tasks(ctx: FilterContext, rows: list[Record], value: str) -> list[Record]:
    return [r for r in rows if r.get("project_id") == value]


def _task_status(ctx: FilterContext, rows: list[Record], value: str) -> list[Record]:
    """Tasks in one of the statuses that are not invoiced yet (the real filter adds that)."""
    wanted = set(value.split(","))
    return [r for r in rows if r.get("status_id") in wanted and not r.get("invoice_id")]


def _equals(column: str) -> filters.Filter:
    def apply(ctx: FilterContext, rows: list[Record], value: str) -> list[Record]:
        return [r for r in rows if r.get(column) == value]

    return apply


def install(reg: Registry) -> None:
    if TASK_STATUSES.route not in reg.specs:
        reg.add_entity(TASK_STATUSES)
        for action in GENERIC_BULK:
            reg.bulk_action(TASK_STATUSES.route, action)(_generic(action))
    reg.on_save("tasks")(task_saved)
    reg.on_save("projects")(project_saved)
    reg.on_save("invoices")(invoice_saved)
    reg.after_action("invoices", "delete")(invoice_deleted)
    for action in ("archive", "restore", "delete"):
        reg.after_action("tasks", action)(_task_project_changed)
    reg.bulk_action("tasks", "template")(bulk_template)
    reg.bulk_action("projects", "template")(bulk_template)
    reg.bulk_action("tasks", "start")(bulk_start)
    reg.bulk_action("tasks", "stop")(bulk_stop)
    reg.add_routes([Route(f"{PREFIX}/tasks/sort", api(sort_tasks), methods=["POST"])])
    filters.ENTITY_FILTERS.setdefault("tasks", {}).update(
        {
            "client_status": _client_status,
            "project_tasks": _project_tasks,
            "task_status": _task_status,
            "user_id": _equals("user_id"),
            "assigned_user": _equals("assigned_user_id"),
        }
    )


def _generic(action: str) -> Any:
    def handler(call: Call, spec: EntitySpec, rows: list[Record], body: dict[str, Any]) -> None:
        for row in rows:
            lifecycle.ACTIONS[action](call, spec, row)

    return handler


__all__ = ["TASK_STATUSES", "duration", "install", "parse_log", "start_task", "stop_task"]
