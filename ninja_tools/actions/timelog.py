"""A task's time log, and ``log_time``, which adds a finished entry to it.

``time_log`` is a JSON string of ``[start_unix, end_unix, description, billable]`` entries
(``end`` 0 while the timer runs). Time is added by reading the log, appending one entry and
writing the whole log back; entries already there are never dropped or changed.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, Field, model_validator

from .. import present
from ..client import api_path
from ..errors import NinjaError
from .base import Action, ActionInput, Route
from .context import Context
from .fields import IsoDate, RecordId
from .shaping import data_of, shaped

__all__ = ["ACTIONS", "billable_seconds", "is_running", "parse_log", "read_task", "span",
           "task_label"]

_CLOCK = r"^([01]?\d|2[0-3]):[0-5]\d$"
_DAY_STARTS = dt.time(9, 0)


def parse_log(raw: Any) -> list[list[Any]]:
    """The entries of a task's ``time_log`` (a JSON string); junk reads as none."""
    try:
        log = json.loads(raw) if isinstance(raw, str) and raw.strip() else raw or []
    except ValueError:
        return []
    return [list(e) for e in log if isinstance(e, list) and e] if isinstance(log, list) else []


def span(entry: list[Any]) -> tuple[int, int]:
    """An entry's unix start and end (end 0 while it runs); junk reads as (0, 0)."""
    try:
        return int(entry[0] or 0), (int(entry[1] or 0) if len(entry) > 1 else 0)
    except (TypeError, ValueError):
        return 0, 0


def is_running(task: dict[str, Any]) -> bool:
    """Whether the task's timer runs: its flag, or a last entry still open."""
    log = parse_log(task.get("time_log"))
    return bool(task.get("is_running")) or bool(log and span(log[-1])[1] == 0)


def billable_seconds(task: dict[str, Any]) -> int:
    """Billable seconds of the finished entries: an entry whose 4th item is false is not
    billable; one without it is."""
    log = parse_log(task.get("time_log"))
    if not log:
        return int(task.get("duration") or 0)
    billable = [e for e in log if len(e) < 4 or e[3] is not False]
    return sum(max(0, end - start) for start, end in map(span, billable) if end)


async def read_task(ctx: Context, task_id: str) -> dict[str, Any]:
    """The task as Invoice Ninja has it now; a deleted one is refused."""
    path = api_path("tasks/{id}", id=task_id)
    task = data_of(await ctx.client.get(path), f"GET {path}")
    if task.get("is_deleted"):
        raise NinjaError(f"Task {task_label(task)} is deleted.",
                         hint="Restore it with restore_tasks first.")
    return task


def task_label(task: dict[str, Any]) -> str:
    """How messages name a task: its number and the start of its description."""
    number = str(task.get("number") or task.get("id") or "")
    description = str(task.get("description") or "").strip()
    return f"{number} ({description[:60]})" if description else number


# -- log_time ---------------------------------------------------------------------------------

class LogTimeInput(ActionInput):
    id: RecordId = Field(description="Hashed id of the task")
    date: IsoDate | None = Field(default=None, description="The day worked (default today)")
    hours: float | None = Field(default=None, gt=0, le=24,
                                description="Hours worked; or give start and end")
    start: str | None = Field(default=None, pattern=_CLOCK,
                              description="Start time HH:MM, company time zone")
    end: str | None = Field(default=None, pattern=_CLOCK,
                            description="End time HH:MM, same day")
    description: str = Field(default="", max_length=1000, description="What was done")
    billable: bool = Field(default=True, description="Whether the time is billable")

    @model_validator(mode="after")
    def _check(self) -> Self:
        if (self.start is None) != (self.end is None):
            raise ValueError("give start and end together")
        if (self.hours is None) == (self.start is None):
            raise ValueError("give hours, or start and end (not both)")
        if self.start and self.end and _minutes(self.end) <= _minutes(self.start):
            raise ValueError("end must be after start on the same day")
        return self


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


class TimeEntry(BaseModel):
    """One entry of a task's time log, in the company's time zone."""

    start: str
    end: str
    hours: float
    description: str | None = None
    billable: bool


