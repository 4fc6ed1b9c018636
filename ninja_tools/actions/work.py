"""Projects and tasks by name: create them for a client or project named in words, and run a
task's timer. ``log_time`` and ``invoice_tasks`` live next door and are listed here too.
"""

from __future__ import annotations

from typing import Annotated, Any, Self

from pydantic import BaseModel, Field, model_validator

from .. import present
from ..errors import NinjaError
from . import task_invoices, timelog
from .base import Action, ActionInput, Route
from .context import Context
from .fields import IsoDate, RecordId, exclusive
from .lookup import resolve_client, resolve_client_and_project
from .shaping import data_of, shaped
from .timelog import is_running, read_task, task_label

__all__ = ["ACTIONS"]

_Name = Annotated[str, Field(min_length=1, max_length=200)]


# -- create_project ---------------------------------------------------------------------------

class CreateProjectInput(ActionInput):
    name: _Name = Field(description="The project's name")
    client: _Name | None = Field(default=None, description="Client: its name or e-mail")
    client_id: RecordId | None = Field(default=None, description="Or the client's hashed id")
    budgeted_hours: float | None = Field(default=None, ge=0, le=1e6,
                                         description="Hours budgeted")
    task_rate: float | None = Field(default=None, ge=0, le=1e7,
                                    description="Hourly rate for its tasks")
    due_date: IsoDate | None = Field(default=None, description="When it is due")
    notes: str | None = Field(default=None, max_length=5000, description="Public notes")

    @model_validator(mode="after")
    def _check(self) -> Self:
        if (self.client is None) == (self.client_id is None):
            raise ValueError("give client or client_id (exactly one)")
        return self


async def _create_project(ctx: Context, args: CreateProjectInput) -> BaseModel:
    client = await resolve_client(ctx, client_id=args.client_id, client=args.client)
    body = {k: v for k, v in {
        "name": args.name, "client_id": client.id, "budgeted_hours": args.budgeted_hours,
        "task_rate": args.task_rate, "due_date": args.due_date, "public_notes": args.notes,
    }.items() if v is not None}
    record = data_of(await ctx.client.post("projects", body), "POST projects")
    ctx.forget("projects")
    return await shaped(ctx, "project", record)


# -- create_task ------------------------------------------------------------------------------

class CreateTaskInput(ActionInput):
    description: str = Field(min_length=1, max_length=5000, description="What the work is")
    client: _Name | None = Field(default=None, description="Client: its name or e-mail")
    client_id: RecordId | None = Field(default=None, description="Or the client's hashed id")
    project: _Name | None = Field(default=None, description="Project: its name (its client "
                                  "is used when no client is given)")
    project_id: RecordId | None = Field(default=None, description="Or the project's hashed id")
    rate: float | None = Field(default=None, ge=0, le=1e7,
                               description="Hourly rate (default: the project's task rate)")
    start: bool = Field(default=False, description="Start its timer now")

    @model_validator(mode="after")
    def _check(self) -> Self:
        exclusive(self, ("client", "client_id"), ("project", "project_id"))
        return self


async def _create_task(ctx: Context, args: CreateTaskInput) -> BaseModel:
    client_id, project = await resolve_client_and_project(
        ctx, client=args.client, client_id=args.client_id, project=args.project,
        project_id=args.project_id)
    body = {k: v for k, v in {
        "description": args.description, "client_id": client_id,
        "project_id": project.id if project else None, "rate": args.rate,
    }.items() if v is not None}
    answer = await ctx.client.post("tasks", body, params={"start": "true"} if args.start else None)
    ctx.forget("tasks")
    return await shaped(ctx, "task", data_of(answer, "POST tasks"))


# -- start_task, stop_task --------------------------------------------------------------------

class TaskIdInput(ActionInput):
    id: RecordId = Field(description="Hashed id of the task")


def _timer(action: str) -> Any:
    async def run(ctx: Context, args: TaskIdInput) -> BaseModel:
        task = await read_task(ctx, args.id)
        if action == "start" and task.get("invoice_id"):
            raise NinjaError(f"Task {task_label(task)} is already invoiced; Invoice Ninja does not "
                             "restart invoiced tasks.", hint="Create a new task for more work.")
        if is_running(task) == (action == "start"):
            return await shaped(ctx, "task", task)  # already as asked: nothing to send
        await ctx.client.post("tasks/bulk", {"action": action, "ids": [args.id]})
        ctx.forget("tasks")
        after = await read_task(ctx, args.id)
        if is_running(after) != (action == "start"):
            raise NinjaError(
                f"Invoice Ninja did not {action} the timer of task {task_label(after)}.",
                hint="Check that the token may edit this task (edit_task).")
        return await shaped(ctx, "task", after)

    return run


ACTIONS: list[Action] = [
    Action(
        name="create_project", title="Create a project",
        description="Create a project for a client named in words (or by id), with its budget, "
        "hourly rate and due date. Use update_project to change one.",
        input=CreateProjectInput, output=present.Project, risk="write",
        permission="create_project", toolset="projects", route=Route("POST", "projects"),
        run=_create_project, kind="create",
        routes=(Route("POST", "projects"), Route("GET", "clients")),
    ),
    Action(
        name="create_task", title="Create a task",
        description="Create a task for a client or project named in words (or by id), "
        "optionally starting its timer. Use log_time to add time already worked.",
        input=CreateTaskInput, output=present.Task, risk="write", permission="create_task",
        toolset="tasks", route=Route("POST", "tasks"), run=_create_task, kind="create",
        routes=(Route("POST", "tasks"), Route("GET", "clients"), Route("GET", "projects")),
    ),
    Action(
        name="start_task", title="Start a task's timer",
        description="Start the timer of one task and return it running, with its hours so far. "
        "Use start_tasks to start several at once.",
        input=TaskIdInput, output=present.Task, risk="write", permission="edit_task",
        toolset="tasks", route=Route("POST", "tasks/bulk"), run=_timer("start"),
        routes=(Route("POST", "tasks/bulk"), Route("GET", "tasks/{id}")),
    ),
    Action(
        name="stop_task", title="Stop a task's timer",
        description="Stop the timer of one task and return it with its hours. Use stop_tasks "
        "to stop several at once.",
        input=TaskIdInput, output=present.Task, risk="write", permission="edit_task",
        toolset="tasks", route=Route("POST", "tasks/bulk"), run=_timer("stop"),
        routes=(Route("POST", "tasks/bulk"), Route("GET", "tasks/{id}")),
    ),
    *timelog.ACTIONS,
    *task_invoices.ACTIONS,
]
