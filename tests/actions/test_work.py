"""Projects and tasks through Toolbox.run: create, the timer, log_time and invoice_tasks."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ninja_tools import present
from ninja_tools.actions.task_invoices import TaskInvoice
from ninja_tools.actions.timelog import LoggedTime
from ninja_tools.errors import InvalidInput, NinjaError
from ninja_tools.sandbox import SandboxState
from ninja_tools.toolbox import Toolbox

from .conftest import Recorder


def task(state: SandboxState, description: str) -> dict[str, Any]:
    return next(t for t in state.store.rows("task") if t["description"] == description)


def named(state: SandboxState, kind: str, name: str) -> dict[str, Any]:
    return next(r for r in state.store.rows(kind) if r.get("name") == name)


def log_of(record: dict[str, Any]) -> list[list[Any]]:
    entries: list[list[Any]] = json.loads(record["time_log"])
    return entries


def hours(record: dict[str, Any]) -> float:
    return round(sum(e[1] - e[0] for e in log_of(record)) / 3600, 2)


def writes(recorder: Recorder) -> list[tuple[str, str]]:
    return [(m, p) for m, p in recorder.sent if m != "GET" and not p.endswith("/refresh")]


# -- projects and tasks -----------------------------------------------------------------------

async def test_create_project_for_a_client_by_name(toolbox: Toolbox, state: SandboxState) -> None:
    result = await toolbox.run("create_project", {
        "name": "Acme App", "client": "acme corporation", "budgeted_hours": 20,
        "task_rate": 110, "due_date": "2026-06-30"})
    assert isinstance(result, present.Project) and result.client_name == "Acme Corporation"
    stored = state.store.get("project", result.id) or {}
    assert stored["client_id"] == named(state, "client", "Acme Corporation")["id"]
    assert (stored["task_rate"], stored["budgeted_hours"], stored["due_date"]) == (
        110, 20, "2026-06-30")


async def test_create_project_invalid_input_sends_nothing(
    toolbox: Toolbox, recorder: Recorder
) -> None:
    with pytest.raises(InvalidInput) as caught:
        await toolbox.run("create_project", {"client": "Acme Corporation"})
    assert "name" in caught.value.field_errors
    with pytest.raises(InvalidInput):
        await toolbox.run("create_project", {"name": "No client"})
    assert recorder.sent == []


async def test_create_task_on_a_project_and_start_it(
    toolbox: Toolbox, state: SandboxState
) -> None:
    result = await toolbox.run("create_task", {
        "description": "Accessibility audit", "project": "Acme Website Redesign",
        "start": True})
    assert isinstance(result, present.Task) and result.is_running
    stored = state.store.get("task", result.id) or {}
    project = named(state, "project", "Acme Website Redesign")
    assert stored["project_id"] == project["id"]
    assert stored["client_id"] == project["client_id"]
    assert stored["is_running"] is True and stored["rate"] == 120


async def test_create_task_with_a_project_of_another_client_is_refused(
    toolbox: Toolbox, state: SandboxState, recorder: Recorder
) -> None:
    tasks = len(state.store.rows("task"))
    with pytest.raises(NinjaError, match="another client"):
        await toolbox.run("create_task", {
            "description": "Mixed up", "client": "Globex",
            "project_id": named(state, "project", "Acme Website Redesign")["id"]})
    assert len(state.store.rows("task")) == tasks and writes(recorder) == []


async def test_create_task_invalid_input_sends_nothing(
    toolbox: Toolbox, recorder: Recorder
) -> None:
    with pytest.raises(InvalidInput) as caught:
        await toolbox.run("create_task", {"description": "", "client": "Globex"})
    assert "description" in caught.value.field_errors
    assert recorder.sent == []


async def test_start_and_stop_read_back_running_and_hours(
    toolbox: Toolbox, state: SandboxState
) -> None:
    review = task(state, "Security review notes")
    started = await toolbox.run("start_task", {"id": review["id"]})
    assert isinstance(started, present.Task) and started.is_running
    assert (state.store.get("task", review["id"]) or {})["is_running"] is True
    state.clock.advance(1800)
    stopped = await toolbox.run("stop_task", {"id": review["id"]})
    stored = state.store.get("task", review["id"]) or {}
    assert isinstance(stopped, present.Task) and not stopped.is_running
    assert stored["is_running"] is False and len(log_of(stored)) == 2
    assert stopped.hours == pytest.approx(hours(stored), abs=0.01)
    assert stopped.hours is not None and stopped.hours >= 1.5


async def test_start_refuses_an_invoiced_task(
    toolbox: Toolbox, state: SandboxState, recorder: Recorder
) -> None:
    with pytest.raises(NinjaError, match="already invoiced"):
        await toolbox.run("start_task", {"id": task(state, "Quarterly support call")["id"]})
    assert writes(recorder) == []


async def test_timer_invalid_input_sends_nothing(toolbox: Toolbox, recorder: Recorder) -> None:
    for name in ("start_task", "stop_task"):
        with pytest.raises(InvalidInput) as caught:
            await toolbox.run(name, {"id": "not an id!"})
        assert "id" in caught.value.field_errors
    assert recorder.sent == []


# -- log_time ---------------------------------------------------------------------------------

async def test_log_time_appends_and_keeps_every_entry(
    toolbox: Toolbox, state: SandboxState
) -> None:
    wireframes = task(state, "Wireframes for the new home page")
    before = log_of(wireframes)
    result = await toolbox.run("log_time", {
        "id": wireframes["id"], "date": "2026-03-12", "hours": 1.5,
        "description": "Review with the client"})
    assert isinstance(result, LoggedTime) and result.entries == len(before) + 1
    after = log_of(state.store.get("task", wireframes["id"]) or {})
    assert all(entry in after for entry in before)
    added = next(e for e in after if e not in before)
    assert added[1] - added[0] == 5400 and added[2:] == ["Review with the client", True]
    assert result.logged.hours == 1.5 and result.logged.start.startswith("2026-03-12T09:00")

    second = await toolbox.run("log_time", {
        "id": wireframes["id"], "date": "2026-03-12", "start": "13:00", "end": "14:15",
        "billable": False})
    final = log_of(state.store.get("task", wireframes["id"]) or {})
    assert isinstance(second, LoggedTime) and len(final) == len(before) + 2
    assert all(entry in final for entry in after)
    assert any(e[1] - e[0] == 4500 and e[3] is False for e in final)
    assert second.task.hours == pytest.approx(hours(state.store.get("task", wireframes["id"])
                                                    or {}), abs=0.01)


async def test_log_time_refuses_time_after_a_running_timer(
    toolbox: Toolbox, state: SandboxState, recorder: Recorder
) -> None:
    form = task(state, "Build the contact form")
    with pytest.raises(NinjaError, match="running"):
        await toolbox.run("log_time", {"id": form["id"], "hours": 1})
    assert log_of(state.store.get("task", form["id"]) or {}) == log_of(form)
    assert writes(recorder) == []


async def test_log_time_invalid_input_sends_nothing(
    toolbox: Toolbox, state: SandboxState, recorder: Recorder
) -> None:
    some = task(state, "Wireframes for the new home page")["id"]
    with pytest.raises(InvalidInput) as caught:
        await toolbox.run("log_time", {"id": some, "hours": 0})
    assert "hours" in caught.value.field_errors
    for bad in ({"start": "10:00"}, {"hours": 1, "start": "10:00", "end": "11:00"},
                {"start": "11:00", "end": "10:00"}, {"start": "25:00", "end": "26:00"}):
        with pytest.raises(InvalidInput):
            await toolbox.run("log_time", {"id": some, **bad})
    assert recorder.sent == []


# -- invoice_tasks ----------------------------------------------------------------------------

async def test_invoice_tasks_refuses_a_running_task_before_any_write(
    toolbox: Toolbox, state: SandboxState, recorder: Recorder
) -> None:
    invoices = len(state.store.rows("invoice"))
    with pytest.raises(NinjaError, match="still running"):
        await toolbox.run("invoice_tasks", {"project": "Acme Website Redesign"})
    assert len(state.store.rows("invoice")) == invoices and writes(recorder) == []


async def test_invoice_tasks_refuses_an_invoiced_task(
    toolbox: Toolbox, state: SandboxState, recorder: Recorder
) -> None:
    ids = [task(state, "Security review notes")["id"], task(state, "Quarterly support call")["id"]]
    with pytest.raises(NinjaError, match="already invoiced"):
        await toolbox.run("invoice_tasks", {"task_ids": ids})
    assert writes(recorder) == []


async def test_invoice_a_projects_tasks_hours_times_rate(
    toolbox: Toolbox, state: SandboxState
) -> None:
    form = task(state, "Build the contact form")
    await toolbox.run("stop_task", {"id": form["id"]})
    result = await toolbox.run("invoice_tasks", {"project": "Acme Website Redesign",
                                                 "due_date": "2026-04-15"})
    assert isinstance(result, TaskInvoice)
    project = named(state, "project", "Acme Website Redesign")
    tasks = [t for t in state.store.rows("task") if t["project_id"] == project["id"]]
    assert sorted(result.tasks) == sorted(t["id"] for t in tasks)
    invoice = state.store.get("invoice", result.id) or {}
    assert all(t["invoice_id"] == invoice["id"] for t in tasks)
    assert invoice["amount"] == pytest.approx(sum(hours(t) * 120 for t in tasks))
    lines = {i["task_id"]: i for i in invoice["line_items"]}
    assert {tid: (float(i["quantity"]), float(i["cost"])) for tid, i in lines.items()} == {
        t["id"]: (hours(t), 120.0) for t in tasks}
    assert invoice["project_id"] == project["id"] and invoice["due_date"] == "2026-04-15"
    assert lines[form["id"]]["notes"] == "Build the contact form"


async def test_invoice_a_clients_tasks_at_the_task_rate_billable_time_only(
    toolbox: Toolbox, state: SandboxState
) -> None:
    review = task(state, "Security review notes")
    billable = hours(review)
    await toolbox.run("log_time", {"id": review["id"], "date": "2026-03-10", "hours": 2,
                                   "billable": False})
    result = await toolbox.run("invoice_tasks", {"client": "Stark Industries"})
    assert isinstance(result, TaskInvoice) and result.tasks == [review["id"]]
    assert result.amount == pytest.approx(billable * 150) and review["invoice_id"] == result.id
    assert result.line_items and result.line_items[0].quantity == billable


async def test_invoice_tasks_invalid_input_sends_nothing(
    toolbox: Toolbox, recorder: Recorder
) -> None:
    with pytest.raises(InvalidInput) as caught:
        await toolbox.run("invoice_tasks", {"client": "Stark Industries", "rate": -1})
    assert "rate" in caught.value.field_errors
    for bad in ({}, {"task_ids": ["abc"], "project": "X"}, {"task_ids": ""},
                {"project": "X", "project_id": "abc"}):
        with pytest.raises(InvalidInput):
            await toolbox.run("invoice_tasks", bad)
    assert recorder.sent == []
