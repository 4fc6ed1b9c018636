"""Task schedulers: scheduled statements, reports and e-mails (admin-only).

Real facts kept (``TaskSchedulerController``, ``StoreSchedulerRequest``, ``SchedulerFactory``,
``SchedulerTransformer``):

* Store and update alike: ``next_run`` is required (a ``Y-m-d`` date, today or later) and
  so is ``template``; a body without ``template`` crashes ``prepareForValidation`` (500).
  ``frequency_id`` is 1-12; the ``email_record`` template forces it to 0.
  ``parameters.date_range`` must be a known range; ``custom`` needs both dates.
* ``POST task_schedulers/bulk`` knows only archive, restore and delete; any other action
  is 400 ``{"message":"Bulk action does not exist"}``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from .calls import Call, api
from .entities import EntitySpec
from .failures import ApiError, ServerError, invalid_selection, required
from .registry import Registry, SaveEvent
from .resources import PREFIX, run_bulk
from .store import Record

DATE_RANGES = ("last7_days", "last30_days", "last365_days", "this_month", "last_month",
               "this_quarter", "last_quarter", "this_year", "last_year", "all_time", "custom",
               "all")


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def validate_schedule(
    call: Call, spec: EntitySpec, record: Record | None, body: dict[str, Any]
) -> dict[str, list[str]]:
    if "template" not in body:
        raise ServerError()  # $input['template'] read unguarded in prepareForValidation
    errors: dict[str, list[str]] = {}
    if body.get("template") in (None, ""):
        errors["template"] = [required("template")]
    if record is not None and body.get("next_run") in (None, ""):
        errors["next_run"] = [required("next_run")]  # required on update too
    if "next_run" in body and body["next_run"] not in (None, ""):
        when = _date(body["next_run"])
        if when is None:
            errors["next_run"] = ["The next run field must match the format Y-m-d."]
        elif when < call.state.clock.today():
            errors["next_run"] = ["The next run field must be a date after or equal to today."]
    frequency = body.get("frequency_id")
    if frequency not in (None, "") and str(frequency) not in {str(i) for i in range(0, 13)}:
        errors["frequency_id"] = ["The frequency id field must be between 1 and 12 digits."]
    parameters = body.get("parameters")
    if isinstance(parameters, dict):
        date_range = parameters.get("date_range")
        if date_range is not None and date_range not in DATE_RANGES:
            errors["parameters.date_range"] = [invalid_selection("parameters.date_range")]
        for name in ("start_date", "end_date"):
            if date_range == "custom" and not parameters.get(name):
                errors[f"parameters.{name}"] = [
                    f"The parameters.{name} field is required when parameters.date range is "
                    "custom."
                ]
    return errors


def schedule_saved(event: SaveEvent) -> None:
    record = event.record
    if record.get("template") == "email_record":
        record["frequency_id"] = "0"
    if not isinstance(record.get("parameters"), dict | list):
        record["parameters"] = []
    if isinstance(record["parameters"], dict):
        record["parameters"].setdefault("clients", [])
    record["next_run"] = record.get("next_run") or event.call.state.clock.today().isoformat()


async def schedule_bulk(call: Call) -> Response:
    action = (await call.body()).get("action")
    if action not in ("archive", "restore", "delete"):
        raise ApiError(400, "Bulk action does not exist")
    return await run_bulk(call, call.registry.spec("task_schedulers"))


def install(reg: Registry) -> None:
    reg.validator("task_schedulers")(validate_schedule)
    reg.on_save("task_schedulers")(schedule_saved)
    reg.add_routes(
        [Route(f"{PREFIX}/task_schedulers/bulk", api(schedule_bulk), methods=["POST"])]
    )
