"""``invoice_tasks``: one invoice from tasks, a line per task at hours x rate, tasks invoiced.

Everything that could make the invoice wrong (a running or already invoiced task, tasks of two
clients, a task without a rate) is refused before anything is written.
"""

from __future__ import annotations

from typing import Annotated, Any, Self

from pydantic import BeforeValidator, Field, model_validator

from .. import present
from ..client import api_path
from ..errors import NinjaError
from .base import Action, ActionInput, Route
from .context import Context
from .fields import IsoDate, RecordId, exclusive, split_list
from .lookup import resolve_client, resolve_client_and_project
from .shaping import data_of, shaped
from .timelog import billable_seconds, is_running, read_task, task_label

__all__ = ["ACTIONS"]

_Name = Annotated[str, Field(min_length=1, max_length=200)]


# -- invoice_tasks ----------------------------------------------------------------------------

class InvoiceTasksInput(ActionInput):
    task_ids: Annotated[list[RecordId] | None, BeforeValidator(split_list)] = Field(
        default=None, max_length=200, description="Hashed ids of the tasks to invoice")
    project: _Name | None = Field(default=None, description="Or every uninvoiced task of this "
                                  "project (its name)")
    project_id: RecordId | None = Field(default=None, description="Or the project's hashed id")
    client: _Name | None = Field(default=None, description="Or every uninvoiced task of this "
                                 "client (name or e-mail); with project, the project's client")
    client_id: RecordId | None = Field(default=None, description="Or the client's hashed id")
    rate: float | None = Field(default=None, gt=0, le=1e7, description="Hourly rate for tasks "
                               "with none of their own, their project's or their client's")
    date: IsoDate | None = Field(default=None, description="Invoice date (default today)")
    due_date: IsoDate | None = Field(default=None, description="Due date")

    @model_validator(mode="after")
    def _check(self) -> Self:
        exclusive(self, ("client", "client_id"), ("project", "project_id"))
        chosen = [self.task_ids is not None, bool(self.project or self.project_id),
                  bool(self.client or self.client_id)]
        if not any(chosen):
            raise ValueError("give task_ids, a project or a client")
        if chosen[0] and (chosen[1] or chosen[2]):
            raise ValueError("give task_ids alone, without project or client")
        if self.task_ids is not None and not self.task_ids:
            raise ValueError("task_ids is empty")
        if self.due_date and self.date and self.due_date < self.date:
            raise ValueError("due_date is before date")
        return self


class TaskInvoice(present.Document):
    """The new invoice, one line per task, and the tasks it now carries."""

    tasks: list[str] = Field(description="Hashed ids of the tasks on the invoice")
    left_out: list[str] | None = Field(default=None,
                                       description="Tasks of the project or client left out")


async def _chosen_tasks(ctx: Context, args: InvoiceTasksInput,
                        ) -> tuple[list[dict[str, Any]], list[str]]:
    """The tasks to invoice, and the ones of a project or client left out (no billable time)."""
    if args.task_ids is not None:
        tasks = [await read_task(ctx, task_id) for task_id in dict.fromkeys(args.task_ids)]
        invoiced = [t for t in tasks if t.get("invoice_id")]
        if invoiced:
            raise NinjaError(f"Task {task_label(invoiced[0])} is already invoiced; nothing was "
                             "invoiced.", hint="Leave it out of task_ids.")
        empty = [t for t in tasks if billable_seconds(t) <= 0 and not is_running(t)]
        if empty:
            raise NinjaError(f"Task {task_label(empty[0])} has no billable time logged; nothing "
                             "was invoiced.", hint="Log time with log_time, or leave it out.")
        return tasks, []
    client_id, project = await resolve_client_and_project(
        ctx, client=args.client, client_id=args.client_id, project=args.project,
        project_id=args.project_id)
    query = ({"project_tasks": project.id} if project else {"client_id": client_id})
    rows = [t async for t in ctx.client.paginate(
        "tasks", {**query, "client_status": "uninvoiced", "status": "active"})]
    rows = [t for t in rows if not t.get("invoice_id") and not t.get("is_deleted")]
    left_out = [f"{task_label(t)}: no billable time logged" for t in rows
                if billable_seconds(t) <= 0 and not is_running(t)]
    tasks = [t for t in rows if billable_seconds(t) > 0 or is_running(t)]
    if not tasks:
        what = f"project {project.name}" if project else "this client"
        raise NinjaError(f"There are no uninvoiced tasks with billable time on {what}.",
                         hint="list_tasks with client_status=uninvoiced shows what is left.")
    return tasks, left_out