class LoggedTime(BaseModel):
    """The task after the time was added, and the entry that was added."""

    task: present.Task
    logged: TimeEntry
    entries: int = Field(description="Entries in the task's time log now")


async def _company_zone(ctx: Context) -> dt.tzinfo:
    """The company's time zone (``settings.timezone_id``), UTC when it cannot be read."""
    zone_id = (await ctx.identity()).timezone_id
    zones = (await ctx.statics()).get("timezones") or []
    name = next((str(z.get("name")) for z in zones
                 if isinstance(z, dict) and str(z.get("id")) == zone_id), "")
    try:
        return ZoneInfo(name) if name else dt.UTC
    except (ZoneInfoNotFoundError, ValueError):
        return dt.UTC


def _entry_span(args: LogTimeInput, day: dt.date, zone: dt.tzinfo,
                log: list[list[Any]]) -> tuple[int, int]:
    """Unix start and end of the new entry; ``hours`` alone starts at 09:00 or after the day's
    last entry."""
    if args.start and args.end:
        begin = dt.datetime.combine(day, dt.time.fromisoformat(args.start.zfill(5)), zone)
        finish = dt.datetime.combine(day, dt.time.fromisoformat(args.end.zfill(5)), zone)
        return int(begin.timestamp()), int(finish.timestamp())
    start = int(dt.datetime.combine(day, _DAY_STARTS, zone).timestamp())
    day_end = int(dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), zone).timestamp())
    ends = [end for begin, end in map(span, log) if end and start <= end < day_end]
    start = max([start, *ends])
    return start, start + round((args.hours or 0) * 3600)


def _iso(stamp: int, zone: dt.tzinfo) -> str:
    return dt.datetime.fromtimestamp(stamp, zone).isoformat(timespec="minutes")


async def _log_time(ctx: Context, args: LogTimeInput) -> LoggedTime:
    task = await read_task(ctx, args.id)
    if task.get("invoice_id"):
        raise NinjaError(f"Task {task_label(task)} is already invoiced; time added now would never "
                         "be billed.", hint="Log the time on a new task (create_task).")
    zone = await _company_zone(ctx)
    log = parse_log(task.get("time_log"))
    start, end = _entry_span(args, dt.date.fromisoformat(args.date or ctx.today().isoformat()),
                             zone, log)
    open_starts = [begin for begin, finish in map(span, log) if not finish]
    if open_starts and start >= min(open_starts):
        raise NinjaError(f"The timer of task {task_label(task)} is running since before this time.",
                         hint="Stop it with stop_task first, then log the time.")
    entry = [start, end, args.description, args.billable]
    new_log = sorted([*log, entry], key=lambda e: span(e)[0])
    answer = await ctx.client.put(api_path("tasks/{id}", id=args.id),
                                  {"time_log": json.dumps(new_log)})
    ctx.forget("tasks")
    after = data_of(answer, f"PUT tasks/{args.id}")
    kept = {span(e) for e in parse_log(after.get("time_log"))}
    lost = [e for e in [*log, entry] if span(e) not in kept]
    if lost:
        raise NinjaError(f"Task {task_label(after)}'s time log came back without {len(lost)} "
                         "entries.", hint="Read it with get_task and fix it with update_task.")
    shaped_task = await shaped(ctx, "task", after)
    assert isinstance(shaped_task, present.Task)
    return LoggedTime(
        task=shaped_task, entries=len(kept),
        logged=TimeEntry(start=_iso(start, zone), end=_iso(end, zone),
                         hours=round((end - start) / 3600, 2),
                         description=args.description or None, billable=args.billable))


ACTIONS: list[Action] = [
    Action(
        name="log_time", title="Log time on a task",
        description="Add a finished time entry (hours, or start and end times, on a day) to a "
        "task, keeping every entry already there. Use start_task and stop_task to time work "
        "as it happens.",
        input=LogTimeInput, output=LoggedTime, risk="write", permission="edit_task",
        toolset="tasks", route=Route("PUT", "tasks/{id}"), run=_log_time,
        routes=(Route("PUT", "tasks/{id}"), Route("GET", "tasks/{id}"), Route("POST", "refresh"),
                Route("GET", "statics")),
    ),
]