async def _rates(ctx: Context, tasks: list[dict[str, Any]], fallback: float | None,
                 ) -> dict[str, float]:
    """Each task's hourly rate: its own, else its project's, else its client's, else
    ``fallback``; refuses when a task has none."""
    projects: dict[str, dict[str, Any]] = {}
    clients: dict[str, dict[str, Any]] = {}
    rates: dict[str, float] = {}
    for task in tasks:
        rate = float(task.get("rate") or 0)
        project_id = str(task.get("project_id") or "")
        if rate <= 0 and project_id:
            if project_id not in projects:
                path = api_path("projects/{id}", id=project_id)
                projects[project_id] = data_of(await ctx.client.get(path), f"GET {path}")
            rate = float(projects[project_id].get("task_rate") or 0)
        client_id = str(task.get("client_id") or "")
        if rate <= 0 and client_id:
            if client_id not in clients:
                clients[client_id] = (await resolve_client(ctx, client_id=client_id)).record
            settings = clients[client_id].get("settings") or {}
            rate = float(settings.get("default_task_rate") or 0)
        rate = rate if rate > 0 else fallback or 0.0
        if rate <= 0:
            raise NinjaError(f"Task {task_label(task)} has no rate, nor has its project or client; "
                             "nothing was invoiced.", hint="Pass rate, or set the task's rate.")
        rates[str(task["id"])] = rate
    return rates


async def _invoice_tasks(ctx: Context, args: InvoiceTasksInput) -> TaskInvoice:
    tasks, left_out = await _chosen_tasks(ctx, args)
    running = [t for t in tasks if is_running(t)]
    if running:
        raise NinjaError(f"Task {task_label(running[0])} is still running; nothing was invoiced.",
                         hint="Stop it with stop_task first.")
    client_ids = {str(t.get("client_id") or "") for t in tasks}
    if "" in client_ids:
        bare = next(t for t in tasks if not t.get("client_id"))
        raise NinjaError(f"Task {task_label(bare)} has no client; nothing was invoiced.",
                         hint="Set its client with update_task first.")
    if len(client_ids) > 1:
        raise NinjaError("These tasks belong to different clients; one invoice has one client.",
                         hint="Invoice each client's tasks separately.")
    rates = await _rates(ctx, tasks, args.rate)
    lines = [{"notes": str(t.get("description") or "").strip() or f"Task {t.get('number')}",
              "quantity": round(billable_seconds(t) / 3600, 2), "cost": rates[str(t["id"])],
              "task_id": t["id"], "type_id": "2"} for t in tasks]
    projects = {str(t.get("project_id") or "") for t in tasks}
    body: dict[str, Any] = {"client_id": client_ids.pop(), "line_items": lines}
    body.update({k: v for k, v in (("date", args.date), ("due_date", args.due_date)) if v})
    if len(projects) == 1 and "" not in projects:
        body["project_id"] = projects.pop()
    invoice = data_of(await ctx.client.post("invoices", body), "POST invoices")
    ctx.forget("invoices", "tasks")
    unlinked = [task_label(t) for t in [await read_task(ctx, str(t["id"])) for t in tasks]
                if t.get("invoice_id") != invoice.get("id")]
    if unlinked:
        left_out = [*left_out, *(f"{label}: on the invoice but not marked invoiced"
                                 for label in unlinked)]
    document = await shaped(ctx, "invoice", invoice)
    return TaskInvoice(**document.model_dump(exclude_none=True),
                       tasks=[str(t["id"]) for t in tasks], left_out=left_out or None)


ACTIONS: list[Action] = [
    Action(
        name="invoice_tasks", title="Invoice tasks",
        description="Create an invoice from tasks: the ones named, or every uninvoiced task of "
        "a project or client, one line per task (hours x rate), marking them invoiced. Use "
        "create_invoice for invoices not made of tasks.",
        input=InvoiceTasksInput, output=TaskInvoice, risk="write", permission="create_invoice",
        toolset="tasks", route=Route("POST", "invoices"), run=_invoice_tasks,
        routes=(Route("POST", "invoices"), Route("GET", "tasks"), Route("GET", "tasks/{id}"),
                Route("GET", "projects/{id}"), Route("GET", "clients/{id}")),
    ),
]
